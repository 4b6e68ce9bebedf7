import { type Expression, expressionBuilder, type Kysely, type SqlBool } from 'kysely';
import { auditIfIn, auditIn, changedFields } from '../audit/index.ts';
import { PLACEMENTS } from '../cache/names.ts';
import { bumpVersions } from '../cache/versions.ts';
import { InvalidFields, NotFound, StaleVersion } from '../core/errors.ts';
import { isSecretariat, membershipIn } from '../core/principal.ts';
import type { Scope } from '../core/scope.ts';
import type { Database } from '../db/schema.ts';
import { findOwnNeedLine } from '../surveys/index.ts';
import { stockholmDay } from './dates.ts';
import { findPlacement, groupFocus, jsonEach, type Placement } from './queries.ts';
import { requireReferences } from './references.ts';
import type { PlacementCreate, PlacementPatch, SpecialisationChoice } from './schemas.ts';
import { placementTerms, wordParts } from './terms.ts';

/**
 * Publishing and editing placements. Each write is one atomic batch: the row, its skills,
 * specialisations and search words, and the catalogue counter that tells cached recommendations
 * they are stale. A PATCH is conditional on the version read (409 when stale, nothing changed);
 * its link rows are replaced only if its own write id is the one stored. The audit entry is in the
 * same batch, under the same condition, so a refused write leaves none.
 */
export function requirePlacementMember(scope: Scope, organisationId: string): void {
  const { principal } = scope;
  if (isSecretariat(principal)) return;
  if (!membershipIn(principal, organisationId)) throw new NotFound();
}

interface Full {
  occupationId: string;
  skillIds: string[];
  specialisations: SpecialisationChoice[];
  title: string;
  description: string;
  requirements: string;
  applyBy: string;
}

type Terms = ReturnType<typeof placementTerms>;

async function termsOf(db: Kysely<Database>, p: Full): Promise<Terms> {
  const [occupation, skills] = await Promise.all([
    db.selectFrom('occupations').select('label_sv').where('id', '=', p.occupationId).executeTakeFirst(),
    p.skillIds.length
      ? db.selectFrom('skills').select('label_sv').where('id', 'in', p.skillIds).execute()
      : Promise.resolve([]),
  ]);
  return placementTerms(p.title, occupation?.label_sv, ...skills.map((s) => s.label_sv), p.requirements, p.description);
}

const eb = expressionBuilder<Database>();

/** The placement is as this batch's write left it (its write id is `writeId`). */
const writtenBy = (id: string, writeId: string) =>
  eb.exists(eb.selectFrom('placements as g').select('g.id').where('g.id', '=', id).where('g.write_id', '=', writeId));

/** Kept searches and recommendations are stale: raise the catalogue's version (when `when` holds). */
export const bumpCatalogue = (db: Kysely<Database>, when?: Expression<SqlBool>) => bumpVersions(db, [PLACEMENTS], when);

/**
 * The statements that (re)write a placement's link rows; with a write id, each acts only if the
 * batch's update of the placement did.
 */
function linkRows(db: Kysely<Database>, id: string, p: Full, terms: Terms, writeId: string | null) {
  const guarded = <Q extends { where: (e: Expression<SqlBool>) => Q }>(q: Q): Q =>
    writeId === null ? q : q.where(writtenBy(id, writeId));
  const focus = p.specialisations.flatMap((s) =>
    s.focusAreas.length ? s.focusAreas.map((f) => [s.code, f]) : [[s.code, '']],
  );
  return [
    guarded(db.deleteFrom('placement_skills').where('placement_id', '=', id)).compile(),
    guarded(db.deleteFrom('placement_focus').where('placement_id', '=', id)).compile(),
    guarded(db.deleteFrom('placement_terms').where('placement_id', '=', id)).compile(),
    db
      .insertInto('placement_skills')
      .columns(['placement_id', 'skill_id'])
      .expression(
        guarded(
          db
            .selectFrom(jsonEach(p.skillIds))
            .select([eb.val(id).as('placement_id'), 'j.value'])
            .distinct(),
        ),
      )
      .compile(),
    db
      .insertInto('placement_focus')
      .columns(['placement_id', 'specialisation_code', 'focus_area_code'])
      .expression(
        guarded(
          db
            .selectFrom(jsonEach(focus))
            .select((j) => [
              j.val(id).as('placement_id'),
              j.fn<string>('json_extract', ['j.value', j.val('$[0]')]).as('specialisation_code'),
              j.fn<string>('json_extract', ['j.value', j.val('$[1]')]).as('focus_area_code'),
            ])
            .distinct(),
        ),
      )
      .compile(),
    db
      .insertInto('placement_terms')
      .columns(['term', 'in_title', 'apply_by', 'placement_id'])
      .expression(
        guarded(
          db
            .selectFrom(jsonEach(terms))
            .select((j) => [
              j.fn<string>('json_extract', ['j.value', j.val('$[0]')]).as('term'),
              j.fn<number>('json_extract', ['j.value', j.val('$[1]')]).as('in_title'),
              j.val(p.applyBy).as('apply_by'),
              j.val(id).as('placement_id'),
            ])
            .distinct(),
        ),
      )
      .compile(),
    // The vocabulary is shared and only grows: a part another placement wrote is kept as it is.
    db
      .insertInto('placement_word_parts')
      .orIgnore()
      .columns(['part', 'word'])
      .expression(
        guarded(
          db
            .selectFrom(jsonEach(wordParts(terms.map(([term]) => term))))
            .select((j) => [
              j.fn<string>('json_extract', ['j.value', j.val('$[0]')]).as('part'),
              j.fn<string>('json_extract', ['j.value', j.val('$[1]')]).as('word'),
            ]),
        ),
      )
      .compile(),
    bumpCatalogue(db, writeId === null ? undefined : writtenBy(id, writeId)).compile(),
  ];
}

/** The need line a placement is offered from: the organisation's own, from a submitted response. */
export async function findNeedLine(db: Kysely<Database>, organisationId: string, needRef: string) {
  const line = await findOwnNeedLine(db, organisationId, needRef);
  if (!line) return undefined;
  const specialisations = groupFocus(
    line.focus.map((f) => ({ specialisation_code: f.specialisationCode, focus_area_code: f.focusAreaCode })),
  );
  return {
    id: line.id,
    roundId: line.roundId,
    lineNo: line.lineNo,
    occupationId: line.occupationId,
    educationLevel: line.educationLevel,
    skillIds: line.skillIds,
    specialisations,
    kinds: line.placementKinds ? (JSON.parse(line.placementKinds) as string[]) : [],
    count: line.placementCount,
  };
}

const invalid = (path: string, messageKey: string) => new InvalidFields([{ path, messageKey }]);

export async function createPlacement(scope: Scope, input: PlacementCreate): Promise<Placement> {
  const { db, atomic, newId } = scope.deps;
  requirePlacementMember(scope, input.organisationId);
  const need = input.needRef ? await findNeedLine(db, input.organisationId, input.needRef) : undefined;
  if (input.needRef && !need) throw invalid('needRef', 'placement.validation.needRef');
  const occupationId = input.occupationId ?? need?.occupationId;
  if (!occupationId) throw invalid('occupationId', 'placement.validation.occupationRequired');
  const full: Full = {
    ...input,
    occupationId,
    skillIds: input.skillIds ?? need?.skillIds ?? [],
    specialisations: input.specialisations ?? need?.specialisations ?? [],
  };
  await requireReferences(db, { ...full, municipalityCode: input.municipalityCode });
  const id = newId();
  const at = scope.now.toISOString();
  const { principal } = scope;
  const terms = await termsOf(db, full);
  await atomic([
    db
      .insertInto('placements')
      .values({
        id,
        organisation_id: input.organisationId,
        kind: input.kind,
        title: input.title,
        description: input.description,
        occupation_id: occupationId,
        municipality_code: input.municipalityCode,
        remote: input.remote ? 1 : 0,
        period_start: input.periodStart,
        period_end: input.periodEnd,
        places: input.places,
        apply_by: input.applyBy,
        paid: input.paid ? 1 : 0,
        language: input.language,
        education_level: input.educationLevel ?? (need?.educationLevel as string | undefined) ?? null,
        requirements: input.requirements,
        contact: input.contact,
        need_ref: input.needRef ?? null,
        write_id: id,
        status: 'open',
        version: 1,
        created_by: principal?.kind === 'user' ? principal.userId : null,
        created_at: at,
        updated_at: at,
      })
      .compile(),
    ...linkRows(db, id, full, terms, null),
    auditIn(scope, {
      action: 'placement.published',
      targetType: 'placement',
      targetId: id,
      detail: { organisationId: input.organisationId, needRef: input.needRef ?? null },
    }),
  ]);
  const placement = await findPlacement(db, id, stockholmDay(scope.now));
  if (!placement) throw new NotFound();
  return placement;
}

export async function updatePlacement(scope: Scope, id: string, patch: PlacementPatch): Promise<Placement> {
  const { db, atomic, newId } = scope.deps;
  const today = stockholmDay(scope.now);
  const current = await findPlacement(db, id, today);
  if (!current || current.status === 'withdrawn') throw new NotFound();
  requirePlacementMember(scope, current.organisationId);
  const { version, ...changes } = patch;
  const merged = { ...current, ...changes };
  if (merged.periodStart > merged.periodEnd) throw invalid('periodEnd', 'placement.validation.periodOrder');
  await requireReferences(db, {
    occupationId: changes.occupationId,
    skillIds: changes.skillIds,
    specialisations: changes.specialisations,
    municipalityCode: changes.municipalityCode,
  });
  const writeId = newId();
  const terms = await termsOf(db, merged);
  const at = scope.now.toISOString();
  const [updated] = await atomic([
    db
      .updateTable('placements')
      .set((u) => ({
        kind: merged.kind,
        title: merged.title,
        description: merged.description,
        occupation_id: merged.occupationId,
        municipality_code: merged.municipalityCode,
        remote: merged.remote ? 1 : 0,
        period_start: merged.periodStart,
        period_end: merged.periodEnd,
        places: merged.places,
        apply_by: merged.applyBy,
        paid: merged.paid ? 1 : 0,
        language: merged.language,
        education_level: merged.educationLevel,
        requirements: merged.requirements,
        contact: merged.contact,
        // A new deadline in the future opens a placement the scheduler had closed.
        ...(merged.applyBy >= today ? { status: 'open' } : {}),
        write_id: writeId,
        version: u('version', '+', 1),
        updated_at: at,
      }))
      .where('id', '=', id)
      .where('version', '=', version)
      .where('status', '!=', 'withdrawn')
      .compile(),
    ...linkRows(db, id, merged, terms, writeId),
    auditIfIn(
      scope,
      {
        action: 'placement.updated',
        targetType: 'placement',
        targetId: id,
        detail: {
          organisationId: current.organisationId,
          fromVersion: version,
          changed: changedFields(current, changes),
        },
      },
      writtenBy(id, writeId),
    ),
  ]);
  if (updated?.numAffectedRows !== 1n) {
    const now2 = await findPlacement(db, id, today);
    if (!now2 || now2.status === 'withdrawn') throw new NotFound();
    throw new StaleVersion('placement.error.stale.title', 'placement.error.stale.detail', version, now2.version, {
      currentVersion: now2.version,
    });
  }
  const placement = await findPlacement(db, id, today);
  if (!placement) throw new NotFound();
  return placement;
}

/** Withdraws a placement: it leaves every list; its applications stay for both sides to see. */
export async function withdrawPlacement(scope: Scope, id: string): Promise<void> {
  const { db, atomic } = scope.deps;
  const row = await db
    .selectFrom('placements')
    .select(['organisation_id', 'status'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row || row.status === 'withdrawn') throw new NotFound();
  requirePlacementMember(scope, row.organisation_id);
  const at = scope.now.toISOString();
  await atomic([
    // Before the update, on its condition: two withdrawals at once leave one entry.
    auditIfIn(
      scope,
      {
        action: 'placement.withdrawn',
        targetType: 'placement',
        targetId: id,
        detail: { organisationId: row.organisation_id },
      },
      eb.exists(
        eb.selectFrom('placements as w').select('w.id').where('w.id', '=', id).where('w.status', '!=', 'withdrawn'),
      ),
    ),
    db
      .updateTable('placements')
      .set((u) => ({ status: 'withdrawn', closed_at: at, version: u('version', '+', 1), updated_at: at }))
      .where('id', '=', id)
      .where('status', '!=', 'withdrawn')
      .compile(),
    db.deleteFrom('placement_terms').where('placement_id', '=', id).compile(),
    bumpCatalogue(db).compile(),
  ]);
}
