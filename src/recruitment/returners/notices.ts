import { expressionBuilder } from 'kysely';
import type { CoreDeps } from '../../core/deps.ts';
import { systemScope } from '../../core/scope.ts';
import { insertRowsIf } from '../../db/queries.ts';
import type { Database } from '../../db/schema.ts';
import { formatDate } from '../../i18n/dates.ts';
import type { Translate } from '../../i18n/i18n.ts';
import { sendMail } from '../../mail/index.ts';
import { listOpenPlacementOpenings } from '../../placements/index.ts';
import { listPublishedSince, type PublishedEntry, readTable } from '../../publication/index.ts';
import { findOccupationsByIds } from '../../taxonomy/index.ts';
import { openCampaignsFor } from '../campaigns/service.ts';
import { stockholmDate } from '../move-cases/queries.ts';
import { listNoticedKeys, listReturnerOccupationIds, mailableReturners, type ReturnerRow } from './queries.ts';
import { daysBefore } from './service.ts';

/**
 * The returner's digest (decision 0033): new items that match the person's occupations, at most
 * one mail a week. Each kind of item is a NoticeSource: one function that, prepared once per run,
 * answers for one person.
 */

/** How often a person may be mailed a digest. */
export const DIGEST_INTERVAL_DAYS = 7;

/** The person as a source matches them: occupations (JobTech ids and SSYK 4 codes) and kommuner. */
export interface MatchProfile {
  occupationIds: string[];
  ssykCodes: string[];
  kommuner: string[];
}

/** One thing to tell: a line of the mail in each language, a link, and a key never told twice. */
export interface NoticeItem {
  source: string;
  key: string;
  line: (t: Translate, lang: 'sv' | 'en') => string;
  url: string;
}

export interface NoticeSource {
  name: string;
  /** Reads what the source needs once per run, then matches each person. */
  prepare(deps: CoreDeps, now: Date): Promise<(person: MatchProfile) => Promise<NoticeItem[]>>;
}

/** Open, public placements and trainee posts in the person's occupations or their SSYK 4 groups. */
export const placementSource: NoticeSource = {
  name: 'placement',
  async prepare(deps, now) {
    const today = stockholmDate(now);
    return async (person) => {
      const found = await listOpenPlacementOpenings(deps.db, { today, occupations: person, limit: 200 });
      return found.map((p) => ({
        source: 'placement',
        key: p.id,
        url: `${deps.config.publicUrl}/placements/${encodeURIComponent(p.id)}`,
        line: (t, lang) =>
          t('returner.digest.placement', {
            title: p.title,
            organisation: p.organisationName,
            kind: t(`placement.kind.${p.kind}`),
            applyBy: formatDate(p.applyBy, lang),
          }),
      }));
    };
  },
};

/**
 * The region's published demand for the person's occupation, once per round's publication: the
 * SSYK 4 cell, or where it is hidden the SSYK 3 cell. Only published cells of the publication are
 * read (src/publication), never need lines, which are confidential answers.
 */
export const demandSource: NoticeSource = {
  name: 'demand',
  async prepare(deps, now) {
    // A publication is news for a year; an older one is no new round.
    const publications = await listPublishedSince(deps.db, daysBefore(now, 365));
    const tables = await Promise.all(
      publications.map(async (publication) => {
        const cells = new Map<string, PublishedEntry>();
        for (const level of [4, 3] as const) {
          const table = await readTable(deps.db, publication, { by: ['occupation'], filters: {}, ssykLevel: level });
          for (const cell of table.cells) if (cell.key.occupation) cells.set(cell.key.occupation, cell);
        }
        return { publication, cells };
      }),
    );
    const names = new Map<string, { sv: string; en: string }>();
    return async (person) => {
      const items: NoticeItem[] = [];
      for (const { publication, cells } of tables) {
        for (const ssyk of person.ssykCodes) {
          const cell = [ssyk, ssyk.slice(0, 3)].map((code) => cells.get(code)).find((c) => c && !c.suppressed);
          if (!cell || cell.headcount === null || !cell.key.occupation) continue;
          const code = cell.key.occupation;
          if (!names.has(code)) names.set(code, await groupName(deps, code, person.occupationIds));
          const name = names.get(code) ?? { sv: code, en: code };
          items.push({
            source: 'demand',
            key: `${publication.roundId}:${ssyk}`,
            url: `${deps.config.publicUrl}/demand?round=${encodeURIComponent(publication.roundId)}`,
            line: (t, lang) =>
              t('returner.digest.demand', {
                round: publication.roundName,
                occupation: lang === 'en' ? name.en : name.sv,
                code,
                headcount: cell.headcount ?? 0,
                organisations: cell.organisations ?? 0,
              }),
          });
        }
      }
      return items;
    };
  },
};

/**
 * Joint recruitment campaigns taking applications (decision 0032) for the person's SSYK groups and,
 * where the person named kommuner, in one of them: campaigns' own openCampaignsFor decides what
 * fits. Told once per campaign; the campaign's page lists its posts and the form.
 */
export const campaignSource: NoticeSource = {
  name: 'campaign',
  async prepare(deps, now) {
    const scope = systemScope(deps, now, 'returner-digest');
    return async (person) => {
      // No SSYK group known: the empty filter would match every campaign.
      if (person.ssykCodes.length === 0) return [];
      const found = await openCampaignsFor(scope, { ssyk: person.ssykCodes, kommuner: person.kommuner });
      return found.map((c) => ({
        source: 'campaign',
        key: c.id,
        url: `${deps.config.publicUrl}/campaigns/${encodeURIComponent(c.id)}`,
        line: (t, lang) =>
          t('returner.digest.campaign', {
            title: lang === 'en' ? c.titleEn : c.titleSv,
            posts: c.totalPosts,
            organisations: c.organisations.length,
            closes: formatDate(c.closesOn, lang),
          }),
      }));
    };
  },
};

/** The occupation's own name for its SSYK 4 code, else the code (an SSYK 3 group is named by code). */
async function groupName(deps: CoreDeps, code: string, occupationIds: string[]): Promise<{ sv: string; en: string }> {
  const [match] = (await findOccupationsByIds(deps.db, occupationIds)).filter((o) => o.ssyk === code);
  return match ? { sv: match.labelSv, en: match.labelEn ?? match.labelSv } : { sv: `SSYK ${code}`, en: `SSYK ${code}` };
}

/** Every source the digest asks, in the order its mail lists them. */
export const NOTICE_SOURCES: readonly NoticeSource[] = [placementSource, campaignSource, demandSource];

async function profileOf(deps: CoreDeps, row: ReturnerRow): Promise<MatchProfile> {
  const occupationIds = await listReturnerOccupationIds(deps.db, row.id);
  const occupations = await findOccupationsByIds(deps.db, occupationIds);
  const kommuner: unknown = JSON.parse(row.kommuner);
  return {
    occupationIds,
    ssykCodes: [...new Set(occupations.map((o) => o.ssyk).filter((s): s is string => s !== null))],
    kommuner: Array.isArray(kommuner) ? kommuner.filter((k): k is string => typeof k === 'string') : [],
  };
}

/**
 * Mails each active, unexpired person whose last digest is a week old or more the items they have
 * not been told of. The claim (last_digest_at) and the items told are one batch of conditional
 * statements, so two runs at once mail a person once; a person with nothing new is not claimed.
 */
export async function sendDigests(
  deps: CoreDeps,
  now: Date,
  sources: readonly NoticeSource[] = NOTICE_SOURCES,
): Promise<number> {
  const at = now.toISOString();
  const due = daysBefore(now, DIGEST_INTERVAL_DAYS);
  const people = await mailableReturners(deps.db, at)
    .where((eb) => eb.or([eb('last_digest_at', 'is', null), eb('last_digest_at', '<=', due)]))
    .execute();
  if (people.length === 0) return 0;
  const matchers = await Promise.all(sources.map((source) => source.prepare(deps, now)));
  let mailed = 0;
  for (const row of people) {
    const person = await profileOf(deps, row);
    const told = await listNoticedKeys(deps.db, row.id);
    const items: NoticeItem[] = [];
    for (const match of matchers) {
      for (const item of await match(person)) if (!told.has(`${item.source}:${item.key}`)) items.push(item);
    }
    if (items.length === 0) continue;
    const { db } = deps;
    const claimed = db.selectFrom('returners').select('id').where('id', '=', row.id).where('last_digest_at', '=', at);
    const [claim] = await deps.atomic([
      db
        .updateTable('returners')
        .set({ last_digest_at: at })
        .where('id', '=', row.id)
        .where('status', '=', 'active')
        .where('expires_at', '>', at)
        .where((eb) => eb.or([eb('last_digest_at', 'is', null), eb('last_digest_at', '<=', due)]))
        .compile(),
      ...insertRowsIf(
        db,
        'returner_notices',
        ['returner_id', 'source', 'item_key', 'noticed_at'],
        items.map((item) => [row.id, item.source, item.key, at]),
        expressionBuilder<Database>().exists(claimed),
      ),
    ]);
    if (Number(claim?.numAffectedRows ?? 0) === 0) continue;
    const page = `${deps.config.publicUrl}/returners/me`;
    await sendMail(deps, {
      to: row.email,
      language: 'both',
      content: (t, lang) => ({
        subject: t('returner.mail.digest.subject', { n: items.length }),
        body: t('returner.mail.digest.text', {
          items: items.map((item) => `– ${item.line(t, lang)}\n  ${item.url}`).join('\n'),
          url: page,
        }),
      }),
      links: [...items.map((item) => item.url), page],
      kind: 'returner-digest',
    });
    mailed++;
  }
  return mailed;
}
