import { sql } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, csrfPair, request, type TestApp } from '../support/app.ts';
import { cookies, signIn, signInSecretariat } from '../support/auth.ts';
import { SOFTWARE } from '../support/demand.ts';
import {
  adoptThroughApi,
  createPlanThroughApi,
  json,
  PLANTED,
  type PlanBody,
  plantPlanRound,
} from '../support/plans.ts';

let t: TestApp;
let admin: string;

beforeEach(async () => {
  t = await createTestApp();
  admin = (await signInSecretariat(t, { name: 'Sekreterare Svensson' })).cookie;
  await plantPlanRound(t);
});

const table = (plan: PlanBody, key: string) => {
  const found = plan.tables.find((tb) => tb.key === key);
  if (!found) throw new Error(`no table ${key}`);
  return found;
};

describe('a generated plan', () => {
  it('holds the figures a direct SQL query over the round gives', async () => {
    const plan = await createPlanThroughApi(t, admin, { roundId: 'round-p1', specialisation: 'tech' });
    expect(plan.status).toBe('draft');
    expect(plan.figures).toBe('raw');
    const { rows } = await sql<{ horizon: string; headcount: number; organisations: number }>`
      select nl.horizon, sum(nl.headcount) as headcount, count(distinct nl.organisation_id) as organisations
      from need_lines nl join need_line_focus f on f.need_line_id = nl.id
      where nl.round_id = 'round-p1' and f.specialisation_code = 'tech'
      group by nl.horizon`.execute(t.deps.db);
    const byHorizon = table(plan, 'demand-horizon');
    for (const row of rows) {
      const planned = byHorizon.rows.find((r) => r.key === row.horizon);
      expect(planned?.cells.map((c) => c.value)).toEqual([row.headcount, row.organisations]);
    }
    const total = byHorizon.rows.find((r) => r.key === 'total');
    expect(total?.cells[0]?.value).toBe(rows.reduce((s, r) => s + r.headcount, 0));

    const occupations = await sql<{ ssyk: string; headcount: number }>`
      select nl.ssyk_code as ssyk, sum(nl.headcount) as headcount from need_lines nl
      where nl.round_id = 'round-p1' and nl.horizon = '0-1' group by nl.ssyk_code`.execute(t.deps.db);
    const top = table(plan, 'demand-occupations-0-1');
    expect(top.rows.map((r) => [r.key, r.cells[0]?.value])).toEqual(occupations.rows.map((r) => [r.ssyk, r.headcount]));
  });

  it('records the round and the data it came from, and links every table to its evidence', async () => {
    const plan = await createPlanThroughApi(t, admin, { roundId: 'round-p1', specialisation: 'tech' });
    expect(plan.source.roundId).toBe('round-p1');
    expect(plan.source.figuresHash).toMatch(/^[0-9a-f]{64}$/);
    expect(plan.source.computedAt).toBe(t.deps.now().toISOString());
    const horizon = table(plan, 'demand-horizon');
    expect(horizon.evidence).toBe('/demand?round=round-p1&by=horizon&specialisation=tech');
    const page = await request(t.app, horizon.evidence, { headers: { cookie: admin } });
    expect(page.status).toBe(200);
    for (const tb of plan.tables) expect(tb.evidence).toMatch(/^\//);
  });

  it('has the five competence measures, each measure with owner, timeline, indicator and a baseline', async () => {
    const plan = await createPlanThroughApi(t, admin, { roundId: 'round-p1', specialisation: 'tech' });
    expect(new Set(plan.measures.map((m) => m.competenceMeasure))).toEqual(
      new Set(['inventera', 'utbildningsdialog', 'praktik-trainee', 'rekrytering', 'handlingsplan']),
    );
    const inventory = plan.measures.find((m) => m.indicator === 'organisations');
    expect(inventory?.baseline).toBe(5);
    expect(plan.sections.map((s) => s.key)).toEqual([
      'summary',
      'specialisation',
      'demand',
      'education-gap',
      'placements',
      'measures',
      'follow-up',
    ]);
    expect(plan.sections.find((s) => s.key === 'summary')?.markdown).toContain('Runda round-p1');
  });

  it('says there is no data on education offerings yet instead of showing an empty gap', async () => {
    const plan = await createPlanThroughApi(t, admin, { roundId: 'round-p1', specialisation: 'tech' });
    const gap = plan.tables.find((tb) => tb.key === 'education-gap') as unknown as {
      rows: unknown[];
      note?: { sv: string };
    };
    expect(gap.rows).toEqual([]);
    expect(gap.note?.sv).toContain('Inga uppgifter om utbildningsutbud');
  });

  it('shows the education gap from the education feature once an offering is registered', async () => {
    const at = t.deps.now().toISOString();
    await t.deps.db
      .insertInto('offerings')
      .values({
        id: 'off-1',
        provider_id: 'round-p1-o3',
        name: 'Mjukvaruutvecklare YH',
        form: 'yh',
        sun_level: '55',
        sun_field: '481',
        annual_places: 40,
        annual_graduates: 30,
        municipality_code: null,
        distance: 1,
        language: 'sv',
        pace: 100,
        start_dates: '[]',
        url: null,
        description: null,
        is_demo: 0,
        version: 1,
        write_id: 'w',
        created_at: at,
        updated_at: at,
      })
      .execute();
    await t.deps.db
      .insertInto('offering_occupations')
      .values({ offering_id: 'off-1', occupation_id: SOFTWARE.id })
      .execute();
    const plan = await createPlanThroughApi(t, admin, { roundId: 'round-p1', specialisation: 'tech' });
    const gap = table(plan, 'education-gap');
    const software = gap.rows.find((r) => r.key === '2512|0-1');
    // 7500 wanted within a year against 30 graduates a year.
    expect(software?.cells.map((c) => c.value)).toEqual([7500, 30, 0]);
    expect(gap.evidence).toBe('/api/v1/gaps?round=round-p1&specialisation=tech');
    const uncovered = table(plan, 'education-no-offering');
    expect(uncovered.rows.map((r) => r.key)).toContain('2516|1-3');
  });

  it('shows the places organisations say they could offer in the secretariat’s draft only, and publishes none of them', async () => {
    const offer = (line: number, kinds: string[], count: number) =>
      t.deps.db
        .updateTable('need_lines')
        .set({ placement_kinds: JSON.stringify(kinds), placement_count: count })
        .where('id', '=', `round-p1-line-${line}`)
        .execute();
    await offer(1, ['praktik', 'trainee'], 4);
    await offer(2, ['praktik'], 3);
    await offer(3, ['praktik'], 2);
    await offer(4, ['lia'], 1);
    const draft = await createPlanThroughApi(t, admin, { roundId: 'round-p1', specialisation: 'tech' });
    const raw = table(draft, 'placement-offers');
    expect(raw.rows.map((r) => [r.key, r.cells[0]?.value, r.cells[1]?.value])).toEqual([
      ['praktik', 9, 3],
      ['lia', 1, 1],
      ['trainee', 4, 1],
      ['total', 10, 4],
    ]);
    await adoptThroughApi(t, admin, draft.id);
    const published = (await (await request(t.app, `/api/v1/plans/${draft.id}`)).json()) as PlanBody;
    // Not a table of the round's publication: protected on its own, two plans could be subtracted.
    const offers = table(published, 'placement-offers');
    expect(offers.rows).toEqual([]);
    expect(offers.note?.sv).toContain('ingår inte i omgångens publicerade statistik');
  });

  it('shows placements, trainee places and retention from the placements feature, hiding answers from fewer than three', async () => {
    const { db } = t.deps;
    const at = t.deps.now().toISOString();
    // The planted round closes 2026-10-31: placements that ended in the two years before count.
    const placement = (id: string, kind: string, places: number, periodEnd: string) =>
      db
        .insertInto('placements')
        .values({
          id,
          organisation_id: 'round-p1-o1',
          kind,
          title: id,
          description: '',
          occupation_id: SOFTWARE.id,
          municipality_code: '1080',
          remote: 0,
          period_start: '2025-01-01',
          period_end: periodEnd,
          places,
          apply_by: '2024-12-01',
          paid: 1,
          language: 'sv',
          education_level: null,
          requirements: '',
          contact: '',
          need_ref: null,
          write_id: null,
          status: 'closed',
          created_by: null,
          created_at: at,
          updated_at: at,
          closed_at: null,
        })
        .execute();
    await placement('pl-1', 'praktik', 4, '2025-06-30');
    await placement('pl-2', 'trainee', 3, '2026-03-31');
    await placement('pl-old', 'trainee', 9, '2020-03-31');
    for (const id of ['pl-1', 'pl-2', 'pl-old']) {
      await db
        .insertInto('placement_focus')
        .values({ placement_id: id, specialisation_code: 'tech', focus_area_code: '' })
        .execute();
    }
    const students = await Promise.all(
      [1, 2, 3, 4].map((n) => signIn(t, { email: `student${n}@example.se`, roles: ['student'] })),
    );
    for (const [i, student] of students.entries()) {
      const applicationId = `app-${i}`;
      await db
        .insertInto('applications')
        .values({
          id: applicationId,
          placement_id: i < 2 ? 'pl-1' : 'pl-2',
          student_id: student.userId,
          message: '',
          status: 'accepted',
          created_at: at,
          updated_at: at,
        })
        .execute();
      await db
        .insertInto('follow_ups')
        .values({
          id: `fu-${i}`,
          application_id: applicationId,
          placement_id: i < 2 ? 'pl-1' : 'pl-2',
          side: 'student',
          months: 3,
          due_at: at,
          created_at: at,
          mailed_at: at,
          answered_at: at,
          hired: i < 2 ? 1 : 0,
          stayed_in_region: 1,
        })
        .execute();
    }
    const draft = await createPlanThroughApi(t, admin, { roundId: 'round-p1', specialisation: 'tech' });
    const raw = table(draft, 'placements');
    expect(raw.rows.map((r) => [r.key, r.cells[0]?.value])).toEqual([
      ['placements', 2],
      ['places', 7],
      ['traineePlaces', 3],
      ['answered-3', 4],
      ['hired-3', 2],
      ['stayed-3', 4],
    ]);
    await adoptThroughApi(t, admin, draft.id);
    const published = table(
      (await (await request(t.app, `/api/v1/plans/${draft.id}`)).json()) as PlanBody,
      'placements',
    );
    expect(published.rows.find((r) => r.key === 'hired-3')?.cells[0]).toMatchObject({ value: null, suppressed: true });
    expect(published.rows.find((r) => r.key === 'answered-3')?.cells[0]).toMatchObject({ value: 4, suppressed: false });
  });

  it('refuses an open round or an unknown specialisation with 422', async () => {
    await t.deps.db.updateTable('rounds').set({ status: 'open' }).where('id', '=', 'round-p1').execute();
    const open = await request(
      t.app,
      '/api/v1/plans',
      json(admin, 'POST', { roundId: 'round-p1', specialisation: 'tech' }),
    );
    expect(open.status).toBe(422);
    await t.deps.db.updateTable('rounds').set({ status: 'closed' }).where('id', '=', 'round-p1').execute();
    const unknown = await request(
      t.app,
      '/api/v1/plans',
      json(admin, 'POST', { roundId: 'round-p1', specialisation: 'nope' }),
    );
    expect(unknown.status).toBe(422);
  });
});

describe('the published plan', () => {
  it('holds only protected figures: the planted small cell is nowhere in the API, page, print view, Markdown or CSV', async () => {
    const draft = await createPlanThroughApi(t, admin, { roundId: 'round-p1', specialisation: 'tech' });
    // The secretariat's raw draft does show it, marked as what publishing would hide.
    expect(JSON.stringify(draft)).toContain(String(PLANTED));
    await adoptThroughApi(t, admin, draft.id);
    const member = (await signIn(t)).cookie;
    const formatted = ['4711', '4 711', '4\u00a0711', '4,711'];
    // For everyone, the secretariat too: an adopted plan's every output is the published plan.
    for (const cookie of [undefined, member, admin]) {
      const headers: Record<string, string> = cookie ? { cookie } : {};
      for (const path of [
        `/api/v1/plans/${draft.id}`,
        `/plans/${draft.id}`,
        `/plans/${draft.id}/print`,
        `/plans/${draft.id}/plan.md`,
        `/plans/${draft.id}/tables.csv`,
        `/plans/${draft.id}/print?view=raw`,
        `/plans/${draft.id}/plan.md?view=raw`,
        `/plans/${draft.id}/tables.csv?view=raw`,
        `/api/v1/plans/${draft.id}?view=raw`,
        '/api/v1/plans',
      ]) {
        for (const lang of ['sv', 'en']) {
          const response = await request(t.app, path, { headers: { ...headers, 'accept-language': lang } });
          expect(response.status, path).toBe(200);
          const body = await response.text();
          for (const text of formatted) expect(body, `${path} ${lang}`).not.toContain(text);
        }
      }
    }
    const published = (await (await request(t.app, `/api/v1/plans/${draft.id}`)).json()) as PlanBody;
    expect(published.figures).toBe('protected');
    expect(published.published).toBe(true);
    // The raw figures' hash is never shown outside the secretariat: it would confirm guesses.
    expect(published.source.figuresHash).toMatch(/^[0-9a-f]{64}$/);
    expect(published.source.figuresHash).not.toBe(draft.source.figuresHash);
    const versions = (await (
      await request(t.app, `/api/v1/plans/${draft.id}/versions`, { headers: { cookie: member } })
    ).json()) as {
      items: { figuresHash: string | null }[];
    };
    expect(versions.items.every((v) => v.figuresHash === null)).toBe(true);
    const welders = published.tables.find((tb) => tb.key === 'demand-horizon')?.rows.find((r) => r.key === '3-5');
    expect(welders?.cells[0]).toMatchObject({ value: null, suppressed: true });
  });

  it('lists adopted plans for everyone and drafts only for the secretariat', async () => {
    const draft = await createPlanThroughApi(t, admin, { roundId: 'round-p1', specialisation: 'tech' });
    const anyone = (await (await request(t.app, '/api/v1/plans')).json()) as { items: unknown[] };
    expect(anyone.items).toEqual([]);
    expect((await request(t.app, `/api/v1/plans/${draft.id}`)).status).toBe(404);
    const secretariat = (await (await request(t.app, '/api/v1/plans', { headers: { cookie: admin } })).json()) as {
      items: { id: string }[];
    };
    expect(secretariat.items.map((p) => p.id)).toEqual([draft.id]);
    await adoptThroughApi(t, admin, draft.id);
    const after = (await (await request(t.app, '/api/v1/plans')).json()) as { items: { id: string; status: string }[] };
    expect(after.items).toMatchObject([{ id: draft.id, status: 'adopted' }]);
  });
});

describe('editing', () => {
  it('saves each edit as a version with author and time, and gives 409 with both texts to a stale save', async () => {
    const plan = await createPlanThroughApi(t, admin, { roundId: 'round-p1', specialisation: 'tech' });
    const first = await request(
      t.app,
      `/api/v1/plans/${plan.id}`,
      json(admin, 'PATCH', {
        version: 1,
        sections: [{ key: 'summary', markdown: 'Första texten <script>x</script>' }],
      }),
    );
    expect(first.status).toBe(200);
    const saved = (await first.json()) as PlanBody;
    expect(saved.version).toBe(2);
    const summary = saved.sections.find((s) => s.key === 'summary');
    expect(summary?.markdown).toBe('Första texten <script>x</script>');
    expect(summary?.html).toContain('&lt;script&gt;');
    expect(summary?.html).not.toContain('<script>');

    const stale = await request(
      t.app,
      `/api/v1/plans/${plan.id}`,
      json(admin, 'PATCH', { version: 1, sections: [{ key: 'summary', markdown: 'Min andra text' }] }),
    );
    expect(stale.status).toBe(409);
    const problem = (await stale.json()) as {
      currentVersion: number;
      current: { sections: Record<string, string> };
      yours: { sections: { key: string; markdown: string }[] };
    };
    expect(problem.currentVersion).toBe(2);
    expect(problem.current.sections.summary).toBe('Första texten <script>x</script>');
    expect(problem.yours.sections).toEqual([{ key: 'summary', markdown: 'Min andra text' }]);

    const versions = (await (
      await request(t.app, `/api/v1/plans/${plan.id}/versions`, { headers: { cookie: admin } })
    ).json()) as {
      items: { version: number; kind: string; author: string; createdAt: string }[];
    };
    expect(versions.items.map((v) => [v.version, v.kind, v.author])).toEqual([
      [2, 'edited', 'Sekreterare Svensson'],
      [1, 'generated', 'Sekreterare Svensson'],
    ]);
    const diff = (await (
      await request(t.app, `/api/v1/plans/${plan.id}/diff?from=1&to=2`, { headers: { cookie: admin } })
    ).json()) as {
      sections: { key: string; changed: boolean; parts: { value: string; added: boolean }[] }[];
    };
    const changed = diff.sections.filter((s) => s.changed).map((s) => s.key);
    expect(changed).toEqual(['summary']);
    expect(diff.sections[0]?.parts.some((p) => p.added && p.value.includes('Första'))).toBe(true);
  });

  it('refuses links to other schemes in the prose', async () => {
    const plan = await createPlanThroughApi(t, admin, { roundId: 'round-p1', specialisation: 'tech' });
    const response = await request(
      t.app,
      `/api/v1/plans/${plan.id}`,
      json(admin, 'PATCH', {
        version: 1,
        sections: [{ key: 'demand', markdown: '[a](javascript:alert(1)) [b](https://example.se) [c](/demand)' }],
      }),
    );
    const html = ((await response.json()) as PlanBody).sections.find((s) => s.key === 'demand')?.html ?? '';
    expect(html).not.toContain('href="javascript:');
    expect(html).toContain('href="https://example.se"');
    expect(html).toContain('href="/demand"');
  });

  it('changes nothing in an adopted plan', async () => {
    const plan = await createPlanThroughApi(t, admin, { roundId: 'round-p1', specialisation: 'tech' });
    await adoptThroughApi(t, admin, plan.id);
    const response = await request(
      t.app,
      `/api/v1/plans/${plan.id}`,
      json(admin, 'PATCH', { version: 1, sections: [{ key: 'summary', markdown: 'sent' }] }),
    );
    expect(response.status).toBe(409);
    const back = await request(t.app, `/api/v1/plans/${plan.id}/status`, json(admin, 'POST', { status: 'draft' }));
    expect(back.status).toBe(409);
  });
});

describe('choosing a measure’s indicator on the edit page', () => {
  /** The edit form as the page fills it, with `changes` over it. */
  async function postEdit(
    plan: PlanBody & { measures: { title: string; owner: string; timeline: string }[] },
    changes: Record<string, string>,
  ) {
    const csrf = await csrfPair(t.app);
    const fields: Record<string, string> = { _csrf: csrf.token, version: String(plan.version) };
    for (const s of plan.sections) fields[`section-${s.key}`] = s.markdown;
    for (const m of plan.measures) {
      fields[`measure-${m.id}-title`] = m.title;
      fields[`measure-${m.id}-owner`] = m.owner;
      fields[`measure-${m.id}-timeline`] = m.timeline;
      fields[`measure-${m.id}-target`] = m.target === null ? '' : String(m.target);
      fields[`measure-${m.id}-indicator`] = m.indicator;
    }
    return request(t.app, `/plans/${plan.id}/edit`, {
      method: 'POST',
      headers: { cookie: cookies(csrf.cookie, admin), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...fields, ...changes }).toString(),
    });
  }
  const created = async () =>
    (await createPlanThroughApi(t, admin, { roundId: 'round-p1', specialisation: 'tech' })) as PlanBody & {
      measures: { title: string; owner: string; timeline: string }[];
    };
  const stored = async (id: string) =>
    (await (await request(t.app, `/api/v1/plans/${id}`, { headers: { cookie: admin } })).json()) as PlanBody;
  const protectedBaseline = async (id: string, code: string) =>
    (
      await sql<{ b: number | null }>`select json_extract(figures_protected, ${`$.baselines."${code}"`}) as b
        from plans where id = ${id}`.execute(t.deps.db)
    ).rows[0]?.b;

  it('offers every indicator in a labelled select, grouped into the round’s figures and the outcome figures, with the baseline now', async () => {
    const plan = await created();
    const measure = plan.measures[0];
    if (!measure) throw new Error('no measure');
    const html = await (await request(t.app, `/plans/${plan.id}/edit`, { headers: { cookie: admin } })).text();
    const select = new RegExp(
      `<label for="field-measure-${measure.id}-indicator">Indikator</label>[\\s\\S]*?<select id="field-measure-${measure.id}-indicator" name="measure-${measure.id}-indicator"[\\s\\S]*?</select>`,
    ).exec(html)?.[0];
    expect(select).toBeDefined();
    expect(select).toContain('<optgroup label="Ur enkätomgångens svar">');
    expect(select).toMatch(
      /<optgroup label="Utfall för inflyttade hushåll, efter 12 månader"><option value="partners-in-work-12-share">Andel inflyttade partner i arbete efter 12 månader<\/option><option value="households-stayed-12-share">/,
    );
    expect((select?.match(/<option /g) ?? []).length).toBe(9);
    expect(select).toContain(`<option value="${measure.indicator}" selected>`);
    expect(html).toContain(`id="hint-measure-${measure.id}-indicator">Utgångsläget är nu `);
  });

  it('saves the chosen indicator through the same rule as the API: its baseline from the plan’s protected figures, shown after', async () => {
    const plan = await created();
    const measure = plan.measures.find((m) => m.indicator === 'organisations');
    if (!measure) throw new Error('no organisations measure');
    const expected = await protectedBaseline(plan.id, 'recruit-outside-share');
    expect(expected).not.toBeNull();
    expect(expected).not.toBe(measure.baseline);

    const saved = await postEdit(plan, { [`measure-${measure.id}-indicator`]: 'recruit-outside-share' });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe(`/plans/${plan.id}?done=edit.saved`);

    const after = await stored(plan.id);
    expect(after.version).toBe(2);
    expect(after.measures.find((m) => m.id === measure.id)).toMatchObject({
      indicator: 'recruit-outside-share',
      baseline: expected,
    });
    // The other measures keep theirs.
    for (const m of plan.measures.filter((x) => x.id !== measure.id)) {
      expect(after.measures.find((x) => x.id === m.id)).toMatchObject({ indicator: m.indicator, baseline: m.baseline });
    }
    // The plan page shows the new indicator with its baseline, and so does the edit page's hint.
    const view = await (
      await request(t.app, saved.headers.get('location') ?? '', { headers: { cookie: admin } })
    ).text();
    const share = `${new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 1 }).format(Math.round((expected ?? 0) * 1000) / 10)} %`;
    expect(view).toMatch(new RegExp(`Andel som rekryteras utanför regionen</td>\\s*<td[^>]*>${share}<`));
    const edit = await (await request(t.app, `/plans/${plan.id}/edit`, { headers: { cookie: admin } })).text();
    expect(edit).toContain(`<option value="recruit-outside-share" selected>`);
    expect(edit).toContain(`Utgångsläget är nu ${share}.`);
  });

  it('re-renders the form with the error at the select and the person’s text kept when the indicator is not one of them', async () => {
    const plan = await created();
    const measure = plan.measures[0];
    if (!measure) throw new Error('no measure');
    const response = await postEdit(plan, {
      [`measure-${measure.id}-indicator`]: 'happiness-share',
      'section-summary': 'Min text som ska stå kvar.',
    });
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain(`href="#field-measure-${measure.id}-indicator"`);
    expect(html).toMatch(
      new RegExp(
        `<p class="field-error" id="error-measure-${measure.id}-indicator"><span class="visually-hidden">[^<]*</span> Välj en av indikatorerna.</p>\\s*<select id="field-measure-${measure.id}-indicator" name="measure-${measure.id}-indicator"\\s*aria-required="true"\\s*aria-invalid="true"`,
      ),
    );
    expect(html).toContain('Min text som ska stå kvar.</textarea>');
    const after = await stored(plan.id);
    expect(after.version).toBe(1);
    expect(after.measures[0]).toMatchObject({ indicator: measure.indicator, baseline: measure.baseline });
  });

  it('changes no indicator of an adopted plan', async () => {
    const plan = await created();
    const measure = plan.measures[0];
    if (!measure) throw new Error('no measure');
    await adoptThroughApi(t, admin, plan.id);
    const response = await postEdit(plan, { [`measure-${measure.id}-indicator`]: 'remote-share' });
    expect(response.status).toBe(409);
    expect((await stored(plan.id)).measures[0]).toMatchObject({ indicator: measure.indicator });
  });
});

describe('regeneration and follow-up', () => {
  it('regenerates from a later round as a new version and the diff shows the changed figures', async () => {
    const plan = await createPlanThroughApi(t, admin, { roundId: 'round-p1', specialisation: 'tech' });
    await plantPlanRound(t, 'round-p2', { opensAt: '2027-09-01T00:00:00.000Z', scale: 2 });
    const response = await request(
      t.app,
      `/api/v1/plans/${plan.id}/regenerate`,
      json(admin, 'POST', { version: 1, roundId: 'round-p2' }),
    );
    expect(response.status).toBe(200);
    const after = (await response.json()) as PlanBody;
    expect(after.version).toBe(2);
    expect(after.source.roundId).toBe('round-p2');
    expect(after.source.figuresHash).not.toBe(plan.source.figuresHash);
    const diff = (await (
      await request(t.app, `/api/v1/plans/${plan.id}/diff?from=1&to=2`, { headers: { cookie: admin } })
    ).json()) as {
      figures: { table: string; row: string; column: number; before: number; after: number }[];
    };
    expect(diff.figures).toContainEqual(
      expect.objectContaining({ table: 'demand-horizon', row: '0-1', column: 0, before: 7500, after: 15000 }),
    );
    // The change table compares with the previous closed round.
    expect(after.tables.some((tb) => tb.key === 'demand-change')).toBe(true);
  });

  it('re-measures each measure’s indicator in later rounds beside its target', async () => {
    const plan = await createPlanThroughApi(t, admin, { roundId: 'round-p1', specialisation: 'tech' });
    const withTarget = await request(
      t.app,
      `/api/v1/plans/${plan.id}`,
      json(admin, 'PATCH', { version: 1, sections: [], measures: [{ id: 'm1', target: 8 }] }),
    );
    expect(((await withTarget.json()) as PlanBody).measures.find((m) => m.id === 'm1')?.target).toBe(8);
    await plantPlanRound(t, 'round-p2', { opensAt: '2027-09-01T00:00:00.000Z' });
    const now = (await (
      await request(t.app, `/api/v1/plans/${plan.id}`, { headers: { cookie: admin } })
    ).json()) as PlanBody;
    const m1 = now.followUp.find((f) => f.measureId === 'm1');
    expect(m1?.later).toEqual([{ roundId: 'round-p2', value: 5 }]);
  });
});

describe('the pages', () => {
  const form = async (path: string, fields: Record<string, string>, cookie: string) => {
    const csrf = await csrfPair(t.app);
    return request(t.app, path, {
      method: 'POST',
      headers: { cookie: cookies(csrf.cookie, cookie), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf.token, ...fields }).toString(),
    });
  };

  it('re-renders the create form with 422 and the message at the field for an open round', async () => {
    await plantPlanRound(t, 'round-open');
    await t.deps.db.updateTable('rounds').set({ status: 'open' }).where('id', '=', 'round-open').execute();
    const response = await form('/plans', { roundId: 'round-open', specialisation: 'tech' }, admin);
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain('href="#field-roundId"');
    expect(html).toContain('En plan tas fram ur en stängd enkätomgång');
  });

  it('regenerates from a form and shows the changed figures on the diff page', async () => {
    const plan = await createPlanThroughApi(t, admin, { roundId: 'round-p1', specialisation: 'tech' });
    await plantPlanRound(t, 'round-p2', { opensAt: '2027-09-01T00:00:00.000Z', scale: 2 });
    const response = await form(`/plans/${plan.id}/regenerate`, { version: '1', roundId: 'round-p2' }, admin);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/plans/${plan.id}/diff?from=1&to=2`);
    const page = await (
      await request(t.app, response.headers.get('location') ?? '', { headers: { cookie: admin } })
    ).text();
    expect(page).toContain('Ändrade siffror');
    expect(page).toMatch(/7\s500/);
    expect(page).toMatch(/15\s000/);
  });
});
