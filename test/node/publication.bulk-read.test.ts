import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import {
  computePublication,
  issue16Round,
  type RoundLine,
  type RoundOrganisation,
  randomRound,
  readPublicationCells,
  writeClosedRound,
} from '../support/publication.ts';

/**
 * Node's worker thread reads a large round in one statement (src/publication/queries.ts
 * readRoundInBulk); a Worker, and Node for a small round, reads it organisation by organisation.
 * Both must give the same publication: the same cells with the same figures and statuses, and the
 * same lists of named skills. The lines are written in an order that mixes organisations, as a
 * round's storage order may (corrections rewrite an organisation's lines at the end).
 */
type Round = { id: string; organisations: readonly RoundOrganisation[]; lines: readonly RoundLine[] };

/** Every third line names skills, real JobTech skill ids read from the reference data. */
async function addSkills(t: TestApp, roundId: string): Promise<number> {
  const skills = await t.deps.db.selectFrom('skills').select('id').orderBy('id').limit(7).execute();
  const lines = await t.deps.db
    .selectFrom('need_lines')
    .select('id')
    .where('round_id', '=', roundId)
    .orderBy('id')
    .execute();
  const rows = lines.flatMap((line, i) =>
    i % 3 === 0
      ? []
      : skills.slice(i % 4, (i % 4) + 1 + (i % 3)).map((s) => ({ need_line_id: line.id, skill_id: s.id })),
  );
  for (let i = 0; i < rows.length; i += 100) {
    await t.deps.db
      .insertInto('need_line_skills')
      .values(rows.slice(i, i + 100))
      .execute();
  }
  return rows.length;
}

/** Lines in an order that interleaves organisations: last organisation's first, then round-robin. */
function interleaved(lines: readonly RoundLine[]): RoundLine[] {
  const byOrg = new Map<string, RoundLine[]>();
  for (const line of lines) byOrg.set(line.org, [...(byOrg.get(line.org) ?? []), line]);
  const queues = [...byOrg.values()].reverse();
  const out: RoundLine[] = [];
  while (queues.some((q) => q.length > 0)) {
    for (const q of queues) {
      const line = q.shift();
      if (line) out.push(line);
    }
  }
  return out;
}

async function publishBothWays(round: Round) {
  const t = await createTestApp();
  await writeClosedRound(t, { ...round, lines: interleaved(round.lines) });
  const skillRows = await addSkills(t, round.id);
  const byOrganisation = await computePublication(t, round.id);
  const inBulk = await computePublication(t, round.id, { bulkReadFromLines: 0 });
  const cells = async (id: string) =>
    (await readPublicationCells(t, id)).sort((a, b) => (a.cellId < b.cellId ? -1 : a.cellId > b.cellId ? 1 : 0));
  const skills = (id: string) =>
    t.deps.db
      .selectFrom('publication_skills')
      .select(['specialisation_code', 'skill_id'])
      .where('publication_id', '=', id)
      .orderBy('specialisation_code')
      .orderBy('skill_id')
      .execute();
  const bulkRow = await t.deps.db
    .selectFrom('publications')
    .select(['version', 'changes'])
    .where('id', '=', inBulk)
    .executeTakeFirstOrThrow();
  const result = {
    skillRows,
    cells: { byOrganisation: await cells(byOrganisation), inBulk: await cells(inBulk) },
    skills: { byOrganisation: await skills(byOrganisation), inBulk: await skills(inBulk) },
    bulkVersion: bulkRow,
  };
  await t.database.close();
  return result;
}

describe('reading a round in bulk', () => {
  it('publishes the same cells and skill lists as reading it organisation by organisation (issue 16 round)', async () => {
    const { skillRows, cells, skills, bulkVersion } = await publishBothWays(issue16Round());
    expect(skillRows).toBeGreaterThan(10);
    expect(cells.byOrganisation.length).toBeGreaterThan(100);
    expect(cells.byOrganisation.some((c) => c.status !== 'published')).toBe(true);
    expect(cells.inBulk).toEqual(cells.byOrganisation);
    expect(skills.byOrganisation.length).toBeGreaterThan(0);
    expect(skills.inBulk).toEqual(skills.byOrganisation);
    // The second computation is version 2 of the round, and it changed nothing.
    expect(bulkVersion.version).toBe(2);
    expect(JSON.parse(bulkVersion.changes ?? '{}')).toMatchObject({ count: 0 });
  }, 120_000);

  it('publishes the same on random rounds', async () => {
    const rounds = fc.sample(randomRound({ organisations: { min: 6, max: 14 }, maxLines: 4 }), {
      numRuns: 4,
      seed: 1607,
    });
    for (const round of rounds) {
      const { cells, skills } = await publishBothWays(round);
      expect(cells.inBulk).toEqual(cells.byOrganisation);
      expect(skills.inBulk).toEqual(skills.byOrganisation);
    }
  }, 240_000);
});
