-- Reference data: the region's strategy and the national classifications.
-- Loaded by the seed command from data/reference (see data/reference/SOURCES.md).
-- Codes are TEXT: SSYK, SUN, SNI and municipality codes keep their leading zeros.

CREATE TABLE region (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  name_sv TEXT NOT NULL,
  name_en TEXT NOT NULL,
  county_code TEXT NOT NULL
);

CREATE TABLE specialisations (
  code TEXT PRIMARY KEY,
  name_sv TEXT NOT NULL,
  name_en TEXT NOT NULL,
  sort_order INTEGER NOT NULL
);

CREATE TABLE focus_areas (
  code TEXT PRIMARY KEY,
  specialisation_code TEXT NOT NULL REFERENCES specialisations (code),
  name_sv TEXT NOT NULL,
  name_en TEXT NOT NULL,
  note_en TEXT,
  sort_order INTEGER NOT NULL
);
CREATE INDEX focus_areas_specialisation ON focus_areas (specialisation_code, sort_order);

CREATE TABLE ssyk (
  code TEXT PRIMARY KEY,
  level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 4),
  name_sv TEXT NOT NULL,
  name_en TEXT NOT NULL,
  parent_code TEXT REFERENCES ssyk (code)
);
CREATE INDEX ssyk_level ON ssyk (level, code);

-- JobTech Taxonomy occupation groups (ssyk-level-4 concepts); id is the JobTech concept id.
-- ssyk_code is JobTech's code and has no foreign key: for twelve manager groups JobTech merges
-- SSYK's "nivå 1" and "nivå 2" (e.g. 1411 and 1412) into one group coded 1410, which is not an
-- SSYK 2012 code. Its first three digits are still the SSYK minor group, so roll-ups hold.
CREATE TABLE occupations (
  id TEXT PRIMARY KEY,
  label_sv TEXT NOT NULL,
  ssyk_code TEXT,
  ssyk_source TEXT,
  definition_sv TEXT,
  -- Lower-cased Swedish and English labels and the code, for search: SQLite's LIKE and lower()
  -- fold ASCII only, so "ö" would not find "Ö".
  search_text TEXT NOT NULL
);
CREATE INDEX occupations_ssyk ON occupations (ssyk_code);

CREATE TABLE skills (
  id TEXT PRIMARY KEY,
  label_sv TEXT NOT NULL,
  legacy_id TEXT,
  search_text TEXT NOT NULL
);

CREATE TABLE occupation_skills (
  occupation_id TEXT NOT NULL REFERENCES occupations (id),
  skill_id TEXT NOT NULL REFERENCES skills (id),
  PRIMARY KEY (occupation_id, skill_id)
) WITHOUT ROWID;
CREATE INDEX occupation_skills_skill ON occupation_skills (skill_id, occupation_id);

CREATE TABLE sun_levels (
  code TEXT PRIMARY KEY,
  digits INTEGER NOT NULL,
  name_sv TEXT NOT NULL,
  parent_code TEXT REFERENCES sun_levels (code)
);

CREATE TABLE sun_fields (
  code TEXT PRIMARY KEY,
  level INTEGER NOT NULL,
  name_sv TEXT NOT NULL,
  parent_code TEXT REFERENCES sun_fields (code)
);

CREATE TABLE sni (
  code TEXT PRIMARY KEY,
  level TEXT NOT NULL CHECK (level IN ('section', 'division', 'detail')),
  name_sv TEXT NOT NULL,
  parent_code TEXT REFERENCES sni (code),
  jobtech_id TEXT
);
CREATE INDEX sni_level ON sni (level, code);

CREATE TABLE counties (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  short_name TEXT NOT NULL,
  jobtech_id TEXT
);

CREATE TABLE municipalities (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  short_name TEXT NOT NULL,
  county_code TEXT NOT NULL REFERENCES counties (code),
  jobtech_id TEXT
);
CREATE INDEX municipalities_county ON municipalities (county_code, short_name);
