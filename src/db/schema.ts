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
  };
  need_line_skills: { need_line_id: string; skill_id: string };
  need_line_focus: { need_line_id: string; specialisation_code: string; focus_area_code: string };
  demand_cache: { round_id: string; query_key: string; entries: string; computed_at: string };
  d1_migrations: { id: Generated<number>; name: string; applied_at: Generated<string> };
}

export type TableName = keyof Database;
