-- Joint recruitment campaigns (issue 19): the secretariat bundles similar need lines of several
-- organisations into one campaign with a public page, visit days and one application that the
-- candidate routes to the organisations they choose. docs/decisions/0032-campaigns.md.

-- A campaign: what the secretariat writes. Public from opens_on (a day in Swedish time); takes
-- applications until closes_on. occupations: JSON array of SSYK 3/4 codes; kommuner: of kommun codes.
CREATE TABLE campaigns (
  id TEXT PRIMARY KEY,
  title_sv TEXT NOT NULL,
  title_en TEXT NOT NULL,
  description_sv TEXT NOT NULL,
  description_en TEXT NOT NULL,
  occupations TEXT NOT NULL,
  kommuner TEXT NOT NULL,
  opens_on TEXT NOT NULL,
  closes_on TEXT NOT NULL,
  is_demo INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
  created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
  created_at TEXT NOT NULL,
  erased_at TEXT,
  CHECK (closes_on >= opens_on)
);
CREATE INDEX campaigns_dates ON campaigns (opens_on, closes_on);

-- A need line the secretariat invited into the campaign. The line is a confidential survey answer:
-- it shows anywhere public only once its organisation has confirmed it (status 'confirmed', with
-- the posts it advertises). The line is copied, not referenced: a new submission replaces an
-- organisation's need lines with new rows (as move_cases does).
CREATE TABLE campaign_lines (
  id TEXT PRIMARY KEY,
  campaign_id TEXT NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
  organisation_id TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  round_id TEXT NOT NULL,
  need_line_id TEXT NOT NULL,                 -- informative, not a key
  need_line_no INTEGER NOT NULL,
  occupation_id TEXT NOT NULL REFERENCES occupations (id),
  ssyk_code TEXT,
  headcount INTEGER NOT NULL,                 -- the line's own (confidential) headcount
  status TEXT NOT NULL DEFAULT 'invited' CHECK (status IN ('invited', 'confirmed', 'declined')),
  posts INTEGER CHECK (posts IS NULL OR posts BETWEEN 1 AND 1000),
  answered_by TEXT REFERENCES users (id) ON DELETE SET NULL,
  answered_at TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  invited_at TEXT NOT NULL,
  UNIQUE (campaign_id, round_id, organisation_id, need_line_no),
  CHECK ((status = 'confirmed') = (posts IS NOT NULL))
);
CREATE INDEX campaign_lines_organisation ON campaign_lines (organisation_id, status);

-- Visit days: a date, a place and a limit on sign-ups.
CREATE TABLE campaign_visit_days (
  id TEXT PRIMARY KEY,
  campaign_id TEXT NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
  day TEXT NOT NULL,                          -- YYYY-MM-DD
  place TEXT NOT NULL,
  places_limit INTEGER NOT NULL CHECK (places_limit BETWEEN 1 AND 10000),
  created_at TEXT NOT NULL
);
CREATE INDEX campaign_visit_days_campaign ON campaign_visit_days (campaign_id, day);

-- Who signed up for a visit day (personal: erased with the campaign's applications).
CREATE TABLE campaign_visit_signups (
  visit_day_id TEXT NOT NULL REFERENCES campaign_visit_days (id) ON DELETE CASCADE,
  email TEXT NOT NULL COLLATE NOCASE,
  name TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (visit_day_id, email)
) WITHOUT ROWID;
CREATE INDEX campaign_visit_signups_email ON campaign_visit_signups (email);

-- One application (personal). It reaches no organisation until the candidate has confirmed their
-- address through the mailed sign-in link (confirmed_at). Erasure (the candidate's request, or
-- retention 24 months after the campaign closed) empties the personal columns and keeps the row
-- and its routes' statuses and dates, which the campaign's figures count.
CREATE TABLE campaign_applications (
  id TEXT PRIMARY KEY,
  campaign_id TEXT NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  email TEXT NOT NULL COLLATE NOCASE,
  letter TEXT NOT NULL,
  cv TEXT NOT NULL,                           -- links or CV text
  earliest_start TEXT NOT NULL,               -- YYYY-MM-DD
  partner_needs_work INTEGER NOT NULL CHECK (partner_needs_work IN (0, 1)),
  is_demo INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
  created_at TEXT NOT NULL,
  confirmed_at TEXT,
  erased_at TEXT
);
CREATE INDEX campaign_applications_email ON campaign_applications (email);
CREATE INDEX campaign_applications_campaign ON campaign_applications (campaign_id);

-- The application's copy for one organisation the candidate chose, with that organisation's
-- status and its dates. An organisation reads only its own rows.
CREATE TABLE campaign_application_routes (
  application_id TEXT NOT NULL REFERENCES campaign_applications (id) ON DELETE CASCADE,
  organisation_id TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  status TEXT NOT NULL DEFAULT 'received' CHECK (status IN ('received', 'interview', 'offer', 'hired', 'not-hired', 'withdrawn')),
  interview_on TEXT,
  offer_on TEXT,
  hired_on TEXT,
  not_hired_on TEXT,
  withdrawn_at TEXT,
  hired_line_id TEXT REFERENCES campaign_lines (id) ON DELETE SET NULL,
  version INTEGER NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (application_id, organisation_id)
) WITHOUT ROWID;
CREATE INDEX campaign_application_routes_organisation ON campaign_application_routes (organisation_id, status);

-- A post of a need line an organisation filled on its own, outside any campaign: the comparison
-- for the campaigns' time to fill, counted from the round's close (round_closes_on).
CREATE TABLE need_line_fills (
  id TEXT PRIMARY KEY,
  organisation_id TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  round_id TEXT NOT NULL,
  need_line_id TEXT NOT NULL,                 -- informative, not a key
  need_line_no INTEGER NOT NULL,
  occupation_id TEXT NOT NULL REFERENCES occupations (id),
  ssyk_code TEXT,
  round_closes_on TEXT NOT NULL,              -- YYYY-MM-DD, Swedish time
  filled_on TEXT NOT NULL,                    -- YYYY-MM-DD
  created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX need_line_fills_organisation ON need_line_fills (organisation_id, round_id, need_line_no);
