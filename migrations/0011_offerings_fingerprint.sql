-- The offerings' fingerprint (count, latest change, sum of versions; src/education/matches.ts) is
-- read on every gap request to know whether the memoised matches still hold. This index covers it,
-- so it is read from a small index instead of a scan of every offering row (about 0.8 ms for 2,000
-- offerings before). docs/decisions/0017-per-request-costs.md.
CREATE INDEX offerings_fingerprint ON offerings (updated_at, version);
