-- Openings for a partner who shares the profile "to tell me about openings" (purpose `inform`;
-- docs/decisions/0031-partner-matching.md). The openings are matched live at every read; what is
-- stored is only what the weekly digest needs: when the partner was last mailed (the claim), and
-- which openings were named, so a digest names only new ones. The organisation learns nothing.
-- Erasing the profile removes its rows (ON DELETE CASCADE).
ALTER TABLE partner_profiles ADD COLUMN informed_at TEXT;

CREATE TABLE partner_inform_told (
  profile_id TEXT NOT NULL REFERENCES partner_profiles (id) ON DELETE CASCADE,
  -- 'tip': an organisation's tip (partner_inform_tips.id), named once like an opening.
  source TEXT NOT NULL CHECK (source IN ('need', 'placement', 'tip')),
  opening_id TEXT NOT NULL,
  told_at TEXT NOT NULL,
  PRIMARY KEY (profile_id, source, opening_id)
) WITHOUT ROWID;

-- What an organisation tells a partner of one of its own openings (a recruiting need line or a
-- placement), while the partner shares the profile with it "to tell me about openings". A need
-- line is a confidential survey answer: it reaches the partner only by this act of the
-- organisation. One tip per opening per profile; the occupation, kommun and title are the
-- opening's as told. Erasing the profile removes them.
CREATE TABLE partner_inform_tips (
  id TEXT PRIMARY KEY,
  profile_id TEXT NOT NULL REFERENCES partner_profiles (id) ON DELETE CASCADE,
  organisation_id TEXT NOT NULL REFERENCES organisations (id),
  source TEXT NOT NULL CHECK (source IN ('need', 'placement')),
  opening_id TEXT NOT NULL,
  occupation_id TEXT NOT NULL,
  kommun TEXT,
  title TEXT,
  note TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 500),
  tipped_at TEXT NOT NULL,
  UNIQUE (profile_id, source, opening_id)
);
CREATE INDEX partner_inform_tips_organisation ON partner_inform_tips (organisation_id);
