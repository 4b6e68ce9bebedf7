/**
 * Audits the publication of a Blekinge-sized round with the test suite's independent LP auditor
 * (test/support/lp-auditor.ts; issue 16): `node --import tsx bench/audit-blekinge.ts [--seed N]
 * [--organisations 600] [--lines 2500] [--model blocks|atoms] [--hidden-positive]
 * [--without-secondary]`. Generates the round in memory (bench/blekinge/round.ts), computes its
 * publication as closing the round does, audits it and prints the times and what failed.
 * Exits 1 when the audit finds anything.
 */
import { parseArgs } from 'node:util';
import loadHighs from 'highs';
import { createTestApp } from '../test/support/app.ts';
import { auditPublication } from '../test/support/lp-auditor.ts';
import { auditInputOf, computePublication, readPublicationCells } from '../test/support/publication.ts';
import { BLEKINGE_DEFAULTS, generateBlekingeRound } from './blekinge/round.ts';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: String(BLEKINGE_DEFAULTS.seed) },
    organisations: { type: 'string', default: String(BLEKINGE_DEFAULTS.organisations) },
    lines: { type: 'string', default: String(BLEKINGE_DEFAULTS.lines) },
    model: { type: 'string', default: 'blocks' },
    'hidden-positive': { type: 'boolean', default: false },
    'without-secondary': { type: 'boolean', default: false },
  },
});
const model = values.model === 'atoms' ? 'atoms' : 'blocks';
const seconds = (from: number) => `${((performance.now() - from) / 1000).toFixed(1)} s`;

const t = await createTestApp({ now: new Date('2026-06-02T08:00:00Z') });
let started = performance.now();
const summary = await generateBlekingeRound(t.deps, {
  seed: Number(values.seed),
  organisations: Number(values.organisations),
  lines: Number(values.lines),
});
console.log(`round: ${summary.responded} organisations answered, ${summary.lines} lines (${seconds(started)})`);

started = performance.now();
const publicationId = await computePublication(t, summary.roundId);
const cells = await readPublicationCells(t, publicationId);
const hidden = cells.filter((c) => c.status !== 'published').length;
console.log(`publication: ${cells.length} cells, ${hidden} hidden (${seconds(started)})`);

let input = await auditInputOf(t, summary.roundId, cells);
if (values['without-secondary']) {
  const secondary = cells.filter((c) => c.status === 'secondary');
  input = {
    ...input,
    published: [...input.published, ...secondary.map((c) => ({ cellId: c.cellId, value: c.trueHeadcount }))],
    hidden: input.hidden.filter((h) => h.status !== 'secondary'),
  };
}
const report = auditPublication(await loadHighs(), { ...input, model, hiddenPositive: values['hidden-positive'] });
console.log(
  `audit (${model}${values['hidden-positive'] ? ', hidden cells known not empty' : ''}): ` +
    `${report.cells.length} primary cells, ${report.failures.length} unprotected, ${report.problems.length} other problems ` +
    `(${report.seconds.toFixed(1)} s)`,
  report.size,
);
for (const c of report.failures.slice(0, 10)) {
  console.log(`  ${c.cellId}: ${c.value} in [${c.min}, ${c.max}], needs −${c.lower}/+${c.upper}`);
}
for (const p of report.problems.slice(0, 10)) console.log(`  ${p}`);
await t.database.close();
process.exitCode = report.failures.length + report.problems.length > 0 ? 1 : 0;
