import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { NodeDatabase } from '../../src/node/database.ts';
import { createTestDatabase } from '../support/app.ts';

const at = '2026-11-28T10:00:00.000Z';

function organisation(id: string, orgNumber: string) {
  return {
    id,
    name: `Atomic ${id}`,
    org_number: orgNumber,
    sector: 'naringsliv',
    sni_division: '62',
    size_class: '1-9',
    municipality_code: '1080',
    is_education_provider: 0,
    is_demo: 0,
    created_at: at,
    updated_at: at,
  };
}

describe('atomic() on better-sqlite3', () => {
  let database: NodeDatabase;
  afterEach(async () => database.close());

  it('writes every statement of a batch that succeeds', async () => {
    database = await createTestDatabase();
    const { db, atomic } = database;
    await atomic([
      db.insertInto('organisations').values(organisation('a', '556036-0793')).compile(),
      db.insertInto('organisations').values(organisation('b', '202100-2114')).compile(),
      db.updateTable('organisations').set({ name: 'Renamed' }).where('id', '=', 'a').compile(),
    ]);
    const rows = await db.selectFrom('organisations').select(['id', 'name']).orderBy('id').execute();
    expect(rows).toEqual([
      { id: 'a', name: 'Renamed' },
      { id: 'b', name: 'Atomic b' },
    ]);
  });

  it('leaves nothing behind when the last statement fails', async () => {
    database = await createTestDatabase();
    const { db, atomic } = database;
    const batch = [
      db.insertInto('organisations').values(organisation('a', '556036-0793')).compile(),
      db
        .insertInto('users')
        .values({ id: 'u', email: 'u@example.org', name: 'U', is_demo: 0, created_at: at })
        .compile(),
      // The same org number again violates UNIQUE.
      db.insertInto('organisations').values(organisation('b', '556036-0793')).compile(),
    ];
    await expect(atomic(batch)).rejects.toThrow(/UNIQUE/);
    const counts = await sql<{ orgs: number; users: number }>`
      select (select count(*) from organisations) as orgs, (select count(*) from users) as users`.execute(db);
    expect(counts.rows[0]).toEqual({ orgs: 0, users: 0 });
  });

  it('refuses interactive transactions, which D1 does not have', async () => {
    database = await createTestDatabase();
    await expect(database.db.transaction().execute(async () => undefined)).rejects.toThrow(/atomic/);
  });
});
