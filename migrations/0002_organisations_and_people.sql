-- Organisations and the people who act for them. Issue 3 builds sign-in, roles and invitations on these.

CREATE TABLE organisations (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  org_number TEXT NOT NULL UNIQUE,
  sector TEXT NOT NULL CHECK (sector IN ('naringsliv', 'offentlig', 'akademi', 'civilsamhalle')),
  sni_division TEXT REFERENCES sni (code),
  size_class TEXT NOT NULL CHECK (size_class IN ('0', '1-9', '10-49', '50-249', '250+')),
  municipality_code TEXT NOT NULL REFERENCES municipalities (code),
  is_education_provider INTEGER NOT NULL DEFAULT 0 CHECK (is_education_provider IN (0, 1)),
  is_demo INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX organisations_municipality ON organisations (municipality_code);
CREATE INDEX organisations_sector ON organisations (sector, size_class);
CREATE INDEX organisations_name ON organisations (name COLLATE NOCASE);

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE COLLATE NOCASE,
  name TEXT NOT NULL,
  is_demo INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
  created_at TEXT NOT NULL,
  erased_at TEXT
);

-- Roles that are not tied to an organisation: secretariat, student, reviewer.
CREATE TABLE user_roles (
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('secretariat', 'student', 'reviewer')),
  granted_at TEXT NOT NULL,
  PRIMARY KEY (user_id, role)
) WITHOUT ROWID;

-- A person acting for an organisation: an ordinary member or education-provider staff.
CREATE TABLE memberships (
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  organisation_id TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('member', 'provider')),
  created_at TEXT NOT NULL,
  PRIMARY KEY (user_id, organisation_id)
) WITHOUT ROWID;
CREATE INDEX memberships_organisation ON memberships (organisation_id);
