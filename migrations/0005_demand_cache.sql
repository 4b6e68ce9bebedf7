-- Computed demand tables (cells, margins and what the dominance rule needs), per round and query.
-- Aggregating a million need lines takes seconds, so pages read these. A submission to a round
-- deletes its rows in the same batch; a closed round's rows stay as they are (frozen).
CREATE TABLE demand_cache (
  round_id TEXT NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
  query_key TEXT NOT NULL,
  entries TEXT NOT NULL,
  computed_at TEXT NOT NULL,
  PRIMARY KEY (round_id, query_key)
) WITHOUT ROWID;
