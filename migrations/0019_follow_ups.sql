-- "Did they stay?" (issue 19): the dates outcome figures are made from, follow-ups at 3, 12 and 24
-- months after the move, the published outcome figures, and the kommuner a relocation guide serves.
-- docs/decisions/0029-follow-ups.md.

-- The day the recruit accepted the offer (personal: cut to the month when the case is erased) and
-- the days from it to the move-in, worked out when the case closes: an outcome fact that outlives
-- the erasure, which cuts both dates to the month. The organisation's kommun, copied when the case
-- opens (the guides' per-kommun queue reads it; personal, emptied on erasure).
ALTER TABLE move_cases ADD COLUMN offer_accepted_on TEXT;
ALTER TABLE move_cases ADD COLUMN offer_to_move_days INTEGER CHECK (offer_to_move_days >= 0);
ALTER TABLE move_cases ADD COLUMN workplace_kommun TEXT REFERENCES municipalities (code);

-- The need line's specialisations, copied when the case opens as the occupation is: the outcome
-- figures are cut by them. Not personal; kept after erasure.
CREATE TABLE move_case_specialisations (
  case_id TEXT NOT NULL REFERENCES move_cases (id) ON DELETE CASCADE,
  specialisation_code TEXT NOT NULL,
  PRIMARY KEY (case_id, specialisation_code)
) WITHOUT ROWID;

-- One follow-up per adult of a moved-in household and wave (3, 12, 24 months after the move-in).
-- No name and no address: the mail goes to the household row's address while the case holds one.
-- On erasure only the facts the figures need stay (in_region, in_work, work_since); the rest is
-- emptied and the dates cut to the month.
CREATE TABLE move_case_follow_ups (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES move_cases (id) ON DELETE CASCADE,
  person TEXT NOT NULL CHECK (person IN ('recruit', 'partner')),
  wave INTEGER NOT NULL CHECK (wave IN (3, 12, 24)),
  due_on TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'due' CHECK (state IN ('due', 'sent', 'answered', 'declined', 'lapsed')),
  sent_at TEXT,
  reminded_at TEXT,
  answered_at TEXT,
  in_region INTEGER CHECK (in_region IN (0, 1)),
  kommun TEXT REFERENCES municipalities (code),
  in_work INTEGER CHECK (in_work IN (0, 1)),
  work_since TEXT,
  occupation_group TEXT,
  network_employer TEXT CHECK (network_employer IN ('yes', 'no', 'unknown')),
  recommend TEXT CHECK (recommend IN ('yes', 'no', 'unsure')),
  UNIQUE (case_id, person, wave)
);
CREATE INDEX move_case_follow_ups_state ON move_case_follow_ups (state, due_on);

-- The outcome figures as published: every cell of every outcome table, protected together, replaced
-- as a whole by the job that computes them. A NULL dimension is the margin over it.
CREATE TABLE move_outcome_cells (
  cell_id TEXT PRIMARY KEY,
  measure TEXT NOT NULL,
  specialisation TEXT,
  municipality TEXT,
  year TEXT,
  status TEXT,
  value INTEGER NOT NULL,
  households INTEGER NOT NULL,
  median_days INTEGER,
  suppressed TEXT CHECK (suppressed IN ('few', 'dominance', 'secondary')),
  computed_at TEXT NOT NULL
);

-- The kommuner a relocation guide serves: the queue they see. None: the whole region.
CREATE TABLE guide_kommuner (
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kommun_code TEXT NOT NULL REFERENCES municipalities (code),
  PRIMARY KEY (user_id, kommun_code)
) WITHOUT ROWID;
