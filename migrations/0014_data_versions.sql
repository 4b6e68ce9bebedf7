-- One cache module (issue 17; docs/decisions/0024-one-cache-module.md). `data_versions` holds a
-- counter per named piece of data that cached figures are made from ('round-lines:<round id>' for
-- a round's need lines, 'placements' for the open catalogue); the write that changes the data
-- raises it in its own batch, and a cache entry is used only under the versions it was made from.
-- A name that has never been raised reads as version 0.
CREATE TABLE data_versions (
  name TEXT PRIMARY KEY,
  version INTEGER NOT NULL
) WITHOUT ROWID;

-- Computed values kept in the database, per cache (namespace) and key: `stamp` is the JSON array
-- of the versions of `depends_on` (a JSON array of names) they were made from. An entry whose
-- stamp is no longer current is never read, and the caches' purge jobs delete it. `value` is last
-- so that reading the other columns does not read its overflow pages.
CREATE TABLE cache_entries (
  namespace TEXT NOT NULL,
  key TEXT NOT NULL,
  stamp TEXT NOT NULL,
  depends_on TEXT NOT NULL,
  computed_at TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (namespace, key)
) WITHOUT ROWID;
