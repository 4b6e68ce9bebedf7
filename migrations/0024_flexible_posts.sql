-- Flexible posts (issue 19; docs/decisions/0035-flexible-posts.md).
--
-- Questionnaire version 3 asks a need line's work form: where the work is done (workPlace: on-site,
-- hybrid, remote), its extent (full-time, part-time), and whether the organisation is open to sharing
-- a post with another organisation (openToSharing), which is its consent to be introduced to the others
-- that need the same occupation part-time; everything else is version 2's. The definition is
-- src/surveys/questionnaire.ts's QUESTIONNAIRES[3], exactly (test/node/recruitment.flexible.test.ts).
-- Written once, never changed.
INSERT OR IGNORE INTO questionnaires (version, definition, created_at) VALUES (3, '{"version":3,"organisation":[{"code":"employeesNow","type":"integer","min":0,"max":1000000},{"code":"expectedChange1y","type":"integer","min":-1000000,"max":1000000},{"code":"expectedChange3y","type":"integer","min":-1000000,"max":1000000},{"code":"obstacles","type":"choices","options":["few-applicants","skills-mismatch","experience","salary-competition","location","housing","partner-work","education-missing","language","other"],"max":3},{"code":"obstaclesOther","type":"text","maxLength":500},{"code":"providerInterest","type":"choice","options":["yes","maybe","no"]},{"code":"contactConsent","type":"boolean"}],"need":[{"code":"occupationId","type":"concept","scheme":"jobtech-ssyk-level-4","required":true},{"code":"skillIds","type":"concepts","scheme":"jobtech-skill"},{"code":"specialisations","type":"specialisations","required":true},{"code":"headcount","type":"integer","min":1,"max":10000,"required":true,"meaning":"people-to-recruit-or-train","wording":2},{"code":"horizon","type":"choice","options":["0-1","1-3","3-5"],"required":true},{"code":"educationLevel","type":"education-level","required":true},{"code":"difficulty","type":"integer","min":1,"max":5,"required":true},{"code":"strategies","type":"choices","options":["recruit-local","recruit-outside","train-staff","remote","consultants"],"wording":2},{"code":"partnerNeedsWork","type":"boolean","meaning":"relocation-family"},{"code":"workPlace","type":"choice","options":["on-site","hybrid","remote"]},{"code":"extent","type":"choice","options":["full-time","part-time"]},{"code":"openToSharing","type":"boolean","meaning":"consent-to-introduce"},{"code":"placementOffer","type":"placement-offer","kinds":["praktik","lia","exjobb","trainee"]},{"code":"comment","type":"text","maxLength":1000}]}', '2026-12-08T00:00:00.000Z');

-- The work form of a submitted need line (null: not asked, versions 1 and 2, or not answered).
ALTER TABLE need_lines ADD COLUMN work_place TEXT CHECK (work_place IN ('on-site', 'hybrid', 'remote'));
ALTER TABLE need_lines ADD COLUMN extent TEXT CHECK (extent IN ('full-time', 'part-time'));
ALTER TABLE need_lines ADD COLUMN open_to_sharing INTEGER NOT NULL DEFAULT 0 CHECK (open_to_sharing IN (0, 1));
CREATE INDEX need_lines_shareable ON need_lines (round_id, ssyk_code) WHERE extent = 'part-time' AND open_to_sharing = 1;

-- A shared-post proposal: two or more organisations that declared a part-time need for the same
-- occupation group (SSYK 4) in a round's submitted answers, and said they are open to sharing.
CREATE TABLE shared_post_proposals (
  id TEXT PRIMARY KEY,
  round_id TEXT NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
  ssyk_code TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (round_id, ssyk_code)
);

-- The organisations a proposal names, each with its answer. An organisation whose submitted answers
-- no longer declare a shareable part-time need of the group is left out of every view (the consent is
-- read again at each view), though its row stays for the audit.
CREATE TABLE shared_post_members (
  proposal_id TEXT NOT NULL REFERENCES shared_post_proposals (id) ON DELETE CASCADE,
  organisation_id TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  state TEXT NOT NULL DEFAULT 'proposed' CHECK (state IN ('proposed', 'accepted', 'declined')),
  answered_at TEXT,
  answered_by TEXT,
  added_at TEXT NOT NULL,
  PRIMARY KEY (proposal_id, organisation_id)
) WITHOUT ROWID;
CREATE INDEX shared_post_members_organisation ON shared_post_members (organisation_id);
