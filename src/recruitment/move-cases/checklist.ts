/**
 * The checklist a new move case starts with (decision 0028): who usually does what, and when,
 * counted in days from the first day of the earliest move month. A task that does not apply to
 * the household (school without children, the partner's job without a partner) is not created.
 */
export const TASK_KINDS = [
  'housing',
  'school',
  'sfi',
  'healthcare',
  'population-register',
  'partner-job',
  'other',
] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

export const TASK_OWNERS = ['organisation', 'guide', 'household'] as const;
export type TaskOwner = (typeof TASK_OWNERS)[number];

export const TASK_STATES = ['open', 'done', 'not-needed'] as const;
export type TaskState = (typeof TASK_STATES)[number];

interface TemplateTask {
  kind: Exclude<TaskKind, 'other'>;
  owner: TaskOwner;
  /** Days from the first day of the earliest move month (negative: before the move). */
  offsetDays: number;
  applies: (household: { partnerComes: boolean; children: number }) => boolean;
}

const always = () => true;

export const CHECKLIST: readonly TemplateTask[] = [
  // The employer usually arranges the first place to live; the guide knows the housing market.
  { kind: 'housing', owner: 'organisation', offsetDays: -30, applies: always },
  { kind: 'partner-job', owner: 'guide', offsetDays: -60, applies: (h) => h.partnerComes },
  { kind: 'school', owner: 'household', offsetDays: -30, applies: (h) => h.children > 0 },
  // Skatteverket registers a move within a week of moving in.
  { kind: 'population-register', owner: 'household', offsetDays: 7, applies: always },
  { kind: 'healthcare', owner: 'household', offsetDays: 14, applies: always },
  { kind: 'sfi', owner: 'household', offsetDays: 30, applies: always },
];

/** `days` days after an ISO date (YYYY-MM-DD). */
export function addDays(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The template's tasks for a household moving in `earliestMove` (YYYY-MM). */
export function checklistFor(
  earliestMove: string,
  household: { partnerComes: boolean; children: number },
): { kind: TaskKind; owner: TaskOwner; dueOn: string }[] {
  const first = `${earliestMove}-01`;
  return CHECKLIST.filter((task) => task.applies(household)).map((task) => ({
    kind: task.kind,
    owner: task.owner,
    dueOn: addDays(first, task.offsetDays),
  }));
}
