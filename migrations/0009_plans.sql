-- Competence action plans (issue 8): drafted from a closed round's figures, edited, reviewed, adopted.
-- See docs/decisions/0015-competence-plans.md.

-- One plan. `figures_raw` and `figures_protected` are the generated tables (JSON) of the round the
-- plan was generated from; `figures_hash` names them. `sections` holds the current prose (JSON:
-- key → Markdown). `version` counts saves; a stale save changes nothing (409). `write_id` is the id
-- of the last write, which the later statements of the same batch test so that they act only if
-- that write happened. `published` is what the public sees once adopted: protected figures and
-- the adopted prose, frozen.
CREATE TABLE plans (
  id TEXT PRIMARY KEY,
  round_id TEXT NOT NULL REFERENCES rounds (id),
  specialisation TEXT NOT NULL,
  -- The language the prose is written in; headings, tables and labels follow the reader's.
  language TEXT NOT NULL DEFAULT 'sv' CHECK (language IN ('sv', 'en')),
  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'review', 'adopted')),
  version INTEGER NOT NULL DEFAULT 1,
  sections TEXT NOT NULL,
  figures_raw TEXT NOT NULL,
  figures_protected TEXT NOT NULL,
  figures_hash TEXT NOT NULL,
  computed_at TEXT NOT NULL,
  write_id TEXT NOT NULL,
  published TEXT,
  created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  adopted_at TEXT,
  adopted_by TEXT REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX plans_status ON plans (status, updated_at);

-- Every save is a version: its author and time, the prose as saved and the figures it stood on.
CREATE TABLE plan_versions (
  plan_id TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('generated', 'edited', 'regenerated', 'status')),
  status TEXT NOT NULL,
  author_id TEXT REFERENCES users (id) ON DELETE SET NULL,
  author_name TEXT NOT NULL,
  created_at TEXT NOT NULL,
  sections TEXT NOT NULL,
  measures TEXT NOT NULL,
  figures_raw TEXT NOT NULL,
  figures_hash TEXT NOT NULL,
  round_id TEXT NOT NULL,
  PRIMARY KEY (plan_id, version)
) WITHOUT ROWID;

-- Proposed measures, each under one of the strategy's five competence measures
-- (data/reference/blekinge-strategy.json, competence_measures), with owner, timeline, the
-- indicator that is re-measured in later rounds, its baseline in the plan's round and a target.
CREATE TABLE plan_measures (
  plan_id TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  competence_measure TEXT NOT NULL
    CHECK (competence_measure IN ('inventera', 'utbildningsdialog', 'praktik-trainee', 'rekrytering', 'handlingsplan')),
  sort_order INTEGER NOT NULL,
  title TEXT NOT NULL,
  owner TEXT NOT NULL,
  timeline TEXT NOT NULL,
  indicator TEXT NOT NULL,
  baseline REAL,
  target REAL,
  PRIMARY KEY (plan_id, id)
) WITHOUT ROWID;

-- People invited to review a plan (the reference group, the working groups). The invitation makes
-- an account with the reviewer role if there is none and mails a sign-in link to the plan.
CREATE TABLE plan_reviewers (
  plan_id TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  email TEXT NOT NULL COLLATE NOCASE,
  invited_by TEXT REFERENCES users (id) ON DELETE SET NULL,
  invited_at TEXT NOT NULL,
  PRIMARY KEY (plan_id, email)
) WITHOUT ROWID;

-- A reviewer's or the secretariat's comment on one version (optionally one section of it).
CREATE TABLE plan_comments (
  id TEXT PRIMARY KEY,
  plan_id TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  section_key TEXT,
  author_id TEXT REFERENCES users (id) ON DELETE SET NULL,
  author_name TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX plan_comments_plan ON plan_comments (plan_id, created_at);
