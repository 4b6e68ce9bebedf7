import { env } from 'cloudflare:test';
import type { CompiledQuery } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { createD1Atomic, createD1Kysely } from '../../src/db/d1.ts';
import { migrateD1 } from './d1.ts';

/** createD1Atomic over a real local D1 in workerd: one D1 batch, all or nothing. */
const db = createD1Kysely(env.DB);
const atomic = createD1Atomic(env.DB);
const NOW = '2026-11-28T09:00:00.000Z';

beforeAll(async () => {
  await migrateD1();
  await db
    .insertInto('counties')
    .values({ code: '10', name: 'Blekinge län', short_name: 'Blekinge', jobtech_id: null })
    .execute();
  await db
    .insertInto('municipalities')
    .values({ code: '1080', name: 'Karlskrona kommun', short_name: 'Karlskrona', county_code: '10', jobtech_id: null })
    .execute();
});

function insertOrganisation(id: string, orgNumber: string): CompiledQuery {
  return db
    .insertInto('organisations')
    .values({
      id,
      name: `Organisation ${id}`,
      org_number: orgNumber,
      sector: 'naringsliv',
      sni_division: null,
      size_class: '10-49',
      municipality_code: '1080',
      is_education_provider: 0,
      is_demo: 0,
      created_at: NOW,
      updated_at: NOW,
    })
    .compile();
}

async function organisationIds(ids: string[]): Promise<string[]> {
  const rows = await db.selectFrom('organisations').select('id').where('id', 'in', ids).orderBy('id').execute();
  return rows.map((row) => row.id);
}

describe('createD1Atomic', () => {
  it('leaves nothing behind when the last statement of the batch violates a constraint', async () => {
    const batch = [
      insertOrganisation('rollback-a', '556000-0001'),
      insertOrganisation('rollback-b', '556000-0002'),
      // Same org_number as the first statement: only fails because the first one ran.
      insertOrganisation('rollback-c', '556000-0001'),
    ];

    await expect(atomic(batch)).rejects.toThrow(/UNIQUE constraint failed: organisations\.org_number/);
    expect(await organisationIds(['rollback-a', 'rollback-b', 'rollback-c'])).toEqual([]);
  });

  it('writes every row when every statement of the batch succeeds', async () => {
    const results = await atomic([
      insertOrganisation('commit-a', '556000-0011'),
      insertOrganisation('commit-b', '556000-0012'),
      insertOrganisation('commit-c', '556000-0013'),
    ]);

    expect(results.map((result) => result.numAffectedRows)).toEqual([1n, 1n, 1n]);
    expect(await organisationIds(['commit-a', 'commit-b', 'commit-c'])).toEqual(['commit-a', 'commit-b', 'commit-c']);
  });
});
