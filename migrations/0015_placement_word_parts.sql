-- Placement search by word prefix and compound part (issue 18; docs/decisions/0025-placement-text-search.md).
-- Still plain tables, not FTS5: D1 cannot export a database that holds a virtual table (0013).

-- Whether the word is in the placement's title, which ranks a match there above one elsewhere.
ALTER TABLE placement_terms ADD COLUMN in_title INTEGER NOT NULL DEFAULT 0;

-- The vocabulary's parts: every indexed word under itself and under each of its endings of at least
-- four letters ('sommarjobb' under 'sommarjobb', 'ommarjobb', … 'jobb'). A query word is a prefix
-- range over `part`; the words it finds lead to placements through placement_terms. Shared by all
-- placements and only ever added to: a word no placement holds any more finds nothing.
CREATE TABLE placement_word_parts (
  part TEXT NOT NULL,
  word TEXT NOT NULL,
  PRIMARY KEY (part, word)
) WITHOUT ROWID;

-- The words indexed before this migration, with the parts src/placements/terms.ts (wordParts) makes.
WITH RECURSIVE parts (part, word) AS (
  SELECT DISTINCT term, term FROM placement_terms
  UNION
  SELECT substr(part, 2), word FROM parts WHERE length(part) > 4
)
INSERT INTO placement_word_parts (part, word) SELECT part, word FROM parts;

-- Title words of the placements indexed before: approximately (SQLite's lower() folds ASCII letters
-- only, and a word inside a longer title word counts); the next write of a placement makes it exact.
UPDATE placement_terms SET in_title = 1
WHERE instr(lower((SELECT p.title FROM placements p WHERE p.id = placement_terms.placement_id)), term) > 0;

-- Cached search answers were made without prefixes: make them stale.
INSERT INTO data_versions (name, version) VALUES ('placements', 1)
ON CONFLICT (name) DO UPDATE SET version = version + 1;
