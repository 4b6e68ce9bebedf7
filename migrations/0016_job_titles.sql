-- Job titles (issue 18): JobTech's occupation names (yrkesbenämningar, data/reference/
-- jobtech_occupation_names.csv), each under its SSYK-4 occupation group, and the other labels that
-- point at a name (jobtech_occupation_name_synonyms.csv: label parts, keywords, ad terms).
-- Occupation search matches these and answers with the group (src/taxonomy/titles/,
-- docs/decisions/0026-job-title-search.md). Like all reference data, rows are never deleted.
CREATE TABLE occupation_names (
  id TEXT PRIMARY KEY,
  label_sv TEXT NOT NULL,
  occupation_id TEXT NOT NULL REFERENCES occupations (id),
  -- The group's SSYK 2012 code as the source gives it (it also names the 21 groups that
  -- jobtech_ssyk4_groups.csv leaves blank).
  ssyk_code TEXT
);
CREATE INDEX occupation_names_occupation ON occupation_names (occupation_id);

CREATE TABLE occupation_name_synonyms (
  label TEXT NOT NULL,
  occupation_name_id TEXT NOT NULL REFERENCES occupation_names (id),
  -- 'keyword' is a broad search word (sökbegrepp) that points at several names, a weak hint only.
  kind TEXT NOT NULL CHECK (kind IN ('label_part', 'keyword', 'ontology_term', 'ontology_term_misspelled')),
  PRIMARY KEY (label, occupation_name_id)
);
CREATE INDEX occupation_name_synonyms_name ON occupation_name_synonyms (occupation_name_id);
