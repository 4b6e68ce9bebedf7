import type { Context } from 'hono';
import { type CompiledQuery, type Kysely, type SqlBool, sql } from 'kysely';
import { auditFor } from '../audit/audit.ts';
import { changedFields } from '../audit/changes.ts';
import { auditIf } from '../audit/conditional.ts';
import { isSecretariat, membershipIn } from '../core/principal.ts';
import type { Database } from '../db/schema.ts';
import type { AppEnv } from '../deps.ts';
import { AppError, notFound } from '../http/errors.ts';
import { stockholmDay } from './dates.ts';
import { findPlacement, groupFocus, type Placement } from './queries.ts';
import { requireReferences } from './references.ts';
import type { PlacementCreate, PlacementPatch, SpecialisationChoice } from './schemas.ts';
import { searchTerms } from './terms.ts';

/**
 * Publishing and editing placements. Each write is one atomic batch: the row, its skills,
 * specialisations and search words, and the catalogue counter that tells cached recommendations
 * they are stale. A PATCH is conditional on the version read (409 when stale, nothing changed);
 * its link rows are replaced only if its own write id is the one stored. The audit entry is in the
 * same batch, under the same condition, so a refused write leaves none.
 */
export function requirePlacementMember(c: Context<AppEnv>, organisationId: string): void {
  const principal = c.get('principal');
  if (isSecretariat(principal)) return;
  if (!membershipIn(principal, organisationId)) throw notFound();
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

async function termsOf(db: Kysely<Database>, p: Full): Promise<string[]> {
  const [occupation, skills] = await Promise.all([
    db.selectFrom('occupations').select('label_sv').where('id', '=', p.occupationId).executeTakeFirst(),
    p.skillIds.length
      ? db.selectFrom('skills').select('label_sv').where('id', 'in', p.skillIds).execute()
      : Promise.resolve([]),
  ]);
  return searchTerms(
    p.title,
    occupation?.label_sv,
    ...skills.map((s) => s.label_sv),
    p.requirements,
    p.description,
  ).slice(0, 300);
}

/** The statements that (re)write a placement's link rows, each guarded by `guard`. */
function linkRows(db: Kysely<Database>, id: string, p: Full, terms: string[], guard: CompiledQuery['sql'] | null) {
  const cond = (alias: string) =>
    guard === null ? sql`1 = 1` : sql`exists (select 1 from placements g where g.id = ${id} and g.write_id = ${alias})`;
  const focus = p.specialisations.flatMap((s) =>
    s.focusAreas.length ? s.focusAreas.map((f) => [s.code, f]) : [[s.code, '']],
  );
  return [
    sql`delete from placement_skills where placement_id = ${id} and ${cond(guard ?? '')}`.compile(db),
    sql`delete from placement_focus where placement_id = ${id} and ${cond(guard ?? '')}`.compile(db),
    sql`delete from placement_terms where placement_id = ${id} and ${cond(guard ?? '')}`.compile(db),
    sql`insert into placement_skills (placement_id, skill_id)
        select distinct ${id}, value from json_each(${JSON.stringify(p.skillIds)}) where ${cond(guard ?? '')}`.compile(
      db,
    ),
    sql`insert into placement_focus (placement_id, specialisation_code, focus_area_code)
        select distinct ${id}, json_extract(value, '$[0]'), json_extract(value, '$[1]') from json_each(${JSON.stringify(focus)})
        where ${cond(guard ?? '')}`.compile(db),
    sql`insert into placement_terms (term, apply_by, placement_id)
        select distinct value, ${p.applyBy}, ${id} from json_each(${JSON.stringify(terms)}) where ${cond(guard ?? '')}`.compile(
      db,
    ),
    sql`update placement_catalogue set version = version + 1 where id = 1 and ${cond(guard ?? '')}`.compile(db),
  ];
}

/** The need line a placement is offered from: the organisation's own, from a submitted response. */
export async function findNeedLine(db: Kysely<Database>, organisationId: string, needRef: string) {
  const line = await db
    .selectFrom('need_lines')
    .select(['id', 'occupation_id', 'education_level', 'placement_kinds', 'placement_count', 'round_id', 'line_no'])
    .where('id', '=', needRef)
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
  if (!line) return undefined;
  const [skills, focus] = await Promise.all([
    db.selectFrom('need_line_skills').select('skill_id').where('need_line_id', '=', needRef).execute(),
    db
      .selectFrom('need_line_focus')
      .select(['specialisation_code', 'focus_area_code'])
      .where('need_line_id', '=', needRef)
      .execute(),
  ]);
  const specialisations = groupFocus(focus);
  return {
    id: line.id,
    roundId: line.round_id,
    lineNo: line.line_no,
    occupationId: line.occupation_id,
    educationLevel: line.education_level,
    skillIds: skills.map((s) => s.skill_id),
    specialisations,
    kinds: line.placement_kinds ? (JSON.parse(line.placement_kinds) as string[]) : [],
    count: line.placement_count,
  };
}

function invalid(c: Context<AppEnv>, path: string, key: string): AppError {
  const message = c.get('t')(key);
  return new AppError(422, 'error.validation.title', { detail: `${path}: ${message}`, errors: [{ path, message }] });
}

export async function createPlacement(c: Context<AppEnv>, input: PlacementCreate): Promise<Placement> {
  const { db, atomic, now, newId } = c.get('deps');
  requirePlacementMember(c, input.organisationId);
  const need = input.needRef ? await findNeedLine(db, input.organisationId, input.needRef) : undefined;
  if (input.needRef && !need) throw invalid(c, 'needRef', 'placement.validation.needRef');
  const occupationId = input.occupationId ?? need?.occupationId;
  if (!occupationId) throw invalid(c, 'occupationId', 'placement.validation.occupationRequired');
  const full: Full = {
    ...input,
    occupationId,
    skillIds: input.skillIds ?? need?.skillIds ?? [],
    specialisations: input.specialisations ?? need?.specialisations ?? [],
  };
  await requireReferences(c, { ...full, municipalityCode: input.municipalityCode });
  const id = newId();
  const at = now().toISOString();
  const principal = c.get('principal');
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
    auditFor(c, {
      action: 'placement.published',
      targetType: 'placement',
      targetId: id,
      detail: { organisationId: input.organisationId, needRef: input.needRef ?? null },
    }),
  ]);
  const placement = await findPlacement(db, id, stockholmDay(now()));
  if (!placement) throw notFound();
  return placement;
}

export async function updatePlacement(c: Context<AppEnv>, id: string, patch: PlacementPatch): Promise<Placement> {
  const { db, atomic, now, newId } = c.get('deps');
  const today = stockholmDay(now());
  const current = await findPlacement(db, id, today);
  if (!current || current.status === 'withdrawn') throw notFound();
  requirePlacementMember(c, current.organisationId);
  const { version, ...changes } = patch;
  const merged = { ...current, ...changes };
  if (merged.periodStart > merged.periodEnd) throw invalid(c, 'periodEnd', 'placement.validation.periodOrder');
  await requireReferences(c, {
    occupationId: changes.occupationId,
    skillIds: changes.skillIds,
    specialisations: changes.specialisations,
    municipalityCode: changes.municipalityCode,
  });
  const writeId = newId();
  const terms = await termsOf(db, merged);
  const at = now().toISOString();
  const [updated] = await atomic([
    db
      .updateTable('placements')
      .set({
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
        status: sql<string>`case when ${merged.applyBy} >= ${today} then 'open' else status end`,
        write_id: writeId,
        version: sql<number>`version + 1`,
        updated_at: at,
      })
      .where('id', '=', id)
      .where('version', '=', version)
      .where('status', '!=', 'withdrawn')
      .compile(),
    ...linkRows(db, id, merged, terms, writeId),
    auditIf(
      c,
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
      sql<SqlBool>`exists (select 1 from placements where id = ${id} and write_id = ${writeId})`,
    ),
  ]);
  if (updated?.numAffectedRows !== 1n) {
    const now2 = await findPlacement(db, id, today);
    if (!now2 || now2.status === 'withdrawn') throw notFound();
    throw new AppError(409, 'placement.error.stale.title', {
      detail: c.get('t')('placement.error.stale.detail', { yours: version, current: now2.version }),
      errors: [
        {
          path: 'version',
          message: c.get('t')('placement.error.stale.detail', { yours: version, current: now2.version }),
        },
      ],
      extra: { currentVersion: now2.version },
    });
  }
  const placement = await findPlacement(db, id, today);
  if (!placement) throw notFound();
  return placement;
}

/** Withdraws a placement: it leaves every list; its applications stay for both sides to see. */
export async function withdrawPlacement(c: Context<AppEnv>, id: string): Promise<void> {
  const { db, atomic, now } = c.get('deps');
  const row = await db
    .selectFrom('placements')
    .select(['organisation_id', 'status'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row || row.status === 'withdrawn') throw notFound();
  requirePlacementMember(c, row.organisation_id);
  const at = now().toISOString();
  await atomic([
    // Before the update, on its condition: two withdrawals at once leave one entry.
    auditIf(
      c,
      {
        action: 'placement.withdrawn',
        targetType: 'placement',
        targetId: id,
        detail: { organisationId: row.organisation_id },
      },
      sql<SqlBool>`exists (select 1 from placements where id = ${id} and status != 'withdrawn')`,
    ),
    sql`update placements set status = 'withdrawn', closed_at = ${at}, version = version + 1, updated_at = ${at}
        where id = ${id} and status != 'withdrawn'`.compile(db),
    sql`delete from placement_terms where placement_id = ${id}`.compile(db),
    sql`update placement_catalogue set version = version + 1 where id = 1`.compile(db),
  ]);
}
