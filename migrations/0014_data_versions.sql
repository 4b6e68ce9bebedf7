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

-- A round's figures stamp (0010) becomes the version of 'round-lines:<round id>', and its kept
-- demand tables move to the 'demand-figures' cache under it (src/demand/cache.ts). Page bodies are
-- not carried over: the next visitor renders one again.
INSERT INTO data_versions (name, version)
SELECT 'round-lines:' || id, figures_stamp FROM rounds WHERE figures_stamp > 0;

INSERT INTO cache_entries (namespace, key, stamp, depends_on, computed_at, value)
SELECT 'demand-figures', c.round_id || '/' || c.query_key, json_array(r.figures_stamp),
  json_array('round-lines:' || c.round_id), c.computed_at, c.entries
FROM demand_cache c JOIN rounds r ON r.id = c.round_id
WHERE c.query_key NOT LIKE '{"page":%';

DROP TABLE demand_cache;
ALTER TABLE rounds DROP COLUMN figures_stamp;

-- The placement catalogue's counter (0007) becomes the version of 'placements'.
INSERT INTO data_versions (name, version) SELECT 'placements', version FROM placement_catalogue;
DROP TABLE placement_catalogue;
