import { type CompiledQuery, type SqlBool, sql } from 'kysely';
import { auditIfIn } from '../audit/conditional.ts';
import type { Scope } from '../core/scope.ts';
import { describeChanges } from './changes.ts';
import type { ImportDocument } from './import-references.ts';
import { STRATEGIES } from './questionnaire.ts';

export interface ImportEntry {
  organisationId: string;
  submissionId: string;
  document: ImportDocument;
}

/**
 * The whole import as one atomic batch of a fixed number of statements, each reading its rows
 * from one JSON parameter with json_each (D1 binds at most 100 parameters and counts every
 * statement of a request). It writes what submit.ts writes for a submission — the response, its
 * first revision (entered on behalf), the snapshot and need lines that insights aggregate — and
 * the first statement decides for all: it creates every organisation's response only if the round
 * is open and none of them has a response yet. Each later statement acts only for organisations
 * whose revision exists, so a file lands whole or not at all
 * (docs/decisions/0001-batches-not-transactions.md).
 */
export function importBatch(scope: Scope, roundId: string, entries: ImportEntry[]): CompiledQuery[] {
  const { db, newId } = scope.deps;
  const at = scope.now.toISOString();
  const { principal } = scope;
  const userId = principal?.kind === 'user' ? principal.userId : null;
  const responses = entries.map((e) => {
    const o = e.document.organisation;
    return {
      orgId: e.organisationId,
      submissionId: e.submissionId,
      revisionId: newId(),
      draft: JSON.stringify(e.document),
      changes: JSON.stringify(describeChanges(null, e.document)),
      employeesNow: o.employeesNow ?? null,
      change1y: o.expectedChange1y ?? null,
      change3y: o.expectedChange3y ?? null,
      obstacles: JSON.stringify(o.obstacles ?? []),
      providerInterest: o.providerInterest ?? null,
      contactConsent: o.contactConsent ? 1 : 0,
    };
  });
  const lines = entries.flatMap((e, i) =>
    e.document.needs.map((need, index) => ({
      id: newId(),
      revisionId: responses[i]?.revisionId,
      orgId: e.organisationId,
      lineNo: index + 1,
      need,
      strategies: STRATEGIES.map((s) => (need.strategies.includes(s) ? 1 : 0)),
    })),
  );
  const skills = lines.flatMap((l) => [...new Set(l.need.skillIds)].map((skill) => ({ lineId: l.id, skill })));
  const focus = lines.flatMap((l) => {
    const pairs = l.need.specialisations.flatMap((s) =>
      s.focusAreas.length ? s.focusAreas.map((area) => [s.code, area]) : [[s.code, '']],
    );
    return [...new Map(pairs.map((p) => [p.join('|'), p])).values()].map(([spec, area]) => ({
      lineId: l.id,
      spec,
      area,
    }));
  });
  const all = JSON.stringify(responses);
  const field = (name: string) => sql`json_extract(j.value, ${`$.${name}`})`;
  const ours = (revisionId = field('revisionId')) =>
    sql<SqlBool>`exists (select 1 from response_revisions v where v.id = ${revisionId})`;
  return [
    sql`insert into responses (round_id, organisation_id, version, status, draft, updated_at, updated_by)
        select ${roundId}, ${field('orgId')}, 1, 'draft', ${field('draft')}, ${at}, ${userId} from json_each(${all}) j
        where exists (select 1 from rounds where id = ${roundId} and status = 'open' and closes_at > ${at})
          and not exists (select 1 from responses x where x.round_id = ${roundId}
                          and x.organisation_id in (select json_extract(value, '$.orgId') from json_each(${all})))`.compile(
      db,
    ),
    sql`insert into response_revisions (id, round_id, organisation_id, revision, submission_id, document, changes, submitted_by, on_behalf, submitted_at)
        select ${field('revisionId')}, r.round_id, r.organisation_id, 1, ${field('submissionId')}, r.draft, ${field('changes')}, ${userId}, 1, ${at}
        from json_each(${all}) j join responses r on r.round_id = ${roundId} and r.organisation_id = ${field('orgId')}
        where r.version = 1 and r.updated_at = ${at} and r.draft = ${field('draft')}
        on conflict (submission_id) do nothing`.compile(db),
    sql`insert into submitted_responses (round_id, organisation_id, revision, sector, size_class, municipality_code, sni_section,
          employees_now, expected_change_1y, expected_change_3y, obstacles, provider_interest, contact_consent, submitted_at)
        select ${roundId}, o.id, 1, o.sector, o.size_class, o.municipality_code, s.parent_code, ${field('employeesNow')},
               ${field('change1y')}, ${field('change3y')}, ${field('obstacles')}, ${field('providerInterest')}, ${field('contactConsent')}, ${at}
        from json_each(${all}) j join organisations o on o.id = ${field('orgId')} left join sni s on s.code = o.sni_division
        where ${ours()}`.compile(db),
    sql`insert into need_lines (id, round_id, organisation_id, line_no, occupation_id, ssyk_code, headcount, horizon, education_level,
          difficulty, recruit_local, recruit_outside, relocation_family, train_staff, remote, consultants, placement_kinds, placement_count, comment)
        select ${field('id')}, ${roundId}, ${field('orgId')}, ${field('lineNo')}, ${field('need.occupationId')},
               (select ssyk_code from occupations where id = ${field('need.occupationId')}), ${field('need.headcount')},
               ${field('need.horizon')}, ${field('need.educationLevel')}, ${field('need.difficulty')},
               ${sql.join(STRATEGIES.map((_s, k) => field(`strategies[${k}]`)))},
               ${field('need.placementOffer.kinds')},
               ${field('need.placementOffer.count')}, nullif(${field('need.comment')}, '')
        from json_each(${JSON.stringify(lines)}) j where ${ours()}`.compile(db),
    sql`insert into need_line_skills (need_line_id, skill_id)
        select ${field('lineId')}, ${field('skill')} from json_each(${JSON.stringify(skills)}) j
        where exists (select 1 from need_lines where id = ${field('lineId')})`.compile(db),
    sql`insert into need_line_focus (need_line_id, specialisation_code, focus_area_code)
        select ${field('lineId')}, ${field('spec')}, ${field('area')} from json_each(${JSON.stringify(focus)}) j
        where exists (select 1 from need_lines where id = ${field('lineId')})`.compile(db),
    // Demand tables computed before the import no longer hold (src/demand/aggregate.ts).
    sql`delete from demand_cache where round_id = ${roundId}`.compile(db),
    sql`update rounds set figures_stamp = figures_stamp + 1 where id = ${roundId}`.compile(db),
    sql`update responses set status = 'submitted', revision = 1, submitted_version = 1, submitted_at = ${at}, submitted_by = ${userId}
        where round_id = ${roundId} and organisation_id in (
          select json_extract(j.value, '$.orgId') from json_each(${all}) j where ${ours()})`.compile(db),
    auditIfIn(
      scope,
      {
        action: 'responses.imported',
        targetType: 'round',
        targetId: roundId,
        detail: { count: entries.length, organisations: entries.map((e) => [e.organisationId, e.submissionId]) },
      },
      ours(sql`${responses[0]?.revisionId ?? ''}`),
    ),
  ];
}
