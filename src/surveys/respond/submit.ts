import { auditIfIn } from '../../audit/index.ts';
import { roundLines } from '../../cache/names.ts';
import { bumpVersions } from '../../cache/versions.ts';
import { Busy, DomainError, InvalidInput } from '../../core/errors.ts';
import type { Scope } from '../../core/scope.ts';
import { insertRowsIf } from '../../db/queries.ts';
import type { Database } from '../../db/schema.ts';
import {
  NEED_LINE_COLUMNS,
  RESPONSE_REVISION_COLUMNS,
  revisionStored,
  SUBMITTED_RESPONSE_COLUMNS,
} from '../queries.ts';
import { partnerNeedsWork } from '../questionnaire-answers.ts';
import type { Round } from '../rounds.ts';
import { type ResponseDocument, responseDocument, submittable } from '../schemas.ts';
import { describeChanges } from './changes.ts';
import { checkReferences } from './references.ts';
import { assertRoundOpen, findResponse, roundTakesWrite } from './responses.ts';

export interface SubmitResult {
  status: 'submitted';
  revision: number;
}

const STRATEGY_COLUMNS = {
  'recruit-local': 'recruit_local',
  'recruit-outside': 'recruit_outside',
  'relocation-family': 'relocation_family',
  'train-staff': 'train_staff',
  remote: 'remote',
  consultants: 'consultants',
} as const;

async function findBySubmissionId(scope: Scope, submissionId: string) {
  return scope.deps.db
    .selectFrom('response_revisions')
    .select(['id', 'round_id', 'organisation_id', 'revision'])
    .where('submission_id', '=', submissionId)
    .executeTakeFirst();
}

function replay(
  found: Pick<Database['response_revisions'], 'round_id' | 'organisation_id' | 'revision'>,
  roundId: string,
  organisationId: string,
): SubmitResult {
  if (found.round_id !== roundId || found.organisation_id !== organisationId) {
    throw new DomainError('conflict', 'survey.submission.reused.detail', {
      titleKey: 'survey.submission.reused.title',
    });
  }
  return { status: 'submitted', revision: found.revision };
}

/**
 * Submits the shared draft as it stands. The same submission id again stores nothing new and
 * answers as the first time did. Everything — the revision, the rows that insights aggregate, the
 * response's status and the audit entry — is one atomic batch whose first statement decides: it
 * inserts the revision only if the draft is still the version that was validated and the round is
 * open, and every later statement acts only if that revision exists.
 */
export async function submitResponse(
  scope: Scope,
  round: Round,
  organisationId: string,
  submissionId: string,
  options: { onBehalf: boolean },
): Promise<SubmitResult> {
  const earlier = await findBySubmissionId(scope, submissionId);
  if (earlier) return replay(earlier, round.id, organisationId);
  for (let attempt = 0; attempt < 3; attempt++) {
    assertRoundOpen(scope, round);
    const response = await findResponse(scope, round.id, organisationId);
    if (response.version === 0) throw nothingToSubmit();
    const parsed = submittable.safeParse({ organisation: response.organisation, needs: response.needs });
    if (!parsed.success) throw new InvalidInput(parsed.error.issues);
    if (parsed.data.needs.length === 0 && Object.keys(parsed.data.organisation).length === 0) {
      throw nothingToSubmit();
    }
    await checkReferences(scope.deps.db, parsed.data);
    const revisionId = scope.deps.newId();
    await scope.deps.atomic(
      await submissionBatch(
        scope,
        round,
        organisationId,
        submissionId,
        revisionId,
        response.version,
        parsed.data,
        options,
      ),
    );
    const stored = await findBySubmissionId(scope, submissionId);
    if (stored) return replay(stored, round.id, organisationId);
    // Not stored: the round closed, or a colleague saved in between; then submit the newer draft.
  }
  throw new Busy('survey.submit.busy', 'survey.conflict.title');
}

/** A submission with nothing in it: 422, no field to point at. */
const nothingToSubmit = () => new DomainError('invalid', 'survey.submit.empty', { titleKey: 'error.validation.title' });

async function submissionBatch(
  scope: Scope,
  round: Round,
  organisationId: string,
  submissionId: string,
  revisionId: string,
  version: number,
  document: ResponseDocument & { needs: { occupationId: string }[] },
  options: { onBehalf: boolean },
) {
  const { db, newId } = scope.deps;
  const at = scope.now.toISOString();
  const { principal } = scope;
  const userId = principal?.kind === 'user' ? principal.userId : null;
  const previous = await db
    .selectFrom('response_revisions')
    .select('document')
    .where('round_id', '=', round.id)
    .where('organisation_id', '=', organisationId)
    .orderBy('revision', 'desc')
    .executeTakeFirst();
  const changes = describeChanges(previous ? responseDocument.parse(JSON.parse(previous.document)) : null, document);
  const ours = revisionStored(revisionId);
  const ssyk = new Map(
    (
      await db
        .selectFrom('occupations')
        .select(['id', 'ssyk_code'])
        .where('id', 'in', document.needs.length ? document.needs.map((n) => n.occupationId as string) : [''])
        .execute()
    ).map((o) => [o.id, o.ssyk_code]),
  );
  const lines = document.needs.map((need, index) => ({ id: newId(), index, need }));
  const o = document.organisation;
  return [
    db
      .insertInto('response_revisions')
      .columns(RESPONSE_REVISION_COLUMNS)
      .expression(
        db
          .selectFrom('responses as r')
          .innerJoin('rounds as ro', 'ro.id', 'r.round_id')
          .select((eb) => [
            eb.val(revisionId).as('id'),
            'r.round_id',
            'r.organisation_id',
            eb('r.revision', '+', 1).as('revision'),
            eb.val(submissionId).as('submission_id'),
            eb.val(JSON.stringify(document)).as('document'),
            eb.val(JSON.stringify(changes)).as('changes'),
            eb.val(userId).as('submitted_by'),
            eb.val(options.onBehalf ? 1 : 0).as('on_behalf'),
            eb.val(at).as('submitted_at'),
          ])
          .where('r.round_id', '=', round.id)
          .where('r.organisation_id', '=', organisationId)
          .where('r.version', '=', version)
          .where(roundTakesWrite(scope, round, at)),
      )
      .onConflict((oc) => oc.column('submission_id').doNothing())
      .compile(),
    db
      .deleteFrom('submitted_responses')
      .where('round_id', '=', round.id)
      .where('organisation_id', '=', organisationId)
      .where(ours)
      .compile(),
    db
      .insertInto('submitted_responses')
      .columns(SUBMITTED_RESPONSE_COLUMNS)
      .expression(
        db
          .selectFrom('organisations as o')
          .leftJoin('sni as s', 's.code', 'o.sni_division')
          .select((eb) => [
            eb.val(round.id).as('round_id'),
            'o.id',
            eb
              .selectFrom('response_revisions')
              .select('revision')
              .where('response_revisions.id', '=', revisionId)
              .as('revision'),
            'o.sector',
            'o.size_class',
            'o.municipality_code',
            's.parent_code',
            eb.val(o.employeesNow ?? null).as('employees_now'),
            eb.val(o.expectedChange1y ?? null).as('expected_change_1y'),
            eb.val(o.expectedChange3y ?? null).as('expected_change_3y'),
            eb.val(JSON.stringify(o.obstacles ?? [])).as('obstacles'),
            eb.val(o.providerInterest ?? null).as('provider_interest'),
            eb.val(o.contactConsent ? 1 : 0).as('contact_consent'),
            eb.val(at).as('submitted_at'),
          ])
          .where('o.id', '=', organisationId)
          .where(ours),
      )
      .compile(),
    ...insertRowsIf(
      db,
      'need_lines',
      NEED_LINE_COLUMNS,
      lines.map(({ id, index, need }) => {
        const has = (s: keyof typeof STRATEGY_COLUMNS) => (need.strategies.includes(s) ? 1 : 0);
        return [
          id,
          round.id,
          organisationId,
          index + 1,
          need.occupationId as string,
          ssyk.get(need.occupationId as string) ?? null,
          need.headcount as number,
          need.horizon as string,
          need.educationLevel as string,
          need.difficulty as number,
          has('recruit-local'),
          has('recruit-outside'),
          // One fact, asked as a strategy in version 1 and as its own question from version 2.
          partnerNeedsWork(need) ? 1 : 0,
          has('train-staff'),
          has('remote'),
          has('consultants'),
          need.placementOffer ? JSON.stringify(need.placementOffer.kinds) : null,
          need.placementOffer?.count ?? null,
          need.comment || null,
          need.workPlace ?? null,
          need.extent ?? null,
          need.openToSharing === true ? 1 : 0,
        ];
      }),
      ours,
    ),
    ...insertRowsIf(
      db,
      'need_line_skills',
      ['need_line_id', 'skill_id'],
      lines.flatMap(({ id, need }) => [...new Set(need.skillIds)].map((skill) => [id, skill])),
      ours,
    ),
    ...insertRowsIf(
      db,
      'need_line_focus',
      ['need_line_id', 'specialisation_code', 'focus_area_code'],
      lines.flatMap(({ id, need }) => {
        const rows = need.specialisations.flatMap((choice) =>
          choice.focusAreas.length ? choice.focusAreas.map((area) => [choice.code, area]) : [[choice.code, '']],
        );
        return [...new Map(rows.map((r) => [r.join('|'), r])).values()].map((r) => [id, ...r]);
      }),
      ours,
    ),
    // Figures kept from the lines before this submission no longer hold (docs/decisions/0024).
    bumpVersions(db, [roundLines(round.id)], ours).compile(),
    db
      .updateTable('responses')
      .set((eb) => ({
        status: 'submitted',
        revision: eb
          .selectFrom('response_revisions')
          .select('revision')
          .where('response_revisions.id', '=', revisionId),
        submitted_version: version,
        submitted_at: at,
        submitted_by: userId,
      }))
      .where('round_id', '=', round.id)
      .where('organisation_id', '=', organisationId)
      .where(ours)
      .compile(),
    auditIfIn(
      scope,
      {
        // A closed round's answers change only by the secretariat's correction (responses.ts).
        action: round.status === 'closed' ? 'response.corrected' : 'response.submitted',
        targetType: 'response',
        targetId: `${round.id}/${organisationId}`,
        detail: { submissionId, onBehalf: options.onBehalf },
      },
      ours,
    ),
  ];
}
