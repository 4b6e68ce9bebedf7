-- Openings for a partner who shares the profile "to tell me about openings" (purpose `inform`;
-- docs/decisions/0031-partner-matching.md). The openings are matched live at every read; what is
-- stored is only what the weekly digest needs: when the partner was last mailed (the claim), and
-- which openings were named, so a digest names only new ones. The organisation learns nothing.
-- Erasing the profile removes its rows (ON DELETE CASCADE).
ALTER TABLE partner_profiles ADD COLUMN informed_at TEXT;

CREATE TABLE partner_inform_told (
  profile_id TEXT NOT NULL REFERENCES partner_profiles (id) ON DELETE CASCADE,
  source TEXT NOT NULL CHECK (source IN ('need', 'placement')),
  opening_id TEXT NOT NULL,
  told_at TEXT NOT NULL,
  PRIMARY KEY (profile_id, source, opening_id)
) WITHOUT ROWID;
