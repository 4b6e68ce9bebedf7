-- Matching a partner's profile to the openings of the organisations it is shared with (issue 19;
-- docs/decisions/0031-partner-matching.md). One notice per profile and organisation: what the
-- organisation sees first, without the person's name; the partner's acceptance releases contact.
-- `matches` is the JSON list of the organisation's own openings the profile matched, each with the
-- filters it passed (no score). Erasing the profile removes its notices (ON DELETE CASCADE).
CREATE TABLE partner_notices (
  id TEXT PRIMARY KEY,
  profile_id TEXT NOT NULL REFERENCES partner_profiles (id) ON DELETE CASCADE,
  organisation_id TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  matches TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'new'
    CHECK (state IN ('new', 'interested', 'not-interested', 'accepted', 'declined', 'hired', 'not-hired')),
  interested_at TEXT,
  answered_at TEXT,
  hired_on TEXT,
  outcome_at TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (profile_id, organisation_id)
);
CREATE INDEX partner_notices_organisation ON partner_notices (organisation_id, state);

-- When the profile was last matched: the daily job takes the profiles matched longest ago first.
ALTER TABLE partner_profiles ADD COLUMN matched_at TEXT;
