-- The competence-needs inventory: rounds, their frozen questionnaires, targets, shared drafts,
-- submissions kept as revisions, and the submitted need lines that insights aggregate.

-- A questionnaire version is written once and never changed; question codes are stable across
-- versions, so rounds compare and a new question breaks no old round.
CREATE TABLE questionnaires (
  version INTEGER PRIMARY KEY,
  definition TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE rounds (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  period TEXT NOT NULL,
  opens_at TEXT NOT NULL,
  closes_at TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('draft', 'open', 'closed')),
  questionnaire_version INTEGER NOT NULL REFERENCES questionnaires (version),
  -- {"sectors": [...], "sizeClasses": [...], "municipalities": [...], "sniSections": [...]}; empty = all
  target TEXT NOT NULL,
  created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
  created_at TEXT NOT NULL,
  opened_at TEXT,
  closed_at TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  CHECK (closes_at > opens_at)
);
CREATE INDEX rounds_status ON rounds (status, opens_at);

-- The organisations a round asks, fixed when it opens, with when they were invited and reminded.
CREATE TABLE round_targets (
  round_id TEXT NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
  organisation_id TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  sector TEXT NOT NULL,
  size_class TEXT NOT NULL,
  municipality_code TEXT NOT NULL,
  sni_section TEXT,
  invited_at TEXT,
  reminded_at TEXT,
  reminders INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (round_id, organisation_id)
) WITHOUT ROWID;
CREATE INDEX round_targets_organisation ON round_targets (organisation_id);

-- One response per organisation and round: the shared draft (a JSON document, saved as people
-- type, with a version for optimistic concurrency) and where its submissions stand.
CREATE TABLE responses (
  round_id TEXT NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
  organisation_id TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('draft', 'submitted')),
  draft TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT REFERENCES users (id) ON DELETE SET NULL,
  revision INTEGER NOT NULL DEFAULT 0,
  -- The draft version that the latest submission was made from: a higher version means changes
  -- not yet submitted.
  submitted_version INTEGER,
  submitted_at TEXT,
  submitted_by TEXT REFERENCES users (id) ON DELETE SET NULL,
  PRIMARY KEY (round_id, organisation_id)
) WITHOUT ROWID;
CREATE INDEX responses_status ON responses (round_id, status);

-- Every submission, as submitted: who, when, the document and what changed from the one before.
CREATE TABLE response_revisions (
  id TEXT PRIMARY KEY,
  round_id TEXT NOT NULL,
  organisation_id TEXT NOT NULL,
  revision INTEGER NOT NULL,
  submission_id TEXT NOT NULL UNIQUE,
  document TEXT NOT NULL,
  changes TEXT NOT NULL,
  submitted_by TEXT REFERENCES users (id) ON DELETE SET NULL,
  on_behalf INTEGER NOT NULL DEFAULT 0 CHECK (on_behalf IN (0, 1)),
  submitted_at TEXT NOT NULL,
  UNIQUE (round_id, organisation_id, revision),
  FOREIGN KEY (round_id, organisation_id) REFERENCES responses (round_id, organisation_id) ON DELETE CASCADE
);

-- The submitted answers in rows, for aggregation in SQL. Replaced on each submission. The
-- organisation's attributes are copied at submission so published figures of a round stay put.
CREATE TABLE submitted_responses (
  round_id TEXT NOT NULL,
  organisation_id TEXT NOT NULL,
  revision INTEGER NOT NULL,
  sector TEXT NOT NULL,
  size_class TEXT NOT NULL,
  municipality_code TEXT NOT NULL,
  sni_section TEXT,
  employees_now INTEGER,
  expected_change_1y INTEGER,
  expected_change_3y INTEGER,
  obstacles TEXT NOT NULL,
  provider_interest TEXT,
  contact_consent INTEGER NOT NULL DEFAULT 0,
  submitted_at TEXT NOT NULL,
  PRIMARY KEY (round_id, organisation_id),
  FOREIGN KEY (round_id, organisation_id) REFERENCES responses (round_id, organisation_id) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE need_lines (
  id TEXT PRIMARY KEY,
  round_id TEXT NOT NULL,
  organisation_id TEXT NOT NULL,
  line_no INTEGER NOT NULL,
  occupation_id TEXT NOT NULL REFERENCES occupations (id),
  ssyk_code TEXT,
  headcount INTEGER NOT NULL CHECK (headcount BETWEEN 1 AND 10000),
  horizon TEXT NOT NULL CHECK (horizon IN ('0-1', '1-3', '3-5')),
  education_level TEXT NOT NULL,
  difficulty INTEGER NOT NULL CHECK (difficulty BETWEEN 1 AND 5),
  recruit_local INTEGER NOT NULL DEFAULT 0,
  recruit_outside INTEGER NOT NULL DEFAULT 0,
  relocation_family INTEGER NOT NULL DEFAULT 0,
  train_staff INTEGER NOT NULL DEFAULT 0,
  remote INTEGER NOT NULL DEFAULT 0,
  consultants INTEGER NOT NULL DEFAULT 0,
  placement_kinds TEXT,
  placement_count INTEGER,
  comment TEXT,
  UNIQUE (round_id, organisation_id, line_no),
  FOREIGN KEY (round_id, organisation_id) REFERENCES submitted_responses (round_id, organisation_id) ON DELETE CASCADE
);
CREATE INDEX need_lines_round_occupation ON need_lines (round_id, occupation_id, horizon, organisation_id, headcount);

CREATE TABLE need_line_skills (
  need_line_id TEXT NOT NULL REFERENCES need_lines (id) ON DELETE CASCADE,
  skill_id TEXT NOT NULL REFERENCES skills (id),
  PRIMARY KEY (need_line_id, skill_id)
) WITHOUT ROWID;
CREATE INDEX need_line_skills_skill ON need_line_skills (skill_id);

-- A need may count for several specialisations and focus areas; focus_area_code '' means the
-- specialisation as a whole.
CREATE TABLE need_line_focus (
  need_line_id TEXT NOT NULL REFERENCES need_lines (id) ON DELETE CASCADE,
  specialisation_code TEXT NOT NULL REFERENCES specialisations (code),
  focus_area_code TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (need_line_id, specialisation_code, focus_area_code)
) WITHOUT ROWID;
CREATE INDEX need_line_focus_specialisation ON need_line_focus (specialisation_code, focus_area_code);
