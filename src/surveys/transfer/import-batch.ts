import type { CompiledQuery } from 'kysely';
import { auditIfIn } from '../../audit/index.ts';
import { roundLines } from '../../cache/names.ts';
import { bumpVersions } from '../../cache/versions.ts';
import type { Scope } from '../../core/scope.ts';
import { jsonEach } from '../../db/queries.ts';
import {
  jsonField as field,
  NEED_LINE_COLUMNS,
  RESPONSE_REVISION_COLUMNS,
  revisionStored,
  roundIsOpen,
  SUBMITTED_RESPONSE_COLUMNS,
} from '../queries.ts';
import { STRATEGIES } from '../questionnaire.ts';
import { partnerNeedsWork } from '../questionnaire-answers.ts';
import { describeChanges } from '../respond/changes.ts';
import type { ImportDocument } from './import-references.ts';

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
      // relocation-family is one fact with version 2's partnerNeedsWork (questionnaire-answers.ts).
      strategies: STRATEGIES.map((s) =>
        (s === 'relocation-family' ? partnerNeedsWork(need) : need.strategies.includes(s)) ? 1 : 0,
      ),
      sharing: need.openToSharing === true ? 1 : 0,
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
  const ours = () => revisionStored(field<string>('revisionId'));
  const fromLines = () => db.selectFrom(jsonEach(JSON.stringify(lines), 'j'));
  const lineStored = () =>
    db
      .selectFrom('need_lines')
      .select((eb) => eb.lit(1).as('one'))
      .where('need_lines.id', '=', field<string>('lineId'));
  return [
    db
      .insertInto('responses')
      .columns(['round_id', 'organisation_id', 'version', 'status', 'draft', 'updated_at', 'updated_by'])
      .expression(
        db
          .selectFrom(jsonEach(all, 'j'))
          .select((eb) => [
            eb.val(roundId).as('round_id'),
            field('orgId').as('organisation_id'),
            eb.lit(1).as('version'),
            eb.val('draft').as('status'),
            field('draft').as('draft'),
            eb.val(at).as('updated_at'),
            eb.val(userId).as('updated_by'),
          ])
          .where(roundIsOpen(roundId, at))
          .where((eb) =>
            eb.not(
              eb.exists(
                eb
                  .selectFrom('responses as x')
                  .select(eb.lit(1).as('one'))
                  .where('x.round_id', '=', roundId)
                  .where(
                    'x.organisation_id',
                    'in',
                    eb.selectFrom(jsonEach(all, 'j')).select(field<string>('orgId').as('id')),
                  ),
              ),
            ),
          ),
      )
      .compile(),
    db
      .insertInto('response_revisions')
      .columns(RESPONSE_REVISION_COLUMNS)
      .expression(
        db
          .selectFrom(jsonEach(all, 'j'))
          .innerJoin('responses as r', (join) =>
            join.on('r.round_id', '=', roundId).on((eb) => eb('r.organisation_id', '=', field<string>('orgId'))),
          )
          .select((eb) => [
            field('revisionId').as('id'),
            'r.round_id',
            'r.organisation_id',
            eb.lit(1).as('revision'),
            field('submissionId').as('submission_id'),
            'r.draft',
            field('changes').as('changes'),
            eb.val(userId).as('submitted_by'),
            eb.lit(1).as('on_behalf'),
            eb.val(at).as('submitted_at'),
          ])
          .where('r.version', '=', 1)
          .where('r.updated_at', '=', at)
          .where((eb) => eb('r.draft', '=', field<string>('draft'))),
      )
      .onConflict((oc) => oc.column('submission_id').doNothing())
      .compile(),
    db
      .insertInto('submitted_responses')
      .columns(SUBMITTED_RESPONSE_COLUMNS)
      .expression(
        db
          .selectFrom(jsonEach(all, 'j'))
          .innerJoin('organisations as o', (join) => join.on((eb) => eb('o.id', '=', field<string>('orgId'))))
          .leftJoin('sni as s', 's.code', 'o.sni_division')
          .select((eb) => [
            eb.val(roundId).as('round_id'),
            'o.id',
            eb.lit(1).as('revision'),
            'o.sector',
            'o.size_class',
            'o.municipality_code',
            's.parent_code',
            field('employeesNow').as('employees_now'),
            field('change1y').as('expected_change_1y'),
            field('change3y').as('expected_change_3y'),
            field('obstacles').as('obstacles'),
            field('providerInterest').as('provider_interest'),
            field('contactConsent').as('contact_consent'),
            eb.val(at).as('submitted_at'),
          ])
          .where(ours()),
      )
      .compile(),
    db
      .insertInto('need_lines')
      .columns(NEED_LINE_COLUMNS)
      .expression(
        fromLines()
          .select((eb) => [
            field('id').as('id'),
            eb.val(roundId).as('round_id'),
            field('orgId').as('organisation_id'),
            field('lineNo').as('line_no'),
            field('need.occupationId').as('occupation_id'),
            eb
              .selectFrom('occupations')
              .select('ssyk_code')
              .where('occupations.id', '=', field<string>('need.occupationId'))
              .as('ssyk_code'),
            field('need.headcount').as('headcount'),
            field('need.horizon').as('horizon'),
            field('need.educationLevel').as('education_level'),
            field('need.difficulty').as('difficulty'),
            // STRATEGIES is in the column order above: recruit_local … consultants.
            ...STRATEGIES.map((strategy, k) => field(`strategies[${k}]`).as(strategy.replaceAll('-', '_'))),
            field('need.placementOffer.kinds').as('placement_kinds'),
            field('need.placementOffer.count').as('placement_count'),
            eb.fn('nullif', [field('need.comment'), eb.val('')]).as('comment'),
            field('need.workPlace').as('work_place'),
            field('need.extent').as('extent'),
            field('sharing').as('open_to_sharing'),
          ])
          .where(ours()),
      )
      .compile(),
    db
      .insertInto('need_line_skills')
      .columns(['need_line_id', 'skill_id'])
      .expression(
        db
          .selectFrom(jsonEach(JSON.stringify(skills), 'j'))
          .select([field('lineId').as('need_line_id'), field('skill').as('skill_id')])
          .where((eb) => eb.exists(lineStored())),
      )
      .compile(),
    db
      .insertInto('need_line_focus')
      .columns(['need_line_id', 'specialisation_code', 'focus_area_code'])
      .expression(
        db
          .selectFrom(jsonEach(JSON.stringify(focus), 'j'))
          .select([
            field('lineId').as('need_line_id'),
            field('spec').as('specialisation_code'),
            field('area').as('focus_area_code'),
          ])
          .where((eb) => eb.exists(lineStored())),
      )
      .compile(),
    // Figures kept from the lines before the import no longer hold (docs/decisions/0024).
    bumpVersions(db, [roundLines(roundId)]).compile(),
    db
      .updateTable('responses')
      .set({ status: 'submitted', revision: 1, submitted_version: 1, submitted_at: at, submitted_by: userId })
      .where('round_id', '=', roundId)
      .where(
        'organisation_id',
        'in',
        db.selectFrom(jsonEach(all, 'j')).select(field<string>('orgId').as('id')).where(ours()),
      )
      .compile(),
    auditIfIn(
      scope,
      {
        action: 'responses.imported',
        targetType: 'round',
        targetId: roundId,
        detail: { count: entries.length, organisations: entries.map((e) => [e.organisationId, e.submissionId]) },
      },
      revisionStored(responses[0]?.revisionId ?? ''),
    ),
  ];
}
