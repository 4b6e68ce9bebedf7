import type { TestApp } from './app.ts';
import type { SignedInPerson } from './auth.ts';
import {
  type MoveCaseWorld,
  moveCaseBody,
  moveCaseWorld,
  type OpenedCase,
  openCase,
  signInFromMail,
} from './move-cases.ts';
import { send } from './rounds.ts';

/** The partner of the test household (decision 0030). */
export const PARTNER_EMAIL = 'pat@example.se';

export async function organisationOfLine(t: TestApp, lineId: string): Promise<string> {
  return (
    await t.deps.db
      .selectFrom('need_lines')
      .select('organisation_id')
      .where('id', '=', lineId)
      .executeTakeFirstOrThrow()
  ).organisation_id;
}

/** Signs in through the newest mail to the address (the household's own invitation link). */
export async function householdPerson(t: TestApp, email: string): Promise<SignedInPerson> {
  const { cookie } = await signInFromMail(t, email);
  return { userId: '', sessionId: '', email, cookie };
}

export interface PartnerWorld extends MoveCaseWorld {
  kase: OpenedCase;
  orgA: string;
  orgB: string;
}

/** A move case of organisation A whose partner is invited (not yet accepted). */
export async function caseWithInvitedPartner(t: TestApp): Promise<PartnerWorld> {
  const w = await moveCaseWorld(t);
  const orgA = await organisationOfLine(t, w.lines.outside);
  const orgB = await organisationOfLine(t, w.lines.otherOrg);
  const kase = await openCase(t, w.memberA, moveCaseBody(orgA, w.lines.outside));
  const invited = await send(t, 'POST', `/api/v1/move-cases/${kase.id}/partner`, w.memberA, {
    name: 'Pat Partner',
    email: PARTNER_EMAIL,
  });
  if (invited.status !== 201) throw new Error(`partner not invited: ${invited.status} ${await invited.text()}`);
  return { ...w, kase, orgA, orgB };
}
