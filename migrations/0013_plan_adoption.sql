-- Adopting a competence plan (issue 16): a status change is a version of its own (kind 'status'),
-- so the plan's history shows who sent it for review and who adopted it, when. A plan adopted
-- without any invited reviewer's comment keeps the secretariat's reason for skipping the review,
-- on the plan and as the note of the adoption's version. See docs/decisions/0015-competence-plans.md.
ALTER TABLE plans ADD COLUMN review_skipped_reason TEXT;
ALTER TABLE plan_versions ADD COLUMN note TEXT;
