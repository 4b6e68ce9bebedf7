-- The recruitment network and the partner's profile (issue 19; docs/decisions/0030-partner-profile.md).

-- An organisation's membership of the recruitment network, one row per period of membership: joining
-- records who accepted the joint-controller terms, which version and when; leaving ends the row. The
-- network's members are the rows without `left_at`; their names are public (they join by choice).
CREATE TABLE network_members (
  id TEXT PRIMARY KEY,
  organisation_id TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  terms_version TEXT NOT NULL,
  accepted_by TEXT REFERENCES users (id) ON DELETE SET NULL,
  joined_at TEXT NOT NULL,
  left_at TEXT,
  left_by TEXT REFERENCES users (id) ON DELETE SET NULL
);
CREATE UNIQUE INDEX network_members_current ON network_members (organisation_id) WHERE left_at IS NULL;

-- A member's pledge ("we interview one partner a quarter"): its own words, what counts (interviews or
-- contacts), how many, and per which period. Ended, not deleted, so its record stays.
CREATE TABLE network_pledges (
  id TEXT PRIMARY KEY,
  organisation_id TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  text TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('interview', 'contact')),
  count INTEGER NOT NULL CHECK (count BETWEEN 1 AND 100),
  cadence TEXT NOT NULL CHECK (cadence IN ('month', 'quarter', 'half-year', 'year')),
  created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
  created_at TEXT NOT NULL,
  ended_at TEXT
);
CREATE INDEX network_pledges_organisation ON network_pledges (organisation_id, ended_at);

-- What a member has done against a pledge: an interview or a contact on a day. No names of people:
-- the note is the organisation's own and must not name the partner.
CREATE TABLE network_pledge_records (
  id TEXT PRIMARY KEY,
  pledge_id TEXT NOT NULL REFERENCES network_pledges (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('interview', 'contact')),
  done_on TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  recorded_by TEXT REFERENCES users (id) ON DELETE SET NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX network_pledge_records_pledge ON network_pledge_records (pledge_id, done_on);

-- The partner's profile, held by the partner (one per person), hidden until a consent shares it. The
-- lists are JSON arrays of reference codes (occupation concept ids, skill ids, kommun codes, ISO 639-1
-- language codes, work modes), read with json_each where a query needs them. No column for gender or
-- the kind of relationship (research/recruitment.md §6, §8).
CREATE TABLE partner_profiles (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL UNIQUE REFERENCES users (id) ON DELETE CASCADE,
  occupation_ids TEXT NOT NULL,
  skill_ids TEXT NOT NULL,
  languages TEXT NOT NULL,
  earliest_start TEXT,
  kommuner TEXT NOT NULL,
  work_modes TEXT NOT NULL,
  about TEXT NOT NULL DEFAULT '',
  version INTEGER NOT NULL DEFAULT 1,
  is_demo INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- One consent: the profile shared with one organisation, or with the network (its members at the time
-- of each read), for one purpose, until `expires_at` (6 or 12 months), unless withdrawn. Read on every
-- access; a renewal moves `expires_at` and clears `reminded_at`.
CREATE TABLE partner_consents (
  id TEXT PRIMARY KEY,
  profile_id TEXT NOT NULL REFERENCES partner_profiles (id) ON DELETE CASCADE,
  recipient TEXT NOT NULL CHECK (recipient IN ('organisation', 'network')),
  organisation_id TEXT REFERENCES organisations (id) ON DELETE CASCADE,
  purpose TEXT NOT NULL CHECK (purpose IN ('consider', 'inform')),
  months INTEGER NOT NULL CHECK (months IN (6, 12)),
  given_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  reminded_at TEXT,
  withdrawn_at TEXT,
  CHECK ((recipient = 'organisation') = (organisation_id IS NOT NULL))
);
CREATE INDEX partner_consents_profile ON partner_consents (profile_id, withdrawn_at);
CREATE INDEX partner_consents_reader ON partner_consents (organisation_id, purpose, withdrawn_at, expires_at);
CREATE INDEX partner_consents_expiry ON partner_consents (withdrawn_at, reminded_at, expires_at);
