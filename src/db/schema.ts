import type { Generated } from 'kysely';

/**
 * Table types, mirroring migrations/. They stay inside the data layer: query functions
 * convert rows to domain objects (0/1 to booleans, snake_case to camelCase) before returning.
 */
export interface Database {
  region: { id: number; name_sv: string; name_en: string; county_code: string };
  specialisations: { code: string; name_sv: string; name_en: string; sort_order: number };
  focus_areas: {
    code: string;
    specialisation_code: string;
    name_sv: string;
    name_en: string;
    note_en: string | null;
    sort_order: number;
  };
  ssyk: { code: string; level: number; name_sv: string; name_en: string; parent_code: string | null };
  occupations: {
    id: string;
    label_sv: string;
    ssyk_code: string | null;
    ssyk_source: string | null;
    definition_sv: string | null;
    search_text: string;
  };
  occupation_names: { id: string; label_sv: string; occupation_id: string; ssyk_code: string | null };
  occupation_name_synonyms: {
    label: string;
    occupation_name_id: string;
    kind: 'label_part' | 'keyword' | 'ontology_term' | 'ontology_term_misspelled';
  };
  skills: { id: string; label_sv: string; legacy_id: string | null; search_text: string };
  occupation_skills: { occupation_id: string; skill_id: string };
  sun_levels: { code: string; digits: number; name_sv: string; parent_code: string | null };
  sun_fields: { code: string; level: number; name_sv: string; parent_code: string | null };
  sni: { code: string; level: string; name_sv: string; parent_code: string | null; jobtech_id: string | null };
  counties: { code: string; name: string; short_name: string; jobtech_id: string | null };
  municipalities: {
    code: string;
    name: string;
    short_name: string;
    county_code: string;
    jobtech_id: string | null;
  };
  organisations: {
    id: string;
    name: string;
    org_number: string;
    sector: string;
    sni_division: string | null;
    size_class: string;
    municipality_code: string;
    is_education_provider: number;
    is_demo: number;
    version: Generated<number>;
    created_at: string;
    updated_at: string;
  };
  users: {
    id: string;
    email: string;
    name: string;
    is_demo: number;
    created_at: string;
    erased_at: string | null;
    last_sign_in_at: string | null;
  };
  user_roles: { user_id: string; role: string; granted_at: string };
  memberships: { user_id: string; organisation_id: string; role: string; created_at: string };
  invitations: {
    id: string;
    organisation_id: string;
    email: string;
    role: string;
    invited_by: string | null;
    created_at: string;
    expires_at: string;
    accepted_at: string | null;
    accepted_by: string | null;
    revoked_at: string | null;
  };
  sign_in_tokens: {
    id: string;
    email: string;
    purpose: string;
    invitation_id: string | null;
    created_at: string;
    expires_at: string;
    consumed_at: string | null;
    session_id: string | null;
  };
  sessions: {
    id: string;
    user_id: string;
    created_at: string;
    last_seen_at: string;
    expires_at: string;
    revoked_at: string | null;
    user_agent: string | null;
    ip: string | null;
  };
  api_tokens: {
    id: string;
    name: string;
    token_hash: string;
    scopes: string;
    created_by: string | null;
    created_at: string;
    expires_at: string | null;
    last_used_at: string | null;
    revoked_at: string | null;
  };
  outbox: {
    id: string;
    to_address: string;
    subject: string;
    body_text: string;
    links: string;
    kind: string;
    created_at: string;
    sent_at: string | null;
    attempts: Generated<number>;
    last_error: string | null;
    /** 0008: when a failed message may be tried again (scheduled work). */
    next_attempt_at: Generated<string | null>;
  };
  rate_limits: { key: string; window_start: string; count: number };
  audit_log: {
    id: string;
    at: string;
    actor_user_id: string | null;
    actor_token_id: string | null;
    action: string;
    target_type: string | null;
    target_id: string | null;
    detail: string | null;
    ip: string | null;
    user_agent: string | null;
    request_id: string | null;
  };
  questionnaires: { version: number; definition: string; created_at: string };
  rounds: {
    id: string;
    name: string;
    period: string;
    opens_at: string;
    closes_at: string;
    status: string;
    questionnaire_version: number;
    target: string;
    created_by: string | null;
    created_at: string;
    opened_at: string | null;
    closed_at: string | null;
    version: Generated<number>;
  };
  /** 0008: the secretariat's reminder times for a round, each claimed once by scheduled work. */
  round_reminders: { round_id: string; remind_at: string; claimed_at: string | null; sent: number | null };
  round_targets: {
    round_id: string;
    organisation_id: string;
    sector: string;
    size_class: string;
    municipality_code: string;
    sni_section: string | null;
    invited_at: string | null;
    reminded_at: string | null;
    reminders: Generated<number>;
  };
  responses: {
    round_id: string;
    organisation_id: string;
    version: number;
    status: string;
    draft: string;
    updated_at: string;
    updated_by: string | null;
    revision: Generated<number>;
    submitted_version: number | null;
    submitted_at: string | null;
    submitted_by: string | null;
  };
  response_revisions: {
    id: string;
    round_id: string;
    organisation_id: string;
    revision: number;
    submission_id: string;
    document: string;
    changes: string;
    submitted_by: string | null;
    on_behalf: number;
    submitted_at: string;
  };
  submitted_responses: {
    round_id: string;
    organisation_id: string;
    revision: number;
    sector: string;
    size_class: string;
    municipality_code: string;
    sni_section: string | null;
    employees_now: number | null;
    expected_change_1y: number | null;
    expected_change_3y: number | null;
    obstacles: string;
    provider_interest: string | null;
    contact_consent: number;
    submitted_at: string;
  };
  need_lines: {
    id: string;
    round_id: string;
    organisation_id: string;
    line_no: number;
    occupation_id: string;
    ssyk_code: string | null;
    headcount: number;
    horizon: string;
    education_level: string;
    difficulty: number;
    recruit_local: number;
    recruit_outside: number;
    relocation_family: number;
    train_staff: number;
    remote: number;
    consultants: number;
    placement_kinds: string | null;
    placement_count: number | null;
    comment: string | null;
    /** 0024, questionnaire version 3 on: on-site, hybrid or remote; null where not asked or answered. */
    work_place: string | null;
    /** 0024: full-time or part-time; null where not asked or answered. */
    extent: string | null;
    /** 0024: 1 when the organisation may be introduced to another with the same part-time need. */
    open_to_sharing: Generated<number>;
  };
  need_line_skills: { need_line_id: string; skill_id: string };
  need_line_focus: { need_line_id: string; specialisation_code: string; focus_area_code: string };
  /** 0014: a version per named piece of data that cached values are made from (src/cache/). */
  data_versions: { name: string; version: number };
  /** 0014: computed values kept by the caches whose store is the table (src/cache/). */
  cache_entries: {
    namespace: string;
    key: string;
    /** JSON array of the versions of `depends_on`'s names the value was made from. */
    stamp: string;
    /** JSON array of data_versions names. */
    depends_on: string;
    computed_at: string;
    value: string;
  };
  /** 0012: a round's publication (src/publication/). */
  publications: {
    id: string;
    round_id: string;
    version: number;
    status: 'computing' | 'published' | 'superseded' | 'failed';
    catalogue_version: number;
    rule: string;
    stage: 'aggregate' | 'suppress' | 'store' | 'done';
    progress: number;
    state: string | null;
    reason: string;
    requested_by: string | null;
    report: string | null;
    changes: string | null;
    error: string | null;
    created_at: string;
    claimed_until: string | null;
    published_at: string | null;
  };
  publication_work: { publication_id: string; part: number; data: string };
  publication_cells: {
    publication_id: string;
    kind: string;
    cell_id: string;
    headcount: number | null;
    organisations: number | null;
    status: 'published' | 'few' | 'dominance' | 'secondary';
    true_headcount: number;
    true_organisations: number;
  };
  publication_skills: { publication_id: string; specialisation_code: string; skill_id: string };
  /** 0006: education offerings, their taxonomy links, contact consent and dialogue interests. */
  offerings: {
    id: string;
    provider_id: string;
    name: string;
    form: string;
    sun_level: string;
    sun_field: string;
    annual_places: number;
    annual_graduates: number;
    municipality_code: string | null;
    distance: number;
    language: string;
    pace: number;
    start_dates: string;
    url: string | null;
    description: string | null;
    is_demo: number;
    version: number;
    write_id: string;
    created_at: string;
    updated_at: string;
  };
  offering_occupations: { offering_id: string; occupation_id: string };
  offering_skills: { offering_id: string; skill_id: string };
  organisation_contact_consent: {
    organisation_id: string;
    secretariat_may_contact: number;
    shown_to_providers: number;
    version: number;
    updated_at: string;
    updated_by: string | null;
  };
  dialogue_interests: {
    id: string;
    provider_id: string;
    occupation_code: string;
    specialisation_code: string;
    message: string | null;
    created_by: string | null;
    created_at: string;
  };
  placements: PlacementsTable;
  placement_skills: { placement_id: string; skill_id: string };
  placement_focus: { placement_id: string; specialisation_code: string; focus_area_code: string };
  placement_terms: { term: string; apply_by: string; placement_id: string; in_title: Generated<number> };
  /** 0015: the vocabulary's words under themselves and their endings (src/placements/terms.ts wordParts). */
  placement_word_parts: { part: string; word: string };
  student_profiles: StudentProfilesTable;
  recommendation_cache: { user_id: string; cache_key: string; items: string; computed_at: string };
  applications: ApplicationsTable;
  follow_ups: FollowUpsTable;
  /** 0009: competence plans (src/plans/). */
  plans: PlansTable;
  plan_versions: PlanVersionsTable;
  plan_measures: PlanMeasuresTable;
  plan_reviewers: { plan_id: string; email: string; invited_by: string | null; invited_at: string };
  plan_comments: PlanCommentsTable;
  /** 0018: move cases (src/recruitment/). */
  move_cases: MoveCasesTable;
  move_case_people: {
    case_id: string;
    person: string;
    name: string;
    email: string;
    invited_at: string;
    accepted_at: string | null;
  };
  move_case_tasks: MoveCaseTasksTable;
  /** 0019: follow-ups, outcome figures, guides' kommuner (src/recruitment/). */
  move_case_specialisations: { case_id: string; specialisation_code: string };
  move_case_follow_ups: MoveCaseFollowUpsTable;
  move_outcome_cells: MoveOutcomeCellsTable;
  guide_kommuner: { user_id: string; kommun_code: string };
  /** 0020: the recruitment network and the partner's profile (src/recruitment/network, partners). */
  network_members: {
    id: string;
    organisation_id: string;
    terms_version: string;
    accepted_by: string | null;
    joined_at: string;
    left_at: string | null;
    left_by: string | null;
  };
  network_pledges: {
    id: string;
    organisation_id: string;
    text: string;
    kind: string;
    count: number;
    cadence: string;
    created_by: string | null;
    created_at: string;
    ended_at: string | null;
  };
  network_pledge_records: {
    id: string;
    pledge_id: string;
    kind: string;
    done_on: string;
    note: Generated<string>;
    recorded_by: string | null;
    created_at: string;
  };
  partner_profiles: {
    id: string;
    user_id: string;
    occupation_ids: string;
    skill_ids: string;
    languages: string;
    earliest_start: string | null;
    kommuner: string;
    work_modes: string;
    about: Generated<string>;
    version: Generated<number>;
    is_demo: Generated<number>;
    created_at: string;
    updated_at: string;
    /** 0021: when matching last ran for the profile. */
    matched_at: string | null;
    /** partner_inform: when the partner was last mailed openings (the "inform" digest's claim). */
    informed_at: Generated<string | null>;
  };
  partner_consents: {
    id: string;
    profile_id: string;
    recipient: string;
    organisation_id: string | null;
    purpose: string;
    months: number;
    given_at: string;
    expires_at: string;
    reminded_at: string | null;
    withdrawn_at: string | null;
  };
  /** 0021: an anonymous notice of a partner's profile to an organisation whose openings it matches. */
  partner_notices: {
    id: string;
    profile_id: string;
    organisation_id: string;
    matches: string;
    state: 'new' | 'interested' | 'not-interested' | 'accepted' | 'declined' | 'hired' | 'not-hired';
    interested_at: string | null;
    answered_at: string | null;
    hired_on: string | null;
    outcome_at: string | null;
    version: Generated<number>;
    created_at: string;
    updated_at: string;
  };
  /** 0022: joint recruitment campaigns (src/recruitment/campaigns/). */
  campaigns: CampaignsTable;
  campaign_lines: CampaignLinesTable;
  campaign_visit_days: {
    id: string;
    campaign_id: string;
    day: string;
    place: string;
    places_limit: number;
    created_at: string;
  };
  campaign_visit_signups: { visit_day_id: string; email: string; name: string; created_at: string };
  campaign_applications: CampaignApplicationsTable;
  campaign_application_routes: CampaignApplicationRoutesTable;
  need_line_fills: NeedLineFillsTable;
  /** 0023: the returner and alumni pool (src/recruitment/returners/). */
  returners: ReturnersTable;
  /** 0024: shared-post proposals and the organisations they name (src/recruitment/flexible/). */
  shared_post_proposals: SharedPostProposalsTable;
  shared_post_members: SharedPostMembersTable;
  returner_occupations: { returner_id: string; occupation_id: string; ssyk_code: string | null };
  returner_notices: { returner_id: string; source: string; item_key: string; noticed_at: string };
  /** partner_inform: the openings an "inform" partner's digests have named (src/recruitment/matching/). */
  partner_inform_told: {
    profile_id: string;
    source: 'need' | 'placement' | 'tip';
    opening_id: string;
    told_at: string;
  };
  /** partner_inform: an organisation's tip to a partner about one of its openings (src/recruitment/matching/). */
  partner_inform_tips: {
    id: string;
    profile_id: string;
    organisation_id: string;
    source: 'need' | 'placement';
    opening_id: string;
    occupation_id: string;
    kommun: string | null;
    title: string | null;
    note: Generated<string>;
    tipped_at: string;
  };
  d1_migrations: { id: Generated<number>; name: string; applied_at: Generated<string> };
}

export type TableName = keyof Database;

/** migrations/0007_placements.sql */
export interface PlacementsTable {
  id: string;
  organisation_id: string;
  kind: string;
  title: string;
  description: string;
  occupation_id: string;
  municipality_code: string;
  remote: number;
  period_start: string;
  period_end: string;
  places: number;
  apply_by: string;
  paid: number;
  language: string;
  education_level: string | null;
  requirements: string;
  contact: string;
  need_ref: string | null;
  write_id: string | null;
  status: string;
  version: Generated<number>;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
}

export interface StudentProfilesTable {
  user_id: string;
  programme: string;
  institution: string;
  sun_level: string | null;
  expected_graduation: string | null;
  remote_ok: number;
  languages: string;
  visibility: string;
  skill_ids: string;
  occupation_ids: string;
  specialisations: string;
  municipality_codes: string;
  version: Generated<number>;
  updated_at: string;
}

export interface ApplicationsTable {
  id: string;
  placement_id: string;
  student_id: string;
  message: string;
  status: string;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface FollowUpsTable {
  id: string;
  application_id: string;
  placement_id: string;
  side: string;
  months: number;
  due_at: string;
  created_at: string;
  mailed_at: string | null;
  answered_at: string | null;
  hired: number | null;
  stayed_in_region: number | null;
}

export interface PlansTable {
  id: string;
  round_id: string;
  specialisation: string;
  language: Generated<string>;
  status: Generated<string>;
  version: Generated<number>;
  sections: string;
  figures_raw: string;
  figures_protected: string;
  figures_hash: string;
  computed_at: string;
  write_id: string;
  published: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  adopted_at: string | null;
  adopted_by: string | null;
  /** 0013: why the plan was adopted without an invited reviewer's comment. */
  review_skipped_reason: string | null;
}

export interface PlanVersionsTable {
  plan_id: string;
  version: number;
  kind: string;
  status: string;
  author_id: string | null;
  author_name: string;
  created_at: string;
  sections: string;
  measures: string;
  figures_raw: string;
  figures_hash: string;
  round_id: string;
  /** 0013: a status change's note (the reason a review was skipped). */
  note: string | null;
}

export interface PlanMeasuresTable {
  plan_id: string;
  id: string;
  competence_measure: string;
  sort_order: number;
  title: string;
  owner: string;
  timeline: string;
  indicator: string;
  baseline: number | null;
  target: number | null;
}

export interface PlanCommentsTable {
  id: string;
  plan_id: string;
  version: number;
  section_key: string | null;
  author_id: string | null;
  author_name: string;
  body: string;
  created_at: string;
}

/** migrations/0017_move_cases.sql */
export interface MoveCasesTable {
  id: string;
  organisation_id: string | null;
  round_id: string | null;
  need_line_id: string | null;
  need_line_no: number | null;
  occupation_id: string;
  ssyk_code: string | null;
  partner_comes: number | null;
  children_0_5: number | null;
  children_6_15: number | null;
  children_16_19: number | null;
  housing_tenure: string | null;
  housing_rooms: number | null;
  housing_kommuner: string | null;
  earliest_move: string | null;
  status: Generated<string>;
  outcome: string | null;
  moved_in_on: string | null;
  moved_to_kommun: string | null;
  guide_user_id: string | null;
  opened_by: string | null;
  version: Generated<number>;
  is_demo: Generated<number>;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  erased_at: string | null;
  offer_accepted_on: string | null;
  offer_to_move_days: number | null;
  workplace_kommun: string | null;
}

/** migrations/0019_follow_ups.sql */
export interface MoveCaseFollowUpsTable {
  id: string;
  case_id: string;
  person: string;
  wave: number;
  due_on: string;
  state: Generated<string>;
  sent_at: string | null;
  reminded_at: string | null;
  answered_at: string | null;
  in_region: number | null;
  kommun: string | null;
  in_work: number | null;
  work_since: string | null;
  occupation_group: string | null;
  network_employer: string | null;
  recommend: string | null;
}

export interface MoveOutcomeCellsTable {
  cell_id: string;
  measure: string;
  specialisation: string | null;
  municipality: string | null;
  year: string | null;
  status: string | null;
  value: number;
  households: number;
  median_days: number | null;
  suppressed: string | null;
  computed_at: string;
}

export interface MoveCaseTasksTable {
  id: string;
  case_id: string;
  kind: string;
  title: string | null;
  owner: string;
  due_on: string;
  state: Generated<string>;
  note: Generated<string>;
  escalation: Generated<number>;
  position: number;
  version: Generated<number>;
  created_by: string | null;
  updated_by: string | null;
  created_at: string;
  updated_at: string;
}

/** migrations/0022_campaigns.sql */
export interface CampaignsTable {
  id: string;
  title_sv: string;
  title_en: string;
  description_sv: string;
  description_en: string;
  occupations: string;
  kommuner: string;
  opens_on: string;
  closes_on: string;
  is_demo: Generated<number>;
  created_by: string | null;
  created_at: string;
  erased_at: string | null;
}

export interface CampaignLinesTable {
  id: string;
  campaign_id: string;
  organisation_id: string;
  round_id: string;
  need_line_id: string;
  need_line_no: number;
  occupation_id: string;
  ssyk_code: string | null;
  headcount: number;
  status: Generated<string>;
  posts: number | null;
  answered_by: string | null;
  answered_at: string | null;
  version: Generated<number>;
  invited_at: string;
}

export interface CampaignApplicationsTable {
  id: string;
  campaign_id: string;
  name: string;
  email: string;
  letter: string;
  cv: string;
  earliest_start: string;
  partner_needs_work: number;
  is_demo: Generated<number>;
  created_at: string;
  confirmed_at: string | null;
  erased_at: string | null;
}

export interface CampaignApplicationRoutesTable {
  application_id: string;
  organisation_id: string;
  status: Generated<string>;
  interview_on: string | null;
  offer_on: string | null;
  hired_on: string | null;
  not_hired_on: string | null;
  withdrawn_at: string | null;
  hired_line_id: string | null;
  version: Generated<number>;
  updated_at: string;
}

export interface NeedLineFillsTable {
  id: string;
  organisation_id: string;
  round_id: string;
  need_line_id: string;
  need_line_no: number;
  occupation_id: string;
  ssyk_code: string | null;
  round_closes_on: string;
  filled_on: string;
  created_by: string | null;
  created_at: string;
}
/** migrations/0023_returners.sql */
export interface ReturnersTable {
  id: string;
  email: string;
  name: string;
  connection: string;
  earliest_move: string | null;
  remote: string;
  kommuner: Generated<string>;
  languages: Generated<string>;
  status: Generated<string>;
  consented_at: string | null;
  expires_at: string | null;
  renewal_mailed_at: string | null;
  renew_token_hash: string | null;
  last_digest_at: string | null;
  version: Generated<number>;
  is_demo: Generated<number>;
  created_at: string;
  updated_at: string;
}

/** migrations/0024_flexible_posts.sql */
export interface SharedPostProposalsTable {
  id: string;
  round_id: string;
  ssyk_code: string;
  created_at: string;
}
export interface SharedPostMembersTable {
  proposal_id: string;
  organisation_id: string;
  state: Generated<string>;
  answered_at: string | null;
  answered_by: string | null;
  added_at: string;
}
