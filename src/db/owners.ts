import type { TableName } from './schema.ts';

/**
 * Who may write a table: a feature (its folder under src/), the cache (src/cache/, shared
 * infrastructure that any feature writes through its functions) or the migrations. Reference data
 * (codes and their names) belongs to taxonomy and only migrations and the seed (src/seed/) write it.
 */
export type TableOwner =
  | 'taxonomy'
  | 'audit'
  | 'mail'
  | 'identity'
  | 'organisations'
  | 'surveys'
  | 'publication'
  | 'placements'
  | 'education'
  | 'plans'
  | 'recruitment'
  | 'cache'
  | 'migrations';

/**
 * Each table's one owner (issue 17: "a table has one owning feature; others call its functions").
 * Only the owner's folder writes the table (insert, update, delete, in Kysely or raw SQL);
 * scripts/check-architecture.ts enforces it, and the type makes a new table name its owner here.
 * docs/architecture.md, "Tables have owners".
 */
export const TABLE_OWNERS: Record<TableName, TableOwner> = {
  region: 'taxonomy',
  specialisations: 'taxonomy',
  focus_areas: 'taxonomy',
  ssyk: 'taxonomy',
  occupations: 'taxonomy',
  skills: 'taxonomy',
  occupation_skills: 'taxonomy',
  occupation_names: 'taxonomy',
  occupation_name_synonyms: 'taxonomy',
  sun_levels: 'taxonomy',
  sun_fields: 'taxonomy',
  sni: 'taxonomy',
  counties: 'taxonomy',
  municipalities: 'taxonomy',

  organisations: 'organisations',

  // Accounts and what lets a person act: identity signs people in, and accepting an invitation
  // (its link, the membership it grants, its audit entry) is one batch of the sign-in exchange;
  // organisations, above identity, writes these through identity's functions.
  users: 'identity',
  user_roles: 'identity',
  memberships: 'identity',
  invitations: 'identity',
  sign_in_tokens: 'identity',
  sessions: 'identity',
  api_tokens: 'identity',
  rate_limits: 'identity',

  outbox: 'mail',
  audit_log: 'audit',

  questionnaires: 'surveys',
  rounds: 'surveys',
  round_reminders: 'surveys',
  round_targets: 'surveys',
  responses: 'surveys',
  response_revisions: 'surveys',
  submitted_responses: 'surveys',
  need_lines: 'surveys',
  need_line_skills: 'surveys',
  need_line_focus: 'surveys',

  data_versions: 'cache',
  cache_entries: 'cache',

  publications: 'publication',
  publication_work: 'publication',
  publication_cells: 'publication',
  publication_skills: 'publication',

  offerings: 'education',
  offering_occupations: 'education',
  offering_skills: 'education',
  organisation_contact_consent: 'education',
  dialogue_interests: 'education',

  placements: 'placements',
  placement_skills: 'placements',
  placement_focus: 'placements',
  placement_terms: 'placements',
  placement_word_parts: 'placements',
  student_profiles: 'placements',
  recommendation_cache: 'placements',
  applications: 'placements',
  follow_ups: 'placements',

  plans: 'plans',
  plan_versions: 'plans',
  plan_measures: 'plans',
  plan_reviewers: 'plans',
  plan_comments: 'plans',
  move_cases: 'recruitment',
  move_case_people: 'recruitment',
  move_case_tasks: 'recruitment',
  move_case_specialisations: 'recruitment',
  move_case_follow_ups: 'recruitment',
  move_outcome_cells: 'recruitment',
  guide_kommuner: 'recruitment',
  network_members: 'recruitment',
  network_pledges: 'recruitment',
  network_pledge_records: 'recruitment',
  partner_profiles: 'recruitment',
  partner_consents: 'recruitment',
  partner_notices: 'recruitment',
  partner_inform_told: 'recruitment',
  partner_inform_tips: 'recruitment',
  campaigns: 'recruitment',
  campaign_lines: 'recruitment',
  campaign_visit_days: 'recruitment',
  campaign_visit_signups: 'recruitment',
  campaign_application_routes: 'recruitment',
  campaign_applications: 'recruitment',
  need_line_fills: 'recruitment',
  returners: 'recruitment',
  shared_post_proposals: 'recruitment',
  shared_post_members: 'recruitment',
  returner_occupations: 'recruitment',
  returner_notices: 'recruitment',

  // wrangler and src/node/migrate.ts record applied migrations here.
  d1_migrations: 'migrations',
};
