import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Measurement } from './measure.ts';
import type { BenchOptions } from './options.ts';

export interface Row extends Measurement {
  /** `ceiling (start)` and `ceiling (end)` for the two ceiling runs, otherwise the scenario name. */
  label: string;
  /** requests per second ÷ the ceiling's mean requests per second. */
  ratio: number;
}

export interface Report {
  date: string;
  command: string;
  node: string;
  cpus: number;
  options: BenchOptions;
  ceiling: { start: number; end: number; mean: number; driftPercent: number };
  rows: Row[];
  /** False when any scenario saw a non-2xx response or a connection error. */
  ok: boolean;
}

/** The ceiling is measured first and last; its mean is the yardstick, the two runs show the drift. */
export function buildReport(
  measurements: { label: string; measurement: Measurement }[],
  ceiling: { start: Measurement; end: Measurement },
  context: Pick<Report, 'date' | 'command' | 'node' | 'cpus' | 'options'>,
): Report {
  const start = ceiling.start.requestsPerSecond;
  const end = ceiling.end.requestsPerSecond;
  const mean = (start + end) / 2;
  const rows = measurements.map(({ label, measurement }) => ({
    ...measurement,
    label,
    ratio: mean > 0 ? measurement.requestsPerSecond / mean : 0,
  }));
  return {
    ...context,
    ceiling: { start, end, mean, driftPercent: start > 0 ? ((end - start) / start) * 100 : 0 },
    rows,
    ok: rows.every((row) => row.non2xx === 0 && row.errors === 0),
  };
}

/** Beyond this the machine was busy with something else during the run (shared/TOOLCHAIN.md: ±20 %). */
export const DRIFT_WARNING_PERCENT = 20;

const columns: { title: string; cell: (row: Row) => string }[] = [
  { title: 'scenario', cell: (row) => row.label },
  { title: 'req/s', cell: (row) => row.requestsPerSecond.toFixed(0) },
  { title: 'p50 ms', cell: (row) => String(row.p50) },
  { title: 'p99 ms', cell: (row) => String(row.p99) },
  { title: 'non-2xx', cell: (row) => String(row.non2xx) },
  { title: 'errors', cell: (row) => String(row.errors) },
  // A third decimal below 0.1, where two would round a scenario's ratio to 0.01 or 0.02.
  { title: 'ratio', cell: (row) => row.ratio.toFixed(row.ratio < 0.1 ? 3 : 2) },
];

export function formatTable(report: Report): string {
  const cells = report.rows.map((row) => columns.map((column) => column.cell(row)));
  const widths = columns.map((column, i) =>
    Math.max(column.title.length, ...cells.map((line) => line[i]?.length ?? 0)),
  );
  // The first column is text and reads left-aligned; the figures align right.
  const line = (values: string[]) =>
    `| ${values.map((value, i) => (i === 0 ? value.padEnd(widths[i] ?? 0) : value.padStart(widths[i] ?? 0))).join(' | ')} |`;
  const rule = line(widths.map((width, i) => (i === 0 ? `:${'-'.repeat(width - 1)}` : `${'-'.repeat(width - 1)}:`)));
  const { ceiling, options } = report;
  const drift = `${ceiling.driftPercent >= 0 ? '+' : ''}${ceiling.driftPercent.toFixed(1)} %`;
  return [
    `${report.date}, Node ${report.node}, ${report.cpus} CPUs; ${options.connections} connections, ` +
      `${options.duration} s per scenario after ${options.warmup} s warm-up`,
    '',
    line(columns.map((column) => column.title)),
    rule,
    ...cells.map(line),
    '',
    ...report.rows.flatMap((row) => row.notes.map((note) => `${row.label}: ${note}`)),
    `ceiling: mean ${ceiling.mean.toFixed(0)} req/s (start ${ceiling.start.toFixed(0)}, end ${ceiling.end.toFixed(0)}, drift ${drift})`,
    ...(Math.abs(ceiling.driftPercent) > DRIFT_WARNING_PERCENT
      ? [
          `warning: the ceiling moved more than ${DRIFT_WARNING_PERCENT} % during the run, so something else ` +
            'used the CPU; the ratios are rough. Rerun on a quiet machine before comparing figures.',
        ]
      : []),
  ].join('\n');
}

export async function writeReport(path: string, report: Report): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(report, null, 2)}\n`);
}
