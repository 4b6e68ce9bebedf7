import type { Kysely } from 'kysely';
import { auditQuery } from '../audit/index.ts';
import type { Config } from '../core/config.ts';
import type { Logger } from '../core/logger.ts';
import type { Atomic } from '../db/atomic.ts';
import type { Database } from '../db/schema.ts';
import { countNeedLines, listSubmitters } from '../surveys/index.ts';
import { CATALOGUE_VERSION } from './catalogue.ts';
import { CellAccumulator, type RoundCells, SkillCounter } from './cells.ts';
import { deriveStructure } from './inner-model.ts';
import type { PublicationRule } from './primary.ts';
import { buildProblem } from './problem.ts';
import { readInnerLines, readNamedSkills, readRoundInBulk } from './queries.ts';
import type { LoadSolver } from './solver.ts';
import { type SuppressionState, Suppressor } from './suppress.ts';

/**
 * Computing a round's publication, in steps that can stop at a deadline and go on in a later call
 * (a Worker's Cron Trigger has a CPU limit; on Node one call runs it through off the request
 * thread). Each step claims the publication first, so two runs never compute the same one, and
 * keeps what it did in the publication's row and in publication_work.
 *
 *   aggregate — read the round's need lines, organisation by organisation, into the catalogue's cells
 *   suppress  — protect all tables together (suppress.ts)
 *   store     — write the published cells and the skill lists, then switch the round to this version
 */
export interface PublicationDeps {
  db: Kysely<Database>;
  atomic: Atomic;
  config: Config;
  log: Logger;
  loadSolver: LoadSolver;
  newId: () => string;
  /**
   * From this many need lines, read the round in one statement (SQLite sorts it whole) instead of
   * organisation by organisation: for Node's worker thread, not for a Worker's 128 MB. Unset: never.
   */
  bulkReadFromLines?: number;
  /**
   * Node's worker thread: a yield point that pauses briefly while the server thread is busy
   * (src/node/yield-to-requests.ts), called through the bulk read (its connection has the SQL
   * function of the same purpose) and the suppression's solves. Unset: no pauses (Workers run in
   * bounded steps).
   */
  yieldToRequests?: () => void;
}

/** From this many need lines a bulk read pays, where the runtime has the memory (PublicationDeps). */
export const BULK_READ_FROM_LINES = 50_000;

/** Organisations read per query while aggregating; their lines are a few thousand rows. */
const ORGANISATIONS_PER_READ = 5000;
/** Rows per stored part of the intermediate figures, and per insert batch when storing. */
const ROWS_PER_PART = 2000;
const ROWS_PER_INSERT = 12;
/** How long a step may hold its claim; a step that dies leaves it to expire. */
const CLAIM_MINUTES = 15;

export function ruleOf(config: Config): PublicationRule {
  return { ...config.disclosure };
}

/**
 * The statement that asks for a round's next publication, for the batch that closes the round (or
 * records a correction): nothing when one is already being computed.
 */
export function requestPublicationQuery(
  db: Kysely<Database>,
  input: { id: string; roundId: string; reason: string; requestedBy: string | null; rule: PublicationRule; at: string },
) {
  return db
    .insertInto('publications')
    .columns([
      'id',
      'round_id',
      'version',
      'status',
      'catalogue_version',
      'rule',
      'stage',
      'progress',
      'reason',
      'requested_by',
      'created_at',
    ])
    .expression(
      db
        .selectNoFrom((eb) => [
          eb.val(input.id).as('id'),
          eb.val(input.roundId).as('round_id'),
          eb
            .selectFrom('publications')
            .select((v) => v(v.fn.coalesce(v.fn.max('version'), v.lit(0)), '+', v.lit(1)).as('version'))
            .where('round_id', '=', input.roundId)
            .as('version'),
          eb.val('computing').as('status'),
          eb.val(CATALOGUE_VERSION).as('catalogue_version'),
          eb.val(JSON.stringify(input.rule)).as('rule'),
          eb.val('aggregate').as('stage'),
          eb.lit(0).as('progress'),
          eb.val(input.reason).as('reason'),
          eb.val(input.requestedBy).as('requested_by'),
          eb.val(input.at).as('created_at'),
        ])
        .where(({ and, not, exists, selectFrom, lit }) =>
          and([
            exists(
              selectFrom('rounds')
                .select(lit(1).as('one'))
                .where('id', '=', input.roundId)
                .where('status', '=', 'closed'),
            ),
            not(
              exists(
                selectFrom('publications')
                  .select(lit(1).as('one'))
                  .where('round_id', '=', input.roundId)
                  .where('status', '=', 'computing'),
              ),
            ),
          ]),
        ),
    )
    .compile();
}

type Stage = 'aggregate' | 'suppress' | 'store' | 'done';

interface AggregateState {
  /** Index into the round's submitters of the next organisation to read. */
  next: number;
  parts: number;
  lines: number;
  seconds: number;
}

interface StoreState {
  written: number;
  suppression: SuppressionState;
  seconds: { aggregate: number; suppress: number };
  lines: number;
}

export type StepOutcome = 'done' | 'more' | 'failed' | 'busy';

/**
 * One step of a publication: claims it, works until `deadline` (milliseconds on `clock`) and
 * releases it. 'more' means call again; 'busy' that another run holds it.
 */
export async function advancePublication(
  deps: PublicationDeps,
  publicationId: string,
  options: { now: Date; clock?: () => number; deadline?: number; onProgress?: (progress: number) => void },
): Promise<StepOutcome> {
  const { db } = deps;
  const clock = options.clock ?? (() => performance.now());
  const deadline = options.deadline ?? Number.POSITIVE_INFINITY;
  const at = options.now.toISOString();
  const until = new Date(options.now.getTime() + CLAIM_MINUTES * 60_000).toISOString();
  const claimed = await db
    .updateTable('publications')
    .set({ claimed_until: until })
    .where('id', '=', publicationId)
    .where('status', '=', 'computing')
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', at)]))
    .returningAll()
    .executeTakeFirst();
  if (!claimed) return 'busy';
  try {
    let stage: Stage = claimed.stage;
    let state: unknown = claimed.state ? JSON.parse(claimed.state) : null;
    const rule = JSON.parse(claimed.rule) as PublicationRule;
    while (stage !== 'done') {
      if (clock() > deadline) break;
      const next = await STAGES[stage](deps, { publication: claimed, rule, state, clock, deadline, at });
      stage = next.stage;
      state = next.state;
      const progress = next.progress;
      options.onProgress?.(progress);
      if (stage !== 'done') {
        await db
          .updateTable('publications')
          .set({ stage, state: JSON.stringify(state), progress })
          .where('id', '=', publicationId)
          .execute();
      }
    }
    if (stage === 'done') return 'done';
    await db.updateTable('publications').set({ claimed_until: null }).where('id', '=', publicationId).execute();
    return 'more';
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    deps.log.error('publication failed', { publicationId, roundId: claimed.round_id, error: message });
    // Fail closed: nothing of this version is published; the previous version, if any, stays.
    await deps.atomic([
      db
        .updateTable('publications')
        .set({ status: 'failed', error: message, claimed_until: null })
        .where('id', '=', publicationId)
        .compile(),
      db.deleteFrom('publication_cells').where('publication_id', '=', publicationId).compile(),
      db.deleteFrom('publication_work').where('publication_id', '=', publicationId).compile(),
    ]);
    return 'failed';
  }
}

interface StageInput {
  publication: Database['publications'];
  rule: PublicationRule;
  state: unknown;
  clock: () => number;
  deadline: number;
  at: string;
}
type StageResult = { stage: Stage; state: unknown; progress: number };

const STAGES: Record<Exclude<Stage, 'done'>, (deps: PublicationDeps, input: StageInput) => Promise<StageResult>> = {
  aggregate,
  suppress,
  store,
};

async function readWork(db: Kysely<Database>, publicationId: string): Promise<RoundCells> {
  const rows = await db
    .selectFrom('publication_work')
    .select(['part', 'data'])
    .where('publication_id', '=', publicationId)
    .orderBy('part')
    .execute();
  const out: RoundCells = { cells: [], atoms: [] };
  for (const row of rows) {
    const part = JSON.parse(row.data) as Partial<RoundCells>;
    out.cells.push(...(part.cells ?? []));
    out.atoms.push(...(part.atoms ?? []));
    if (part.skills) out.skills = [...(out.skills ?? []), ...part.skills];
  }
  return out;
}

async function writeWork(deps: PublicationDeps, publicationId: string, round: RoundCells): Promise<number> {
  const { db } = deps;
  const parts: string[] = [];
  for (let i = 0; i < round.cells.length; i += ROWS_PER_PART) {
    parts.push(JSON.stringify({ cells: round.cells.slice(i, i + ROWS_PER_PART) }));
  }
  for (let i = 0; i < round.atoms.length; i += ROWS_PER_PART) {
    parts.push(JSON.stringify({ atoms: round.atoms.slice(i, i + ROWS_PER_PART) }));
  }
  for (let i = 0; i < (round.skills?.length ?? 0); i += ROWS_PER_PART) {
    parts.push(JSON.stringify({ skills: round.skills?.slice(i, i + ROWS_PER_PART) }));
  }
  await deps.atomic([
    db.deleteFrom('publication_work').where('publication_id', '=', publicationId).compile(),
    ...parts.map((data, part) =>
      db.insertInto('publication_work').values({ publication_id: publicationId, part, data }).compile(),
    ),
  ]);
  return parts.length;
}

async function aggregateInBulk(deps: PublicationDeps, input: StageInput): Promise<StageResult> {
  const started = input.clock();
  const accumulator = new CellAccumulator(deriveStructure(), Math.max(2, input.rule.dominanceN));
  const skills = new SkillCounter();
  const lines = await readRoundInBulk(
    deps.db,
    input.publication.round_id,
    (line, lineSkills) => {
      accumulator.add(line);
      skills.add(line.organisationId, line.values.areaSet, lineSkills);
    },
    deps.yieldToRequests,
  );
  const round = { ...accumulator.result(), skills: skills.named(input.rule.minOrganisations) };
  await writeWork(deps, input.publication.id, round);
  return {
    stage: 'suppress',
    state: {
      suppression: null,
      aggregateSeconds: (input.clock() - started) / 1000,
      suppressSeconds: 0,
      lines,
    },
    progress: 0.4,
  };
}

async function aggregate(deps: PublicationDeps, input: StageInput): Promise<StageResult> {
  const { db } = deps;
  const { publication } = input;
  const state = (input.state as AggregateState | null) ?? { next: 0, parts: 0, lines: 0, seconds: 0 };
  if (deps.bulkReadFromLines !== undefined && state.next === 0) {
    if ((await countNeedLines(db, publication.round_id)) >= deps.bulkReadFromLines) return aggregateInBulk(deps, input);
  }
  const started = input.clock();
  const structure = deriveStructure();
  const accumulator = new CellAccumulator(
    structure,
    Math.max(2, input.rule.dominanceN),
    state.next > 0 ? await readWork(db, publication.id) : undefined,
  );
  const submitters = await listSubmitters(db, publication.round_id);
  let next = state.next;
  let lines = state.lines;
  while (next < submitters.length && input.clock() <= input.deadline) {
    const chunk = submitters.slice(next, next + ORGANISATIONS_PER_READ);
    const first = chunk[0];
    const last = chunk[chunk.length - 1];
    if (first === undefined || last === undefined) break;
    for (const line of await readInnerLines(db, publication.round_id, first, last)) {
      accumulator.add(line);
      lines++;
    }
    next += chunk.length;
  }
  const round = accumulator.result();
  const parts = await writeWork(deps, publication.id, round);
  const seconds = state.seconds + (input.clock() - started) / 1000;
  if (next < submitters.length) {
    return {
      stage: 'aggregate',
      state: { next, parts, lines, seconds } satisfies AggregateState,
      progress: (0.4 * next) / submitters.length,
    };
  }
  return {
    stage: 'suppress',
    state: {
      suppression: null,
      aggregateSeconds: seconds,
      suppressSeconds: 0,
      lines,
    },
    progress: 0.4,
  };
}

interface SuppressStageState {
  suppression: SuppressionState | null;
  aggregateSeconds: number;
  suppressSeconds: number;
  lines: number;
}

async function suppress(deps: PublicationDeps, input: StageInput): Promise<StageResult> {
  const state = input.state as SuppressStageState;
  const started = input.clock();
  const round = await readWork(deps.db, input.publication.id);
  const problem = buildProblem(deriveStructure(), round);
  const highs = await deps.loadSolver();
  const suppressor = new Suppressor(highs, problem, input.rule, state.suppression ?? undefined);
  suppressor.yieldToRequests = deps.yieldToRequests;
  try {
    const done = await suppressWithinDeadline(deps.db, input, suppressor);
    const suppressSeconds = state.suppressSeconds + (input.clock() - started) / 1000;
    if (!done) {
      return {
        stage: 'suppress',
        state: { ...state, suppression: suppressor.state, suppressSeconds } satisfies SuppressStageState,
        progress: suppressor.state.phase === 'add' ? 0.5 : 0.8,
      };
    }
    return {
      stage: 'store',
      state: {
        written: 0,
        suppression: suppressor.state,
        seconds: { aggregate: state.aggregateSeconds, suppress: suppressSeconds },
        lines: state.lines,
      } satisfies StoreState,
      progress: 0.9,
    };
  } finally {
    suppressor.dispose();
  }
}

/**
 * Runs the suppressor until done or past the deadline. With a deadline, one unit of work at a time
 * with a database round trip between units: a deployed Worker's clock moves only on I/O (a Spectre
 * mitigation, https://developers.cloudflare.com/workers/runtime-apis/performance/), so a step that
 * only computed would never see its deadline pass and would run the whole suppression in one
 * Cron Trigger, past its CPU limit.
 */
async function suppressWithinDeadline(
  db: Kysely<Database>,
  input: StageInput,
  suppressor: Suppressor,
): Promise<boolean> {
  if (!Number.isFinite(input.deadline)) return suppressor.run(input.clock, input.deadline);
  let done = suppressor.run(input.clock, input.deadline, 1);
  while (!done) {
    await db.selectFrom('publications').select('status').where('id', '=', input.publication.id).executeTakeFirst();
    if (input.clock() > input.deadline) return false;
    done = suppressor.run(input.clock, input.deadline, 1);
  }
  return true;
}

async function store(deps: PublicationDeps, input: StageInput): Promise<StageResult> {
  const { db, atomic } = deps;
  const { publication } = input;
  const state = input.state as StoreState;
  const round = await readWork(db, publication.id);
  const problem = buildProblem(deriveStructure(), round);
  const highs = await deps.loadSolver();
  const suppressor = new Suppressor(highs, problem, input.rule, state.suppression);
  let statuses: ReturnType<Suppressor['statuses']>;
  let report: ReturnType<Suppressor['report']>;
  try {
    if (state.written === 0) {
      // Fail closed: the pattern is audited from scratch once more before anything is stored.
      const unsafe = suppressor.certify();
      if (unsafe.length > 0) {
        throw new Error(
          `The final pattern leaves ${unsafe.length} hidden figures unprotected (first: ${unsafe[0]?.cell})`,
        );
      }
    }
    statuses = suppressor.statuses();
    report = suppressor.report();
  } finally {
    suppressor.dispose();
  }

  let written = state.written;
  while (written < round.cells.length) {
    if (input.clock() > input.deadline) {
      return { stage: 'store', state: { ...state, written }, progress: 0.9 + (0.1 * written) / round.cells.length };
    }
    const batch = round.cells.slice(written, written + ROWS_PER_PART);
    const statements = [];
    for (let i = 0; i < batch.length; i += ROWS_PER_INSERT) {
      const rows = batch.slice(i, i + ROWS_PER_INSERT).map((cell, k) => {
        const status = statuses[written + i + k] ?? 'secondary';
        const shown = status === 'published';
        return {
          publication_id: publication.id,
          kind: cell.kind,
          cell_id: cell.id,
          headcount: shown ? cell.value : null,
          organisations: shown ? cell.organisations : null,
          status,
          true_headcount: cell.value,
          true_organisations: cell.organisations,
        };
      });
      statements.push(
        db
          .insertInto('publication_cells')
          .values(rows)
          .onConflict((oc) => oc.doNothing())
          .compile(),
      );
    }
    await atomic(statements);
    written += batch.length;
  }

  const skills = round.skills ?? (await readNamedSkills(db, publication.round_id, input.rule.minOrganisations));
  const hidden = statuses.filter((s) => s !== 'published').length;
  const fullReport = {
    ...report,
    hidden,
    lines: state.lines,
    seconds: state.seconds,
    skills: skills.length,
  };
  const previous = await db
    .selectFrom('publications')
    .select(['id', 'version'])
    .where('round_id', '=', publication.round_id)
    .where('status', '=', 'published')
    .executeTakeFirst();
  const changes = previous ? await changedCells(db, previous.id, round.cells, statuses) : null;
  const skillInserts = [];
  for (let i = 0; i < skills.length; i += 30) {
    skillInserts.push(
      db
        .insertInto('publication_skills')
        .values(
          skills.slice(i, i + 30).map((s) => ({
            publication_id: publication.id,
            specialisation_code: s.specialisation,
            skill_id: s.skillId,
          })),
        )
        .onConflict((oc) => oc.doNothing())
        .compile(),
    );
  }
  await atomic([
    ...skillInserts,
    db
      .updateTable('publications')
      .set({ status: 'superseded' })
      .where('round_id', '=', publication.round_id)
      .where('status', '=', 'published')
      .compile(),
    db
      .updateTable('publications')
      .set({
        status: 'published',
        stage: 'done',
        progress: 1,
        state: null,
        report: JSON.stringify(fullReport),
        changes: changes ? JSON.stringify(changes) : null,
        published_at: input.at,
        claimed_until: null,
      })
      .where('id', '=', publication.id)
      .compile(),
    db.deleteFrom('publication_work').where('publication_id', '=', publication.id).compile(),
    auditQuery(
      db,
      {
        action: 'publication.published',
        actorUserId: null,
        targetType: 'round',
        targetId: publication.round_id,
        detail: {
          publicationId: publication.id,
          version: publication.version,
          reason: publication.reason,
          cells: report.cells,
          hidden,
          changed: changes?.count ?? null,
        },
      },
      { ip: null, userAgent: null, requestId: null },
      new Date(input.at),
      deps.newId(),
    ),
  ]);
  deps.log.info('publication published', {
    publicationId: publication.id,
    roundId: publication.round_id,
    version: publication.version,
    cells: report.cells,
    hidden,
  });
  return { stage: 'done', state: null, progress: 1 };
}

/** What a new version changed: cells whose published figure or status differs, with examples. */
async function changedCells(db: Kysely<Database>, before: string, after: RoundCells['cells'], statuses: string[]) {
  const rows = await db
    .selectFrom('publication_cells')
    .select(['cell_id', 'headcount', 'status'])
    .where('publication_id', '=', before)
    .execute();
  const old = new Map(rows.map((r) => [r.cell_id, r]));
  const changed: { cell: string; before: number | null; after: number | null }[] = [];
  after.forEach((cell, i) => {
    const shown = statuses[i] === 'published' ? cell.value : null;
    const was = old.get(cell.id);
    old.delete(cell.id);
    if (!was || was.headcount !== shown || was.status !== statuses[i]) {
      changed.push({ cell: cell.id, before: was?.headcount ?? null, after: shown });
    }
  });
  for (const [id, was] of old) changed.push({ cell: id, before: was.headcount, after: null });
  return { count: changed.length, examples: changed.slice(0, 50) };
}
