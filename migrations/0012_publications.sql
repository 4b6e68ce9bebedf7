-- A round's publication (docs/decisions/0020-joint-publication.md): when a round closes, its figures
-- are computed once for a fixed catalogue of tables, protected together, and stored with a version.
-- Every public and provider view reads these rows; nothing public is computed outside them. A late
-- correction by the secretariat computes a new version; the old one is kept, superseded.
CREATE TABLE publications (
  id TEXT PRIMARY KEY,
  round_id TEXT NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('computing', 'published', 'superseded', 'failed')),
  catalogue_version INTEGER NOT NULL,
  -- The disclosure parameters it was protected with (JSON).
  rule TEXT NOT NULL,
  -- Where the computation stands: aggregate → suppress → store → done; with progress 0..1 and the
  -- state a step needs to go on (a Worker's Cron Trigger computes in steps).
  stage TEXT NOT NULL CHECK (stage IN ('aggregate', 'suppress', 'store', 'done')),
  progress REAL NOT NULL DEFAULT 0,
  state TEXT,
  -- Why it was computed: the round closed, or a correction (the secretariat's words).
  reason TEXT NOT NULL,
  requested_by TEXT REFERENCES users (id) ON DELETE SET NULL,
  -- What the computation found (cells, hidden, solves, seconds) and what changed from the version
  -- before (JSON).
  report TEXT,
  changes TEXT,
  error TEXT,
  created_at TEXT NOT NULL,
  -- A step claims the publication until this time, so that two runs never compute it at once.
  claimed_until TEXT,
  published_at TEXT,
  UNIQUE (round_id, version)
);
CREATE INDEX publications_round_status ON publications (round_id, status, version);
CREATE INDEX publications_status ON publications (status);

-- The aggregated figures of a publication still being computed: the catalogue's cells with what the
-- disclosure rules need, and the inner model's atoms, in parts of at most a few thousand rows.
CREATE TABLE publication_work (
  publication_id TEXT NOT NULL REFERENCES publications (id) ON DELETE CASCADE,
  part INTEGER NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (publication_id, part)
) WITHOUT ROWID;

-- The published cells. `kind` names the dimensions a cell has (catalogue.ts); a table is the cells
-- of its kinds. Hidden cells have no figures; their true figures are kept for the secretariat's
-- preview of what the public does not see, and are never read by a public view.
CREATE TABLE publication_cells (
  publication_id TEXT NOT NULL REFERENCES publications (id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  cell_id TEXT NOT NULL,
  headcount INTEGER,
  organisations INTEGER,
  status TEXT NOT NULL CHECK (status IN ('published', 'few', 'dominance', 'secondary')),
  true_headcount INTEGER NOT NULL,
  true_organisations INTEGER NOT NULL,
  PRIMARY KEY (publication_id, kind, cell_id)
) WITHOUT ROWID;

-- Skills that at least the threshold number of organisations name, overall ('') and per
-- specialisation: published as lists, without figures.
CREATE TABLE publication_skills (
  publication_id TEXT NOT NULL REFERENCES publications (id) ON DELETE CASCADE,
  specialisation_code TEXT NOT NULL,
  skill_id TEXT NOT NULL,
  PRIMARY KEY (publication_id, specialisation_code, skill_id)
) WITHOUT ROWID;
