import type { Scope } from '../../core/scope.ts';
import { translator } from '../../i18n/i18n.ts';
import type { RevisionChanges } from './changes.ts';

export interface RevisionView {
  revision: number;
  submittedAt: string;
  submittedBy: string | null;
  onBehalf: boolean;
  changes: RevisionChanges;
}

/** Every submission of a response, newest first: who, when, what changed. */
export async function listRevisions(scope: Scope, roundId: string, organisationId: string): Promise<RevisionView[]> {
  const rows = await scope.deps.db
    .selectFrom('response_revisions as v')
    .leftJoin('users as u', 'u.id', 'v.submitted_by')
    .select(['v.revision', 'v.submitted_at', 'v.on_behalf', 'v.changes', 'u.name', 'u.erased_at'])
    .where('v.round_id', '=', roundId)
    .where('v.organisation_id', '=', organisationId)
    .orderBy('v.revision', 'desc')
    .execute();
  return rows.map((row) => ({
    revision: row.revision,
    submittedAt: row.submitted_at,
    submittedBy: row.erased_at ? translator(scope.lang)('survey.erasedUser') : (row.name ?? null),
    onBehalf: row.on_behalf === 1,
    changes: JSON.parse(row.changes) as RevisionChanges,
  }));
}
