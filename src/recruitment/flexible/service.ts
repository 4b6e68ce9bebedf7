import { auditIn } from '../../audit/index.ts';
import type { CoreDeps } from '../../core/deps.ts';
import { NotFound } from '../../core/errors.ts';
import { isSecretariat } from '../../core/principal.ts';
import { actingUser, type Scope, systemScope } from '../../core/scope.ts';
import { memberEmails } from '../../identity/index.ts';
import { sendMail } from '../../mail/index.ts';
import { organisationsOf } from '../../organisations/index.ts';
import { countPartTimeNeeds, listShareablePartTimeLines, type ShareableNeedLine } from '../../surveys/index.ts';
import {
  answerQuery,
  claimMember,
  claimProposal,
  listProposals,
  type ProposalRow,
  roundExists,
  ssykNames,
} from './queries.ts';
import type { AnswerInput, PartTimeCounts, SharedPostProposal, SharingWay, TeleworkReason } from './schemas.ts';

/**
 * Shared-post proposals (issue 19; decision 0035). When two or more organisations declare, in a
 * round's submitted answers, a part-time need for the same occupation group (SSYK 4) and say they are
 * open to sharing a post, each is introduced to the others: a proposal names them, with the ways to
 * share a post and, where it applies, the cross-border telework note. The "open to sharing" answer is
 * the organisation's consent to be named; it is read again at every view, so an organisation that
 * takes it back (a new submission) disappears from the proposal at once. Without it the secretariat
 * sees only counts. Nothing here ranks or scores.
 */

const key = (line: Pick<ShareableNeedLine, 'roundId' | 'ssyk'>) => `${line.roundId}|${line.ssyk}`;

function groupLines(lines: readonly ShareableNeedLine[]): Map<string, ShareableNeedLine[]> {
  const groups = new Map<string, ShareableNeedLine[]>();
  for (const line of lines) groups.set(key(line), [...(groups.get(key(line)) ?? []), line]);
  return groups;
}

/**
 * The scheduled run: a proposal for every round's occupation group with two or more consenting
 * organisations, and every organisation newly named in one is mailed (once: claimMember).
 */
export async function proposeSharedPosts(deps: CoreDeps, now: Date): Promise<{ named: number }> {
  const scope = systemScope(deps, now, 'shared-post-proposals');
  const at = now.toISOString();
  let named = 0;
  for (const lines of groupLines(await listShareablePartTimeLines(deps.db)).values()) {
    const first = lines[0];
    const organisations = [...new Set(lines.map((l) => l.organisationId))];
    if (!first || organisations.length < 2) continue;
    const proposal = await claimProposal(deps.db, { id: deps.newId(), roundId: first.roundId, ssyk: first.ssyk, at });
    const added: string[] = [];
    for (const organisationId of organisations) {
      if (await claimMember(deps.db, proposal.id, organisationId, at)) added.push(organisationId);
    }
    if (added.length === 0) continue;
    await deps.atomic([
      auditIn(scope, {
        action: 'shared-post.proposed',
        targetType: 'shared-post',
        targetId: proposal.id,
        detail: { roundId: first.roundId, ssyk: first.ssyk, organisations: added },
      }),
    ]);
    for (const organisationId of added) await mailOrganisation(deps, organisationId);
    named += added.length;
  }
  return { named };
}

async function mailOrganisation(deps: CoreDeps, organisationId: string) {
  const url = `${deps.config.publicUrl}/organisations/${encodeURIComponent(organisationId)}/shared-posts`;
  for (const { email: to } of await memberEmails(deps.db, [organisationId])) {
    await sendMail(deps, {
      to,
      language: 'both',
      content: (t) => ({ subject: t('flexible.mail.subject'), body: t('flexible.mail.text', { url }) }),
      links: [url],
      kind: 'shared-post-proposal',
    });
  }
}

/**
 * The proposals as they stand: each names only the organisations whose submitted answers still
 * declare a part-time need of the group open to sharing; one with fewer than two is no proposal.
 */
async function currentProposals(deps: CoreDeps, rows: readonly ProposalRow[]): Promise<SharedPostProposal[]> {
  if (rows.length === 0) return [];
  const { db } = deps;
  const consenting = new Map<string, ShareableNeedLine[]>();
  for (const roundId of new Set(rows.map((r) => r.roundId))) {
    for (const [k, lines] of groupLines(await listShareablePartTimeLines(db, { roundId }))) consenting.set(k, lines);
  }
  const organisations = await organisationsOf(db, [
    ...new Set(rows.flatMap((r) => r.members.map((m) => m.organisationId))),
  ]);
  const names = await ssykNames(db, [...new Set(rows.map((r) => r.ssyk))]);
  const border = new Set(deps.config.crossBorderKommuner);
  const result: SharedPostProposal[] = [];
  for (const row of rows) {
    const lines = consenting.get(key(row)) ?? [];
    const named = row.members.filter((m) => lines.some((l) => l.organisationId === m.organisationId));
    if (named.length < 2) continue;
    const orgs = named.map((m) => ({ member: m, org: organisations.get(m.organisationId) }));
    const ways: SharingWay[] = ['two-part-time-contracts', 'intermediary'];
    // A shared post by agreement between public bodies only where every organisation named is one.
    if (orgs.every((o) => o.org?.sector === 'offentlig')) ways.push('public-agreement');
    const telework: TeleworkReason[] = [];
    if (lines.some((l) => l.workPlace === 'remote' || l.workPlace === 'hybrid')) telework.push('remote-or-hybrid');
    if (orgs.some((o) => o.org && border.has(o.org.kommun))) telework.push('border-kommun');
    const name = names.get(row.ssyk);
    result.push({
      id: row.id,
      roundId: row.roundId,
      roundName: row.roundName,
      occupationGroup: { ssyk: row.ssyk, nameSv: name?.sv ?? row.ssyk, nameEn: name?.en ?? row.ssyk },
      organisations: orgs.map(({ member, org }) => ({
        id: member.organisationId,
        name: org?.name ?? member.organisationId,
        answer: member.state,
      })),
      ways,
      teleworkNote: telework,
      createdAt: row.createdAt,
    });
  }
  return result;
}

/** Every proposal, for the secretariat. */
export async function allProposals(scope: Scope): Promise<SharedPostProposal[]> {
  return currentProposals(scope.deps, await listProposals(scope.deps.db));
}

/** The proposals naming the organisation, for its members (and the secretariat). */
export async function organisationProposals(scope: Scope, organisationId: string): Promise<SharedPostProposal[]> {
  requireMemberOrSecretariat(scope, organisationId);
  const all = await currentProposals(scope.deps, await listProposals(scope.deps.db, { organisationId }));
  return all.filter((p) => p.organisations.some((o) => o.id === organisationId));
}

function requireMemberOrSecretariat(scope: Scope, organisationId: string) {
  if (isSecretariat(scope.principal)) return;
  const user = actingUser(scope);
  if (!user.memberships.some((m) => m.organisationId === organisationId)) throw new NotFound();
}

/**
 * The organisation accepts or declines; a member answers for it (the secretariat does not). It may
 * change its answer later. Unknown, or not naming the organisation as it stands: 404.
 */
export async function answerProposal(
  scope: Scope,
  organisationId: string,
  proposalId: string,
  input: AnswerInput,
): Promise<SharedPostProposal> {
  const user = actingUser(scope);
  if (!user.memberships.some((m) => m.organisationId === organisationId)) throw new NotFound();
  const find = async () =>
    (await currentProposals(scope.deps, await listProposals(scope.deps.db, { proposalId }))).find((p) =>
      p.organisations.some((o) => o.id === organisationId),
    );
  if (!(await find())) throw new NotFound();
  const state = input.answer === 'accept' ? 'accepted' : 'declined';
  await scope.deps.atomic([
    answerQuery(scope.deps.db, { proposalId, organisationId, state, at: scope.now.toISOString(), by: user.userId }),
    auditIn(scope, {
      action: state === 'accepted' ? 'shared-post.accepted' : 'shared-post.declined',
      targetType: 'shared-post',
      targetId: proposalId,
      detail: { organisationId },
    }),
  ]);
  const after = await find();
  if (!after) throw new NotFound();
  return after;
}

/** Per occupation group of a round: organisations with a part-time need, and how many are open to sharing. No names. */
export async function partTimeCounts(scope: Scope, roundId: string): Promise<PartTimeCounts> {
  const { db } = scope.deps;
  if (!(await roundExists(db, roundId))) throw new NotFound();
  const counts = await countPartTimeNeeds(db, roundId);
  const names = await ssykNames(
    db,
    counts.map((c) => c.ssyk),
  );
  return {
    roundId,
    items: counts.map((c) => ({
      ssyk: c.ssyk,
      nameSv: names.get(c.ssyk)?.sv ?? c.ssyk,
      nameEn: names.get(c.ssyk)?.en ?? c.ssyk,
      organisations: c.organisations,
      openToSharing: c.openToSharing,
    })),
  };
}
