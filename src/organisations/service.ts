import { type Expression, expressionBuilder, type Kysely, type SqlBool } from 'kysely';
import { auditIfIn } from '../audit/index.ts';
import { DomainError, NotFound, StaleVersion } from '../core/errors.ts';
import type { Scope } from '../core/scope.ts';
import type { Database } from '../db/schema.ts';
import { findOrganisation, type Organisation } from './queries.ts';
import type { OrganisationCreate, OrganisationPatch } from './schemas.ts';

/**
 * Creating and editing organisations. Each write is one atomic batch whose statements carry their
 * own conditions: the audit entry goes first and holds only if the write will (same condition,
 * nothing between them), so a refused write leaves neither row nor record behind.
 */
const eb = expressionBuilder<Database>();

const orgNumberFree = (orgNumber: string, exceptId = ''): Expression<SqlBool> =>
  eb.not(
    eb.exists(
      eb
        .selectFrom('organisations as d')
        .select('d.id')
        .where('d.org_number', '=', orgNumber)
        .where('d.id', '<>', exceptId),
    ),
  );

const atVersion = (id: string, version: number): Expression<SqlBool> =>
  eb.exists(eb.selectFrom('organisations as u').select('u.id').where('u.id', '=', id).where('u.version', '=', version));

/** Another organisation holds the number (409), named, with the field to correct. */
export async function duplicateOrgNumber(db: Kysely<Database>, orgNumber: string): Promise<DomainError> {
  const holder = await db
    .selectFrom('organisations')
    .select('name')
    .where('org_number', '=', orgNumber)
    .executeTakeFirst();
  return new DomainError('conflict', 'organisation.error.duplicate.detail', {
    titleKey: 'organisation.error.duplicate.title',
    params: { orgNumber, name: holder?.name ?? '' },
    keyedProblems: [{ path: 'orgNumber', messageKey: 'organisation.error.duplicate.field', params: { orgNumber } }],
  });
}

export async function createOrganisation(scope: Scope, input: OrganisationCreate): Promise<Organisation> {
  const { db, atomic, newId } = scope.deps;
  const id = newId();
  const at = scope.now.toISOString();
  const [, inserted] = await atomic([
    auditIfIn(
      scope,
      {
        action: 'organisation.created',
        targetType: 'organisation',
        targetId: id,
        detail: { name: input.name, orgNumber: input.orgNumber },
      },
      orgNumberFree(input.orgNumber),
    ),
    db
      .insertInto('organisations')
      .values({ id, ...insertColumns(input), is_demo: 0, version: 1, created_at: at, updated_at: at })
      .onConflict((oc) => oc.column('org_number').doNothing())
      .compile(),
  ]);
  if (inserted?.numAffectedRows !== 1n) throw await duplicateOrgNumber(db, input.orgNumber);
  const organisation = await findOrganisation(db, id, { all: true });
  if (!organisation) throw new NotFound();
  return organisation;
}

/**
 * One conditional UPDATE … WHERE version = ?: a stale version changes nothing and gets 409, as does
 * an org number that another organisation holds.
 */
export async function updateOrganisation(scope: Scope, id: string, patch: OrganisationPatch): Promise<Organisation> {
  const { db, atomic } = scope.deps;
  const { version, ...changes } = patch;
  const numberFree = changes.orgNumber ? orgNumberFree(changes.orgNumber, id) : eb.lit(true);
  const [, updated] = await atomic([
    auditIfIn(
      scope,
      {
        action: 'organisation.updated',
        targetType: 'organisation',
        targetId: id,
        detail: { fromVersion: version, changed: Object.keys(changes).sort() },
      },
      eb.and([atVersion(id, version), numberFree]),
    ),
    db
      .updateTable('organisations')
      .set((u) => ({ ...toColumns(changes), version: u('version', '+', 1), updated_at: scope.now.toISOString() }))
      .where('id', '=', id)
      .where('version', '=', version)
      .where(numberFree)
      .compile(),
  ]);
  const current = await findOrganisation(db, id, { all: true });
  if (!current) throw new NotFound();
  if (updated?.numAffectedRows === 1n) return current;
  if (current.version !== version) throw staleVersion(version, current.version);
  if (changes.orgNumber) throw await duplicateOrgNumber(db, changes.orgNumber);
  throw staleVersion(version, current.version);
}

export const STALE_VERSION = 'organisation.error.stale.title';

function staleVersion(yours: number, current: number): StaleVersion {
  return new StaleVersion(STALE_VERSION, 'organisation.error.stale.detail', yours, current);
}

export function insertColumns(input: OrganisationCreate) {
  return {
    name: input.name,
    org_number: input.orgNumber,
    sector: input.sector,
    sni_division: input.sniDivision,
    size_class: input.sizeClass,
    municipality_code: input.municipalityCode,
    is_education_provider: input.isEducationProvider ? 1 : 0,
  };
}

function toColumns(input: Partial<OrganisationCreate>) {
  return {
    ...(input.name === undefined ? {} : { name: input.name }),
    ...(input.orgNumber === undefined ? {} : { org_number: input.orgNumber }),
    ...(input.sector === undefined ? {} : { sector: input.sector }),
    ...(input.sniDivision === undefined ? {} : { sni_division: input.sniDivision }),
    ...(input.sizeClass === undefined ? {} : { size_class: input.sizeClass }),
    ...(input.municipalityCode === undefined ? {} : { municipality_code: input.municipalityCode }),
    ...(input.isEducationProvider === undefined ? {} : { is_education_provider: input.isEducationProvider ? 1 : 0 }),
  };
}
