-- A round's figures stamp: raised in the same batch as a submission or an import deletes the
-- round's demand_cache rows. Servers keep cached figures in memory under it, and a computed table
-- is stored only if the stamp is still the one read before computing it, so a table computed from
-- the lines before a submission is never kept after it. docs/decisions/0017-per-request-costs.md.
ALTER TABLE rounds ADD COLUMN figures_stamp INTEGER NOT NULL DEFAULT 0;
