import { expressionBuilder } from 'kysely';
import { auditIfIn } from '../../audit/index.ts';
import type { CoreDeps } from '../../core/deps.ts';
import { systemScope } from '../../core/scope.ts';
import { insertRowsIf } from '../../db/queries.ts';
import type { Database } from '../../db/schema.ts';
import { formatDate } from '../../i18n/dates.ts';
import type { Translate } from '../../i18n/i18n.ts';
import { sendMail } from '../../mail/index.ts';
import { organisationsOf } from '../../organisations/index.ts';
import { findOccupationNames, listMunicipalities } from '../../taxonomy/index.ts';
import { type FoundOpening, howToApply, informOpeningsOf } from './inform.ts';
import { listTipRows, type TipRow, tipHowToApply } from './inform-tips.ts';
import { contactOf, findMatchProfile, listProfilesToInform, listToldOpenings } from './queries.ts';

/**
 * The inform digest (decision 0031): at most one mail a week to a partner with a valid consent
 * "to tell me about openings", naming what the organisations told the partner of and the public
 * openings that fit, each only if no earlier digest named it. The
 * claim (partner_profiles.informed_at), the openings told and the audit entry are one batch of
 * conditional statements, so two runs at once mail a partner once; nothing new, no claim.
 */

/** How often a partner may be mailed openings. */
export const INFORM_DIGEST_DAYS = 7;
/** Partners read at a time; a run goes through every partner who is due, page by page. */
const DIGEST_BATCH = 100;

const key = (o: Pick<FoundOpening, 'source' | 'id'>) => `${o.source}:${o.id}`;

/** The mail's lines, in Swedish and English (the partner's language is not known): tips first. */
async function linesOf(deps: CoreDeps, tips: readonly TipRow[], found: readonly FoundOpening[]) {
  const occupationIds = [...new Set([...found.map((o) => o.occupationId), ...tips.map((x) => x.occupation_id)])];
  const [sv, en, orgs, municipalities] = await Promise.all([
    findOccupationNames(deps.db, occupationIds, 'sv'),
    findOccupationNames(deps.db, occupationIds, 'en'),
    organisationsOf(deps.db, [
      ...new Set([...found.map((o) => o.organisationId), ...tips.map((x) => x.organisation_id)]),
    ]),
    listMunicipalities(deps.db, {}),
  ]);
  const kommun = new Map(municipalities.map((m) => [m.code, m.name]));
  const occupation = { sv, en };
  return (t: Translate, lang: 'sv' | 'en') =>
    [
      ...tips.map((x) => {
        const line = t('matching.mail.inform.tip', {
          organisation: orgs.get(x.organisation_id)?.name ?? '',
          title: x.title ?? occupation[lang].get(x.occupation_id)?.name ?? x.occupation_id,
          kommun: x.kommun ? (kommun.get(x.kommun) ?? x.kommun) : '–',
        });
        const note = x.note ? `\n  ${t('matching.mail.inform.note', { note: x.note })}` : '';
        return `– ${line}${note}\n  ${deps.config.publicUrl}${tipHowToApply(x).href}`;
      }),
      ...found.map((o) => {
        const what = o.title ?? occupation[lang].get(o.occupationId)?.name ?? o.occupationId;
        const line = t(o.source === 'placement' ? 'matching.mail.inform.placement' : 'matching.mail.inform.need', {
          title: what,
          organisation: orgs.get(o.organisationId)?.name ?? '',
          kommun: o.kommun ? (kommun.get(o.kommun) ?? o.kommun) : '–',
          applyBy: o.applyBy ? formatDate(o.applyBy, lang) : '',
        });
        return `– ${line}\n  ${deps.config.publicUrl}${howToApply(o).href}`;
      }),
    ].join('\n');
}

export async function sendInformDigests(deps: CoreDeps, now: Date): Promise<number> {
  const { db } = deps;
  const at = now.toISOString();
  const due = new Date(now.getTime() - INFORM_DIGEST_DAYS * 86_400_000).toISOString();
  const scope = systemScope(deps, now, 'partner-inform-digest');
  const eb = expressionBuilder<Database>();
  let mailed = 0;
  // By id, page after page: a partner with nothing new is not claimed and stays due, so a fixed
  // first page could hold the same partners every run while the rest waited.
  let ids: string[] = [];
  for (let after = ''; ; after = ids.at(-1) ?? '') {
    ids = await listProfilesToInform(db, { now: at, due, after, limit: DIGEST_BATCH });
    mailed += await digestPage(ids);
    if (ids.length < DIGEST_BATCH) break;
  }
  return mailed;

  async function digestPage(batch: readonly string[]): Promise<number> {
    let sent = 0;
    for (const id of batch) {
      const profile = await findMatchProfile(db, { id });
      const contact = profile ? await contactOf(db, profile.userId) : undefined;
      if (!profile || !contact) continue;
      const told = await listToldOpenings(db, id);
      const allTips = await listTipRows(db, id, now);
      const tips = allTips.filter((x) => !told.has(`tip:${x.id}`));
      // An opening the organisation told of is named as its tip, not again as an opening.
      const tipped = new Set(allTips.map((x) => `${x.source}:${x.opening_id}`));
      const fresh = (await informOpeningsOf(deps, profile, now)).filter(
        (o) => !told.has(key(o)) && !tipped.has(key(o)),
      );
      if (fresh.length + tips.length === 0) continue;
      const claimed = eb.exists(
        eb.selectFrom('partner_profiles').select('id').where('id', '=', id).where('informed_at', '=', at),
      );
      const [claim] = await deps.atomic([
        db
          .updateTable('partner_profiles')
          .set({ informed_at: at })
          .where('id', '=', id)
          .where((w) => w.or([w('informed_at', 'is', null), w('informed_at', '<=', due)]))
          .compile(),
        ...insertRowsIf(
          db,
          'partner_inform_told',
          ['profile_id', 'source', 'opening_id', 'told_at'],
          [...fresh.map((o) => [id, o.source, o.id, at]), ...tips.map((x) => [id, 'tip', x.id, at])],
          claimed,
        ),
        auditIfIn(
          scope,
          {
            action: 'partner-inform.mailed',
            targetType: 'partner-profile',
            targetId: id,
            detail: {
              openings: fresh.length,
              tips: tips.length,
              organisationIds: [
                ...new Set([...fresh.map((o) => o.organisationId), ...tips.map((x) => x.organisation_id)]),
              ],
            },
          },
          claimed,
        ),
      ]);
      if (Number(claim?.numAffectedRows ?? 0) === 0) continue;
      const lines = await linesOf(deps, tips, fresh);
      const page = `${deps.config.publicUrl}/partner/matches`;
      const sharing = `${deps.config.publicUrl}/partner/sharing`;
      await sendMail(deps, {
        to: contact.email,
        language: 'both',
        content: (t, lang) => ({
          subject: t('matching.mail.inform.subject', { n: fresh.length + tips.length }),
          body: t('matching.mail.inform.text', { items: lines(t, lang), url: page, sharing }),
        }),
        links: [
          ...new Set([
            ...tips.map((x) => `${deps.config.publicUrl}${tipHowToApply(x).href}`),
            ...fresh.map((o) => `${deps.config.publicUrl}${howToApply(o).href}`),
          ]),
          page,
          sharing,
        ],
        kind: 'partner-openings',
      });
      sent++;
    }
    return sent;
  }
}
