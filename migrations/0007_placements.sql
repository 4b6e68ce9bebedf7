-- Placements (issue 7): internships, LIA, degree projects, trainee programmes, summer and student
-- jobs; students' profiles, applications and the follow-ups 3 and 12 months after a placement ends.
-- Search uses an ordinary word index (placement_terms), not FTS5: D1 cannot export a database that
-- holds a virtual table (docs/decisions/0013-placements-and-matching.md).

CREATE TABLE placements (
  id TEXT PRIMARY KEY,
  organisation_id TEXT NOT NULL REFERENCES organisations (id),
  kind TEXT NOT NULL CHECK (kind IN ('praktik', 'lia', 'exjobb', 'trainee', 'summer', 'student-job')),
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  occupation_id TEXT NOT NULL REFERENCES occupations (id),
  municipality_code TEXT NOT NULL REFERENCES municipalities (code),
  remote INTEGER NOT NULL DEFAULT 0,
  period_start TEXT NOT NULL,
  period_end TEXT NOT NULL,
  places INTEGER NOT NULL CHECK (places BETWEEN 1 AND 1000),
  -- The last day to apply (a date, Swedish time); the placement is open through that day.
  apply_by TEXT NOT NULL,
  paid INTEGER NOT NULL DEFAULT 0,
  language TEXT NOT NULL DEFAULT 'sv',
  education_level TEXT,
  requirements TEXT NOT NULL DEFAULT '',
  contact TEXT NOT NULL DEFAULT '',
  -- The need line (need_lines.id) the placement was offered from; no foreign key: an amended
  -- response replaces its need lines, and the placement stays.
  need_ref TEXT,
  -- A fresh id per write: the link rows of a PATCH are replaced only if this write won.
  write_id TEXT,
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed', 'withdrawn')),
  version INTEGER NOT NULL DEFAULT 1,
  created_by TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  closed_at TEXT
);
CREATE INDEX placements_open ON placements (status, apply_by, id);
CREATE INDEX placements_kind ON placements (kind, status, apply_by, id);
CREATE INDEX placements_municipality ON placements (municipality_code, status, apply_by, id);
CREATE INDEX placements_occupation ON placements (occupation_id, status, apply_by, id);
CREATE INDEX placements_organisation ON placements (organisation_id, created_at);
CREATE INDEX placements_period_end ON placements (period_end);

CREATE TABLE placement_skills (
  placement_id TEXT NOT NULL REFERENCES placements (id) ON DELETE CASCADE,
  skill_id TEXT NOT NULL REFERENCES skills (id),
  PRIMARY KEY (placement_id, skill_id)
) WITHOUT ROWID;
CREATE INDEX placement_skills_skill ON placement_skills (skill_id, placement_id);

CREATE TABLE placement_focus (
  placement_id TEXT NOT NULL REFERENCES placements (id) ON DELETE CASCADE,
  specialisation_code TEXT NOT NULL REFERENCES specialisations (code),
  focus_area_code TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (placement_id, specialisation_code, focus_area_code)
) WITHOUT ROWID;
CREATE INDEX placement_focus_specialisation ON placement_focus (specialisation_code, placement_id);

-- The search index: one row per distinct normalised word of a placement's title, description,
-- requirements, occupation and skills, with its deadline so that a word's open placements come
-- out of the index in deadline order.
CREATE TABLE placement_terms (
  term TEXT NOT NULL,
  apply_by TEXT NOT NULL,
  placement_id TEXT NOT NULL REFERENCES placements (id) ON DELETE CASCADE,
  PRIMARY KEY (term, apply_by, placement_id)
) WITHOUT ROWID;
CREATE INDEX placement_terms_placement ON placement_terms (placement_id);

-- One counter bumped by every write to the open catalogue, so that cached recommendations know
-- when they are stale.
CREATE TABLE placement_catalogue (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  version INTEGER NOT NULL
);
INSERT INTO placement_catalogue (id, version) VALUES (1, 1);

CREATE TABLE student_profiles (
  user_id TEXT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  programme TEXT NOT NULL DEFAULT '',
  institution TEXT NOT NULL DEFAULT '',
  sun_level TEXT REFERENCES sun_levels (code),
  expected_graduation TEXT,
  remote_ok INTEGER NOT NULL DEFAULT 0,
  languages TEXT NOT NULL DEFAULT '[]',
  visibility TEXT NOT NULL DEFAULT 'hidden' CHECK (visibility IN ('hidden', 'applications', 'organisations')),
  skill_ids TEXT NOT NULL DEFAULT '[]',
  occupation_ids TEXT NOT NULL DEFAULT '[]',
  specialisations TEXT NOT NULL DEFAULT '[]',
  municipality_codes TEXT NOT NULL DEFAULT '[]',
  version INTEGER NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
);

-- A student's recommendations, computed once per profile version, catalogue version, demand
-- round and day (docs/decisions/0013-placements-and-matching.md).
CREATE TABLE recommendation_cache (
  user_id TEXT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  cache_key TEXT NOT NULL,
  items TEXT NOT NULL,
  computed_at TEXT NOT NULL
);

CREATE TABLE applications (
  id TEXT PRIMARY KEY,
  placement_id TEXT NOT NULL REFERENCES placements (id),
  student_id TEXT NOT NULL REFERENCES users (id),
  message TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'received'
    CHECK (status IN ('received', 'in-dialogue', 'offered', 'accepted', 'declined', 'withdrawn')),
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (placement_id, student_id)
);
CREATE INDEX applications_student ON applications (student_id, created_at);
CREATE INDEX applications_placement ON applications (placement_id, created_at);

-- Follow-up questions 3 and 12 months after a placement ends, one per accepted application,
-- side and moment; made and mailed by the scheduled job (src/placements/jobs.ts).
CREATE TABLE follow_ups (
  id TEXT PRIMARY KEY,
  application_id TEXT NOT NULL REFERENCES applications (id),
  placement_id TEXT NOT NULL REFERENCES placements (id),
  side TEXT NOT NULL CHECK (side IN ('student', 'organisation')),
  months INTEGER NOT NULL CHECK (months IN (3, 12)),
  due_at TEXT NOT NULL,
  created_at TEXT NOT NULL,
  mailed_at TEXT,
  answered_at TEXT,
  hired INTEGER,
  stayed_in_region INTEGER,
  UNIQUE (application_id, side, months)
);
CREATE INDEX follow_ups_unmailed ON follow_ups (mailed_at, due_at);
CREATE INDEX follow_ups_placement ON follow_ups (placement_id);
