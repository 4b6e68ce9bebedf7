-- Education offerings, their links to the taxonomy, providers' interests in dialogue and an
-- organisation's standing consent to be contacted (issue 6, docs/decisions/0012-education-gap.md).

-- One programme or course of an education provider (an organisation with is_education_provider).
-- Codes refer to the reference tables; start dates are a JSON array of ISO dates.
CREATE TABLE offerings (
  id TEXT PRIMARY KEY,
  provider_id TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  form TEXT NOT NULL CHECK (form IN ('university-programme', 'university-course', 'yh', 'komvux', 'contract', 'upper-secondary-vocational')),
  sun_level TEXT NOT NULL REFERENCES sun_levels (code),
  sun_field TEXT NOT NULL REFERENCES sun_fields (code),
  annual_places INTEGER NOT NULL CHECK (annual_places BETWEEN 0 AND 100000),
  annual_graduates INTEGER NOT NULL CHECK (annual_graduates BETWEEN 0 AND 100000),
  municipality_code TEXT REFERENCES municipalities (code),
  distance INTEGER NOT NULL DEFAULT 0 CHECK (distance IN (0, 1)),
  language TEXT NOT NULL DEFAULT 'sv' CHECK (language IN ('sv', 'en', 'sv-en', 'other')),
  pace INTEGER NOT NULL DEFAULT 100 CHECK (pace BETWEEN 1 AND 100),
  start_dates TEXT NOT NULL DEFAULT '[]',
  url TEXT,
  description TEXT,
  is_demo INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
  version INTEGER NOT NULL DEFAULT 1,
  -- The id of the write that last changed the row: the link-table statements of the same batch
  -- are conditioned on it, so a refused (stale) update changes no links either.
  write_id TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK (municipality_code IS NOT NULL OR distance = 1)
);
CREATE INDEX offerings_provider ON offerings (provider_id, name);
CREATE INDEX offerings_name ON offerings (name COLLATE NOCASE);
CREATE INDEX offerings_municipality ON offerings (municipality_code);

-- The occupations an offering prepares for (JobTech occupation-group ids).
CREATE TABLE offering_occupations (
  offering_id TEXT NOT NULL REFERENCES offerings (id) ON DELETE CASCADE,
  occupation_id TEXT NOT NULL REFERENCES occupations (id),
  PRIMARY KEY (offering_id, occupation_id)
) WITHOUT ROWID;
CREATE INDEX offering_occupations_occupation ON offering_occupations (occupation_id, offering_id);

-- The skills an offering teaches (JobTech skill ids). Joined with occupation_skills on skill_id
-- for the gap analysis's skill matches.
CREATE TABLE offering_skills (
  offering_id TEXT NOT NULL REFERENCES offerings (id) ON DELETE CASCADE,
  skill_id TEXT NOT NULL REFERENCES skills (id),
  PRIMARY KEY (offering_id, skill_id)
) WITHOUT ROWID;
CREATE INDEX offering_skills_skill ON offering_skills (skill_id, offering_id);

-- An organisation's standing consent, set by its members: whether the secretariat may contact it
-- about its needs, and whether education providers may see its name when they ask for dialogue.
CREATE TABLE organisation_contact_consent (
  organisation_id TEXT PRIMARY KEY REFERENCES organisations (id) ON DELETE CASCADE,
  secretariat_may_contact INTEGER NOT NULL DEFAULT 0 CHECK (secretariat_may_contact IN (0, 1)),
  shown_to_providers INTEGER NOT NULL DEFAULT 0 CHECK (shown_to_providers IN (0, 1)),
  version INTEGER NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL,
  updated_by TEXT REFERENCES users (id) ON DELETE SET NULL,
  -- Showing a name to providers implies the secretariat may pass the contact on.
  CHECK (shown_to_providers = 0 OR secretariat_may_contact = 1)
) WITHOUT ROWID;
CREATE INDEX organisation_contact_consent_shown ON organisation_contact_consent (shown_to_providers, organisation_id);

-- A provider's interest in dialogue with employers about an occupation (SSYK-4 code, as demand
-- keys it) or a specialisation; '' where not given. One per provider and subject.
CREATE TABLE dialogue_interests (
  id TEXT PRIMARY KEY,
  provider_id TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  occupation_code TEXT NOT NULL DEFAULT '',
  specialisation_code TEXT NOT NULL DEFAULT '',
  message TEXT,
  created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
  created_at TEXT NOT NULL,
  UNIQUE (provider_id, occupation_code, specialisation_code),
  CHECK (occupation_code <> '' OR specialisation_code <> '')
);
CREATE INDEX dialogue_interests_created ON dialogue_interests (created_at);
