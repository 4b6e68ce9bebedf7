import { describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { type SignedInPerson, signIn, signInSecretariat } from '../support/auth.ts';
import { publishClosedRounds } from '../support/demand.ts';
import { send, submit } from '../support/rounds.ts';
import { createOpenRound, createOrganisation, need, orgNumber } from '../support/surveys.ts';

/**
 * A round's figures from answers to publication, through HTTP: an open round publishes none, closing
 * publishes version 1, a correction by the secretariat to the closed round is published as version 2
 * with what changed, audited.
 */
const ORGS = ['flow-a', 'flow-b', 'flow-c', 'flow-d', 'flow-e'];

async function answeredRound(t: TestApp): Promise<{ roundId: string; admin: SignedInPerson }> {
  const roundId = await createOpenRound(t, 'flow-round');
  const admin = await signInSecretariat(t);
  let n = 900;
  for (const [i, org] of ORGS.entries()) {
    await createOrganisation(t, org, { orgNumber: orgNumber(++n) });
    await t.deps.db
      .insertInto('round_targets')
      .values({
        round_id: roundId,
        organisation_id: org,
        sector: 'naringsliv',
        size_class: '10-49',
        municipality_code: '1080',
      })
      .execute();
    if (i === ORGS.length - 1) continue; // e answers nothing
    const member = await signIn(t, { memberships: [{ organisationId: org }] });
    await submit(t, member, roundId, org, { organisation: {}, needs: [need({ headcount: 10 + i })] });
  }
  return { roundId, admin };
}

const demand = (t: TestApp, roundId: string) => send(t, 'GET', `/api/v1/demand?round=${roundId}&by=horizon`, undefined);

describe('a round from answers to publication', () => {
  it('publishes no figures while the round is open, only how many of how many have answered', async () => {
    const t = await createTestApp();
    const { roundId } = await answeredRound(t);
    const open = await demand(t, roundId);
    expect(open.status).toBe(409);
    const problem = (await open.json()) as Record<string, unknown>;
    expect(problem).toMatchObject({ roundStatus: 'open', organisationsAnswered: 4, organisationsTargeted: 5 });
    expect(String(problem.detail)).toMatch(/4 av 5 organisationer/);
    expect(JSON.stringify(problem)).not.toMatch(/"headcount"/);
  });

  it('publishes version 1 when the secretariat closes the round, and every figure is a true cell', async () => {
    const t = await createTestApp();
    const { roundId, admin } = await answeredRound(t);
    expect((await send(t, 'POST', `/api/v1/rounds/${roundId}/close`, admin)).status).toBe(200);
    // Until the scheduled job has computed it, the round says so.
    const computing = await demand(t, roundId);
    expect(computing.status).toBe(409);
    expect(computing.headers.get('retry-after')).toBe('60');
    await publishClosedRounds(t);
    const published = await demand(t, roundId);
    expect(published.status).toBe(200);
    const body = (await published.json()) as {
      publication: { version: number };
      table: string;
      totals: { key: Record<string, string>; headcount: number | null }[];
    };
    expect(body.publication.version).toBe(1);
    expect(body.table).toBe('horizon');
    expect(body.totals.find((e) => Object.keys(e.key).length === 0)?.headcount).toBe(10 + 11 + 12 + 13);
  });

  it('publishes a correction of the closed round as version 2 with what changed, and audits both', async () => {
    const t = await createTestApp();
    const { roundId, admin } = await answeredRound(t);
    await send(t, 'POST', `/api/v1/rounds/${roundId}/close`, admin);
    await publishClosedRounds(t);

    // A member can no longer answer; the secretariat corrects flow-b's headcount on its behalf.
    const member = await signIn(t, { memberships: [{ organisationId: 'flow-b' }] });
    const base = `/api/v1/rounds/${roundId}/responses/flow-b`;
    const current = (await (await send(t, 'GET', base, admin)).json()) as { version: number };
    const refused = await send(t, 'PUT', base, member, { version: current.version, organisation: {}, needs: [need()] });
    expect(refused.status).toBe(409);
    await submit(t, admin, roundId, 'flow-b', { organisation: {}, needs: [need({ headcount: 31 })] });

    // Nothing changes in public until it is published again, with a reason.
    const before = (await (await demand(t, roundId)).json()) as { publication: { version: number } };
    expect(before.publication.version).toBe(1);
    const missingReason = await send(t, 'POST', `/api/v1/rounds/${roundId}/publications`, admin, {});
    expect(missingReason.status).toBe(422);
    const requested = await send(t, 'POST', `/api/v1/rounds/${roundId}/publications`, admin, {
      reason: 'Flow B rättade antalet svetsare',
    });
    expect(requested.status).toBe(202);
    expect(await requested.json()).toMatchObject({ version: 2, status: 'computing' });
    const again = await send(t, 'POST', `/api/v1/rounds/${roundId}/publications`, admin, { reason: 'En gång till' });
    expect(again.status).toBe(409);
    await publishClosedRounds(t);

    const after = (await (await demand(t, roundId)).json()) as {
      publication: { version: number };
      totals: { key: Record<string, string>; headcount: number | null }[];
    };
    expect(after.publication.version).toBe(2);
    expect(after.totals.find((e) => Object.keys(e.key).length === 0)?.headcount).toBe(10 + 31 + 12 + 13);
    const list = (await (await send(t, 'GET', `/api/v1/rounds/${roundId}/publications`, admin)).json()) as {
      items: { version: number; status: string; reason: string; changes: { count: number } | null }[];
    };
    expect(list.items.map((p) => [p.version, p.status])).toEqual([
      [2, 'published'],
      [1, 'superseded'],
    ]);
    expect(list.items[0]?.reason).toBe('Flow B rättade antalet svetsare');
    expect(list.items[0]?.changes?.count).toBeGreaterThan(0);
    const actions = (
      await t.deps.db.selectFrom('audit_log').select('action').where('target_id', 'like', `${roundId}%`).execute()
    ).map((r) => r.action);
    expect(actions).toEqual(
      expect.arrayContaining(['response.corrected', 'publication.requested', 'publication.published']),
    );
    expect(actions.filter((a) => a === 'publication.published')).toHaveLength(2);
  });
});
