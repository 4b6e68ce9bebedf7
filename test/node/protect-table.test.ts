import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type DisclosureParameters,
  type ProtectedEntry,
  protectTable,
  type TableEntry,
} from '../../src/demand/protect-table.ts';

const P: DisclosureParameters = { minOrganisations: 3, dominanceN: 2, dominanceK: 85 };

/** Builds a table's cells and all its margins from organisations' contributions, as SQL does. */
function tableOf(
  dimensions: string[],
  contributions: { org: string; key: Record<string, string>; headcount: number }[],
  n = P.dominanceN,
): TableEntry[] {
  const subsets: string[][] = [[]];
  for (const d of dimensions) for (const s of [...subsets]) subsets.push([...s, d]);
  const entries: TableEntry[] = [];
  for (const subset of subsets) {
    const groups = new Map<string, { key: Record<string, string>; perOrg: Map<string, number> }>();
    for (const c of contributions) {
      const key = Object.fromEntries(subset.map((d) => [d, c.key[d] as string]));
      const id = JSON.stringify(key);
      const group = groups.get(id) ?? { key, perOrg: new Map() };
      group.perOrg.set(c.org, (group.perOrg.get(c.org) ?? 0) + c.headcount);
      groups.set(id, group);
    }
    for (const { key, perOrg } of groups.values()) {
      const amounts = [...perOrg.values()].sort((a, b) => b - a);
      entries.push({
        key,
        headcount: amounts.reduce((s, x) => s + x, 0),
        organisations: perOrg.size,
        topContributors: amounts.slice(0, n).reduce((s, x) => s + x, 0),
      });
    }
  }
  return entries;
}

/** Every line of the table: entries that differ in one dimension only, with its total. */
function linesOf(dimensions: string[], entries: ProtectedEntry[]) {
  const lines = new Map<string, { cells: ProtectedEntry[]; total?: ProtectedEntry }>();
  for (const e of entries) {
    for (const d of dimensions) {
      const rest = dimensions
        .filter((x) => x !== d)
        .map((x) => `${x}=${e.key[x] ?? '*'}`)
        .join(',');
      const id = `${d}|${rest}`;
      const line = lines.get(id) ?? { cells: [] };
      if (e.key[d] === undefined) line.total = e;
      else line.cells.push(e);
      lines.set(id, line);
    }
  }
  return [...lines.values()].filter((l) => l.cells.length > 0);
}

describe('primary suppression', () => {
  it('hides a cell that fewer than three organisations contribute to', () => {
    const entries = tableOf(
      ['m'],
      [
        { org: 'a', key: { m: 'Karlskrona' }, headcount: 5 },
        { org: 'b', key: { m: 'Karlskrona' }, headcount: 5 },
        { org: 'a', key: { m: 'Ronneby' }, headcount: 2 },
        { org: 'b', key: { m: 'Ronneby' }, headcount: 2 },
        { org: 'c', key: { m: 'Ronneby' }, headcount: 2 },
      ],
    );
    const out = protectTable(['m'], entries, P);
    expect(out.find((e) => e.key.m === 'Karlskrona')).toMatchObject({
      suppressed: true,
      reason: 'few',
      headcount: null,
    });
  });

  it('hides a cell that two organisations dominate with more than 85 % of the headcount', () => {
    const entries = tableOf(
      ['m'],
      [
        { org: 'a', key: { m: 'Olofström' }, headcount: 90 },
        { org: 'b', key: { m: 'Olofström' }, headcount: 5 },
        { org: 'c', key: { m: 'Olofström' }, headcount: 3 },
        { org: 'd', key: { m: 'Olofström' }, headcount: 2 },
      ],
    );
    const cell = protectTable(['m'], entries, P).find((e) => e.key.m === 'Olofström');
    expect(cell).toMatchObject({ suppressed: true, reason: 'dominance' });
  });

  it('publishes a cell of three organisations with no dominant pair', () => {
    const entries = tableOf(
      ['m'],
      ['a', 'b', 'c'].map((org) => ({ org, key: { m: 'Karlshamn' }, headcount: 4 })),
    );
    expect(protectTable(['m'], entries, P).find((e) => e.key.m === 'Karlshamn')).toMatchObject({
      suppressed: false,
      headcount: 12,
      organisations: 3,
    });
  });
});

describe('secondary suppression', () => {
  it('hides a second cell of the row so the first cannot be found by subtracting from the total', () => {
    const contributions = [
      ...['a', 'b'].map((org) => ({ org, key: { h: '0-1' }, headcount: 3 })),
      ...['a', 'b', 'c', 'd'].map((org) => ({ org, key: { h: '1-3' }, headcount: 2 })),
      ...['c', 'd', 'e', 'f'].map((org) => ({ org, key: { h: '3-5' }, headcount: 5 })),
    ];
    const out = protectTable(['h'], tableOf(['h'], contributions), P);
    const byKey = Object.fromEntries(out.map((e) => [e.key.h ?? 'total', e]));
    expect(byKey['0-1']?.reason).toBe('few');
    expect(byKey['1-3']?.reason).toBe('secondary'); // the smaller of the published cells
    expect(byKey['3-5']?.suppressed).toBe(false);
    expect(byKey.total?.suppressed).toBe(false);
  });

  it('hides the total when it would give away the only hidden cell of its line', () => {
    const contributions = ['a', 'b'].map((org) => ({ org, key: { h: '0-1' }, headcount: 3 }));
    const out = protectTable(['h'], tableOf(['h'], contributions), P);
    expect(out.every((e) => e.suppressed)).toBe(true);
  });
});

describe('property: over random two- and three-way tables', () => {
  const contributionsArb = (dims: string[]) =>
    fc.array(
      fc.record({
        org: fc.constantFrom('o1', 'o2', 'o3', 'o4', 'o5', 'o6', 'o7', 'o8'),
        key: fc.record(Object.fromEntries(dims.map((d) => [d, fc.constantFrom('x', 'y', 'z', 'w')]))) as fc.Arbitrary<
          Record<string, string>
        >,
        headcount: fc.integer({ min: 1, max: 40 }),
      }),
      { minLength: 1, maxLength: 60 },
    );

  for (const dims of [
    ['a', 'b'],
    ['a', 'b', 'c'],
  ]) {
    it(`publishes no cell that breaks the rules, and leaves no line with exactly one hidden entry (${dims.length} dimensions)`, () => {
      fc.assert(
        fc.property(contributionsArb(dims), (contributions) => {
          const entries = tableOf(dims, contributions);
          const out = protectTable(dims, entries, P);
          out.forEach((e, i) => {
            const input = entries[i] as TableEntry;
            if (!e.suppressed) {
              expect(input.organisations).toBeGreaterThanOrEqual(3);
              expect(input.topContributors * 100).toBeLessThanOrEqual(input.headcount * 85);
            }
          });
          for (const line of linesOf(dims, out)) {
            const members = line.total ? [...line.cells, line.total] : line.cells;
            const hidden = members.filter((m) => m.suppressed);
            expect(hidden.length === 0 || hidden.length >= 2).toBe(true);
          }
        }),
        { numRuns: 400, seed: 5 },
      );
    });
  }

  it('lets no hidden cell be recovered exactly from the published cells and total of its row or column', () => {
    fc.assert(
      fc.property(contributionsArb(['a', 'b']), (contributions) => {
        const entries = tableOf(['a', 'b'], contributions);
        const out = protectTable(['a', 'b'], entries, P);
        for (const line of linesOf(['a', 'b'], out)) {
          if (!line.total || line.total.suppressed) continue;
          const hiddenCells = line.cells.filter((c) => c.suppressed);
          if (hiddenCells.length === 0) continue;
          // What an outsider can compute: the total minus the published cells, shared among the hidden.
          const remainder = (line.total.headcount ?? 0) - line.cells.reduce((s, c) => s + (c.headcount ?? 0), 0);
          for (const cell of hiddenCells) {
            const truth = entries[out.indexOf(cell)]?.headcount;
            const determined = hiddenCells.length === 1;
            expect(determined && remainder === truth).toBe(false);
          }
        }
      }),
      { numRuns: 400, seed: 11 },
    );
  });
});
