import { type CompiledQuery, type Expression, expressionBuilder, type Kysely, type SqlBool } from 'kysely';
import { auditIfIn, changedFields } from '../../audit/index.ts';
import { OFFERINGS } from '../../cache/names.ts';
import { bumpVersions } from '../../cache/versions.ts';
import { DomainError, Invalid, NotFound, StaleVersion } from '../../core/errors.ts';
import type { Scope } from '../../core/scope.ts';
import type { Database } from '../../db/schema.ts';
import { providerAllowed, type Writer } from '../access.ts';
import { findOffering } from '../queries.ts';
import type { Offering, OfferingCreate, OfferingPatch } from '../schemas.ts';

/**
 * Offering writes. Each is one atomic batch: the offering's row under its conditions (the writer
 * may act for the provider; for an update, the version read), then the link tables, whose
 * statements hold only if the row now carries this write's id. A refused write changes nothing,
 * and its audit entry, in the same batch under the same condition, is not written either.
 */
function columns(input: Partial<OfferingCreate>) {
  const out: Partial<Database['offerings']> = {};
  if (input.name !== undefined) out.name = input.name;
  if (input.providerId !== undefined) out.provider_id = input.providerId;
  if (input.form !== undefined) out.form = input.form;
  if (input.sunLevel !== undefined) out.sun_level = input.sunLevel;
  if (input.sunField !== undefined) out.sun_field = input.sunField;
  if (input.annualPlaces !== undefined) out.annual_places = input.annualPlaces;
  if (input.annualGraduates !== undefined) out.annual_graduates = input.annualGraduates;
  if (input.municipalityCode !== undefined) out.municipality_code = input.municipalityCode;
  if (input.distance !== undefined) out.distance = input.distance ? 1 : 0;
  if (input.language !== undefined) out.language = input.language;
  if (input.pace !== undefined) out.pace = input.pace;
  if (input.startDates !== undefined) out.start_dates = JSON.stringify([...new Set(input.startDates)].sort());
  if (input.url !== undefined) out.url = input.url;
  if (input.description !== undefined) out.description = input.description;
  return out;
}

/** SQL: the offering now carries this write's id, i.e. the write landed. */
const carries = (offeringId: string, writeId: string) =>
  eb.exists(
    eb
      .selectFrom('offerings as w')
      .select(eb.lit(1).as('one'))
      .where('w.id', '=', offeringId)
      .where('w.write_id', '=', writeId),
  );

// Conditions built apart from the statements they go into.
const eb = expressionBuilder<Database, never>();

/** (offering, id) for each distinct id, if `condition` holds. */
const linkRows = (offeringId: string, ids: readonly string[], condition: Expression<SqlBool>) =>
  eb
    .selectFrom(eb.fn<{ value: string }>('json_each', [eb.val(JSON.stringify([...new Set(ids)]))]).as('je'))
    .select([eb.val(offeringId).as('offering_id'), 'je.value'])
    .where(condition);

/** Replace one link table's rows for an offering, if the offering carries `writeId`. */
export function replaceLinks(
  db: Kysely<Database>,
  table: 'offering_occupations' | 'offering_skills',
  offeringId: string,
  writeId: string,
  ids: readonly string[],
): CompiledQuery[] {
  const mine = carries(offeringId, writeId);
  // Each table named by a literal, so that the architecture check can see who writes it.
  return table === 'offering_occupations'
    ? [
        db.deleteFrom('offering_occupations').where('offering_id', '=', offeringId).where(mine).compile(),
        db
          .insertInto('offering_occupations')
          .orIgnore()
          .columns(['offering_id', 'occupation_id'])
          .expression(linkRows(offeringId, ids, mine))
          .compile(),
      ]
    : [
        db.deleteFrom('offering_skills').where('offering_id', '=', offeringId).where(mine).compile(),
        db
          .insertInto('offering_skills')
          .orIgnore()
          .columns(['offering_id', 'skill_id'])
          .expression(linkRows(offeringId, ids, mine))
          .compile(),
      ];
}

/** A write to an offering of a provider the writer does not act for (403). */
const notYourProvider = () => new DomainError('forbidden', 'education.error.notYourProvider');

export async function createOffering(scope: Scope, writer: Writer, input: OfferingCreate): Promise<Offering> {
  const { db, atomic, newId } = scope.deps;
  const id = newId();
  const writeId = newId();
  const at = scope.now.toISOString();
  const values = {
    id,
    ...columns(input),
    is_demo: 0,
    version: 1,
    write_id: writeId,
    created_at: at,
    updated_at: at,
  } as Database['offerings'];
  const names = Object.keys(values) as (keyof Database['offerings'])[];
  const insert = db
    .insertInto('offerings')
    .columns(names)
    .expression(
      db
        .selectNoFrom((eb) => names.map((n) => eb.val(values[n]).as(n)))
        .where(providerAllowed(writer, input.providerId)),
    )
    .compile();
  const [inserted] = await atomic([
    insert,
    ...replaceLinks(db, 'offering_occupations', id, writeId, input.occupationIds),
    ...replaceLinks(db, 'offering_skills', id, writeId, input.skillIds),
    // Gap figures made from the offerings before this write no longer hold (src/cache/names.ts).
    bumpVersions(db, [OFFERINGS], carries(id, writeId)).compile(),
    auditIfIn(
      scope,
      { action: 'offering.created', targetType: 'offering', targetId: id, detail: { providerId: input.providerId } },
      carries(id, writeId),
    ),
  ]);
  if (inserted?.numAffectedRows !== 1n) throw notYourProvider();
  const offering = await findOffering(db, id);
  if (!offering) throw new NotFound();
  return offering;
}

export async function updateOffering(
  scope: Scope,
  writer: Writer,
  id: string,
  patch: OfferingPatch,
): Promise<Offering> {
  const { db, atomic, newId } = scope.deps;
  const { version, occupationIds, skillIds, ...changes } = patch;
  // Read for the audit entry's list of changed fields only: the update below is conditional on
  // `version`, so when it lands this is the state it replaced.
  const before = await findOffering(db, id);
  const writeId = newId();
  let update = db
    .updateTable('offerings')
    .set((u) => ({
      ...columns(changes),
      version: u('version', '+', u.lit(1)),
      write_id: writeId,
      updated_at: scope.now.toISOString(),
    }))
    .where('id', '=', id)
    .where('version', '=', version)
    .where((w) => providerAllowed(writer, w.ref('provider_id')));
  if (changes.providerId !== undefined) update = update.where(providerAllowed(writer, changes.providerId));
  const batch = [update.compile()];
  if (occupationIds !== undefined) batch.push(...replaceLinks(db, 'offering_occupations', id, writeId, occupationIds));
  if (skillIds !== undefined) batch.push(...replaceLinks(db, 'offering_skills', id, writeId, skillIds));
  batch.push(bumpVersions(db, [OFFERINGS], carries(id, writeId)).compile());
  batch.push(
    auditIfIn(
      scope,
      {
        action: 'offering.updated',
        targetType: 'offering',
        targetId: id,
        detail: {
          providerId: changes.providerId ?? before?.providerId ?? null,
          fromVersion: version,
          changed: changedFields(before, { ...changes, occupationIds, skillIds }),
        },
      },
      carries(id, writeId),
    ),
  );
  let updated: bigint | undefined;
  try {
    const [result] = await atomic(batch);
    updated = result?.numAffectedRows;
  } catch (err) {
    // The table's CHECK: neither a municipality nor distance.
    if (err instanceof Error && /CHECK constraint/i.test(err.message))
      throw new Invalid('municipalityCode', 'education.validation.place');
    throw err;
  }
  const current = await findOffering(db, id);
  if (!current) throw new NotFound();
  if (updated === 1n) return current;
  if (current.version !== version) throw staleVersion(version, current.version);
  throw notYourProvider();
}

export async function deleteOffering(scope: Scope, writer: Writer, id: string): Promise<void> {
  const { db, atomic } = scope.deps;
  const [, deleted] = await atomic([
    // Before the delete, on its condition.
    auditIfIn(
      scope,
      { action: 'offering.deleted', targetType: 'offering', targetId: id },
      eb.exists(
        eb
          .selectFrom('offerings as o')
          .select(eb.lit(1).as('one'))
          .where('o.id', '=', id)
          .where((w) => providerAllowed(writer, w.ref('o.provider_id'))),
      ),
    ),
    db
      .deleteFrom('offerings')
      .where('id', '=', id)
      .where((w) => providerAllowed(writer, w.ref('provider_id')))
      .compile(),
    // After the delete: raised only if the offering is gone (a refused delete changes nothing).
    bumpVersions(
      db,
      [OFFERINGS],
      eb.not(eb.exists(eb.selectFrom('offerings as o').select(eb.lit(1).as('one')).where('o.id', '=', id))),
    ).compile(),
  ]);
  if (deleted?.numAffectedRows === 1n) return;
  const exists = await db.selectFrom('offerings').select('id').where('id', '=', id).executeTakeFirst();
  if (!exists) throw new NotFound();
  throw notYourProvider();
}

function staleVersion(yours: number, current: number): StaleVersion {
  return new StaleVersion('education.error.staleTitle', 'education.error.stale', yours, current, {
    currentVersion: current,
  });
}
