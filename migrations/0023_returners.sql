-- Issue 19: the returner and alumni pool (docs/decisions/0033-returners.md).

-- A person who lived, studied or did a placement here and wants to hear of work here. One entry per
-- address. `pending` until the address is confirmed by the mailed sign-in link; then `active` (mailed)
-- or `paused` (not mailed) until `expires_at`, twelve months after the consent was given or renewed.
-- Past expiry the entry is lapsed: never mailed, not counted, erased after a grace period.
CREATE TABLE returners (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL COLLATE NOCASE UNIQUE,
  name TEXT NOT NULL,
  connection TEXT NOT NULL CHECK (connection IN ('lived', 'studied', 'placement', 'other')),
  earliest_move TEXT,                                   -- YYYY-MM; NULL: open
  remote TEXT NOT NULL CHECK (remote IN ('on-site', 'hybrid', 'remote', 'any')),
  kommuner TEXT NOT NULL DEFAULT '[]',                  -- JSON array of kommun codes; [] any
  languages TEXT NOT NULL DEFAULT '[]',                 -- JSON array of free-text language names
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'active', 'paused')),
  consented_at TEXT,
  expires_at TEXT,
  renewal_mailed_at TEXT,
  renew_token_hash TEXT,
  last_digest_at TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  is_demo INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX returners_status ON returners (status, expires_at);
CREATE UNIQUE INDEX returners_renew_token ON returners (renew_token_hash);

CREATE TABLE returner_occupations (
  returner_id TEXT NOT NULL REFERENCES returners (id) ON DELETE CASCADE,
  occupation_id TEXT NOT NULL REFERENCES occupations (id),
  ssyk_code TEXT,
  PRIMARY KEY (returner_id, occupation_id)
) WITHOUT ROWID;
CREATE INDEX returner_occupations_ssyk ON returner_occupations (ssyk_code);

-- What a returner has been told of (one row per item and source), so a digest names only new items.
CREATE TABLE returner_notices (
  returner_id TEXT NOT NULL REFERENCES returners (id) ON DELETE CASCADE,
  source TEXT NOT NULL,
  item_key TEXT NOT NULL,
  noticed_at TEXT NOT NULL,
  PRIMARY KEY (returner_id, source, item_key)
) WITHOUT ROWID;
