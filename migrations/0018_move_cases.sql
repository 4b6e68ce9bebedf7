-- Move cases (issue 19, first slice): a household moving here for a job that an organisation's need
-- line said it would recruit from outside the region. docs/decisions/0027-move-cases.md.

-- A new global role, the relocation guide (inflyttarlots). SQLite cannot change a CHECK, so the
-- table is rebuilt; nothing references user_roles, so dropping the old one breaks no key.
CREATE TABLE user_roles_next (
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('secretariat', 'student', 'reviewer', 'relocation-guide')),
  granted_at TEXT NOT NULL,
  PRIMARY KEY (user_id, role)
) WITHOUT ROWID;
INSERT INTO user_roles_next (user_id, role, granted_at) SELECT user_id, role, granted_at FROM user_roles;
DROP TABLE user_roles;
ALTER TABLE user_roles_next RENAME TO user_roles;

-- One household's move. The need line is copied (round, line number, occupation), not referenced:
-- a new submission replaces an organisation's need lines with new rows. No field for the partner's
-- gender or the kind of relationship; children by age band only (research/recruitment.md §8).
-- When the personal details are erased (retention or a data subject's request), the columns marked
-- "personal" are emptied and the row keeps only the outcome: kommun, month, occupation group.
CREATE TABLE move_cases (
  id TEXT PRIMARY KEY,
  organisation_id TEXT REFERENCES organisations (id) ON DELETE SET NULL, -- personal (with the round, names the job)
  round_id TEXT,                                                          -- personal
  need_line_id TEXT,                                                      -- personal; informative, not a key
  need_line_no INTEGER,                                                   -- personal
  occupation_id TEXT NOT NULL REFERENCES occupations (id),
  ssyk_code TEXT,
  partner_comes INTEGER CHECK (partner_comes IN (0, 1)),                  -- personal
  children_0_5 INTEGER CHECK (children_0_5 BETWEEN 0 AND 20),             -- personal
  children_6_15 INTEGER CHECK (children_6_15 BETWEEN 0 AND 20),           -- personal
  children_16_19 INTEGER CHECK (children_16_19 BETWEEN 0 AND 20),         -- personal
  housing_tenure TEXT CHECK (housing_tenure IN ('rent', 'buy')),          -- personal
  housing_rooms INTEGER CHECK (housing_rooms BETWEEN 1 AND 10),           -- personal
  housing_kommuner TEXT,                                                  -- personal; JSON array of kommun codes
  earliest_move TEXT,                                                     -- personal; YYYY-MM
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  outcome TEXT CHECK (outcome IN ('moved-in', 'did-not-move', 'withdrawn')),
  moved_in_on TEXT,                                                       -- YYYY-MM-DD; YYYY-MM once erased
  moved_to_kommun TEXT REFERENCES municipalities (code),
  guide_user_id TEXT REFERENCES users (id) ON DELETE SET NULL,           -- personal
  opened_by TEXT REFERENCES users (id) ON DELETE SET NULL,               -- personal
  version INTEGER NOT NULL DEFAULT 1,
  is_demo INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  closed_at TEXT,
  erased_at TEXT
);
CREATE INDEX move_cases_organisation ON move_cases (organisation_id, status);
CREATE INDEX move_cases_guide ON move_cases (guide_user_id, status);
CREATE INDEX move_cases_retention ON move_cases (status, erased_at, closed_at);

-- The adults of the household who see the case: in this slice the recruit, invited by a sign-in
-- link; the partner's own row (with their own acceptance) comes with the partner's profile.
CREATE TABLE move_case_people (
  case_id TEXT NOT NULL REFERENCES move_cases (id) ON DELETE CASCADE,
  person TEXT NOT NULL CHECK (person IN ('recruit', 'partner')),
  name TEXT NOT NULL,
  email TEXT NOT NULL COLLATE NOCASE,
  invited_at TEXT NOT NULL,
  accepted_at TEXT,
  PRIMARY KEY (case_id, person)
) WITHOUT ROWID;
CREATE INDEX move_case_people_email ON move_case_people (email);

-- The case's checklist. `escalation` is how far a stalled task has gone: 1 overdue (its owner
-- mailed), 2 the guide mailed (5 days after due), 3 the secretariat's contact mailed (10 days);
-- each level is claimed by one conditional UPDATE, so it is mailed once.
CREATE TABLE move_case_tasks (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES move_cases (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('housing', 'school', 'sfi', 'healthcare', 'population-register', 'partner-job', 'other')),
  title TEXT,
  owner TEXT NOT NULL CHECK (owner IN ('organisation', 'guide', 'household')),
  due_on TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'done', 'not-needed')),
  note TEXT NOT NULL DEFAULT '',
  escalation INTEGER NOT NULL DEFAULT 0 CHECK (escalation BETWEEN 0 AND 3),
  position INTEGER NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
  updated_by TEXT REFERENCES users (id) ON DELETE SET NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX move_case_tasks_case ON move_case_tasks (case_id, position);
CREATE INDEX move_case_tasks_stalled ON move_case_tasks (state, escalation, due_on);
