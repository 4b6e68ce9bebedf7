import { recordAudit } from '../audit/index.ts';
import { isSecretariat } from '../core/principal.ts';
import { notFound } from '../http/errors.ts';
import { encodeCursor } from '../http/pagination.ts';
import { PUBLIC, type Routes, SIGNED_IN, secretariat } from '../http/routes.ts';
import { scopeOf } from '../http/scope.ts';
import { planAccess } from './access.ts';
import { contentFor } from './content.ts';
import { diffVersions } from './history/diff.ts';
import { findVersion, listComments, listPlans, listVersions } from './queries.ts';
import { addComment, inviteReviewer } from './review/service.ts';
import {
  commentListSchema,
  commentResponseSchema,
  commentSchema,
  diffQuery,
  planCreateSchema,
  planDiffSchema,
  planIdParams,
  planListQuery,
  planListSchema,
  planPatchSchema,
  planRegenerateSchema,
  planSchema,
  planStatusSchema,
  planViewQuery,
  reviewerSchema,
  versionListSchema,
} from './schemas.ts';
import { changeStatus, createPlan, regeneratePlan, savePlan } from './service.ts';
import { gapReport, planSourcesFor } from './sources.ts';
import { planJson } from './views.ts';

const tags = ['Competence plans'];
const SECRETARIAT = secretariat();

export function registerPlanRoutes(routes: Routes): void {
  routes.add(
    {
      method: 'get',
      path: '/api/v1/plans',
      kind: 'api',
      access: PUBLIC,
      tags,
      summary: 'Competence plans: adopted ones for everyone, all of them for the secretariat',
      query: planListQuery,
      responses: { 200: { description: 'Plans', schema: planListSchema } },
    },
    async (c, { query }) => {
      const page = await listPlans(c.get('deps').db, {
        all: isSecretariat(c.get('principal')),
        limit: query.limit,
        offset: query.cursor ?? 0,
      });
      return c.json({ items: page.items, nextCursor: encodeCursor(page.nextOffset) });
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/api/v1/plans',
      kind: 'api',
      access: SECRETARIAT,
      tags,
      summary: 'Generate a draft plan from a closed round for a specialisation (its code, or "all")',
      body: planCreateSchema,
      responses: { 201: { description: 'The draft', schema: planSchema } },
    },
    async (c, { body }) => {
      const plan = await createPlan(
        scopeOf(c),
        planSourcesFor((query) => gapReport(scopeOf(c), query)),
        body,
      );
      c.header('location', `/api/v1/plans/${encodeURIComponent(plan.id)}`);
      const access = { kind: 'secretariat' as const, plan };
      return c.json(await planJson(c.get('deps').db, c.get('lang'), access, contentFor(access, undefined)), 201);
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/api/v1/plans/:id',
      kind: 'api',
      access: PUBLIC,
      tags,
      summary:
        'One plan: adopted ones for everyone (protected figures only); drafts for the secretariat (raw figures unless view=protected) and invited reviewers',
      params: planIdParams,
      query: planViewQuery,
      responses: { 200: { description: 'The plan', schema: planSchema } },
    },
    async (c, { params, query }) => {
      const access = await planAccess(scopeOf(c), params.id);
      const content = contentFor(access, query.view);
      if (content.view === 'raw') {
        await recordAudit(c, { action: 'raw-answers.read', targetType: 'plan', targetId: access.plan.id });
      }
      return c.json(await planJson(c.get('deps').db, c.get('lang'), access, content));
    },
  );

  routes.add(
    {
      method: 'patch',
      path: '/api/v1/plans/:id',
      kind: 'api',
      access: SECRETARIAT,
      tags,
      summary:
        'Save prose sections (Markdown) and measure edits as the next version; 409 with the stored and the sent text if the version is stale',
      params: planIdParams,
      body: planPatchSchema,
      responses: { 200: { description: 'The saved plan', schema: planSchema } },
    },
    async (c, { params, body }) => {
      const plan = await savePlan(scopeOf(c), params.id, body);
      const access = { kind: 'secretariat' as const, plan };
      return c.json(await planJson(c.get('deps').db, c.get('lang'), access, contentFor(access, undefined)));
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/api/v1/plans/:id/status',
      kind: 'api',
      access: SECRETARIAT,
      tags,
      summary: 'draft → review → adopted (or review → draft); adoption publishes the protected figures',
      params: planIdParams,
      body: planStatusSchema,
      responses: { 200: { description: 'The plan', schema: planSchema } },
    },
    async (c, { params, body }) => {
      const plan = await changeStatus(scopeOf(c), params.id, body);
      const access = { kind: 'secretariat' as const, plan };
      return c.json(await planJson(c.get('deps').db, c.get('lang'), access, contentFor(access, undefined)));
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/api/v1/plans/:id/regenerate',
      kind: 'api',
      access: SECRETARIAT,
      tags,
      summary: 'Regenerate the tables from the round (or a newer closed one) as the next version; the prose stays',
      params: planIdParams,
      body: planRegenerateSchema,
      responses: { 200: { description: 'The plan', schema: planSchema } },
    },
    async (c, { params, body }) => {
      const plan = await regeneratePlan(
        scopeOf(c),
        planSourcesFor((query) => gapReport(scopeOf(c), query)),
        params.id,
        body,
      );
      const access = { kind: 'secretariat' as const, plan };
      return c.json(await planJson(c.get('deps').db, c.get('lang'), access, contentFor(access, undefined)));
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/api/v1/plans/:id/versions',
      kind: 'api',
      access: SIGNED_IN,
      tags,
      summary: 'The versions of a plan with author and time (the secretariat, invited reviewers; anyone once adopted)',
      params: planIdParams,
      responses: { 200: { description: 'Versions, newest first', schema: versionListSchema } },
    },
    async (c, { params }) => {
      const access = await planAccess(scopeOf(c), params.id);
      const items = await listVersions(c.get('deps').db, access.plan.id);
      // The raw figures' hash would let a reader test guesses of hidden cells.
      const secretariat = access.kind === 'secretariat';
      return c.json({ items: items.map((v) => ({ ...v, figuresHash: secretariat ? v.figuresHash : null })) });
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/api/v1/plans/:id/diff',
      kind: 'api',
      access: SIGNED_IN,
      tags,
      summary: 'What changed between two versions: prose (word by word), measures, and for the secretariat the figures',
      params: planIdParams,
      query: diffQuery,
      responses: { 200: { description: 'The differences', schema: planDiffSchema } },
    },
    async (c, { params, query }) => {
      const access = await planAccess(scopeOf(c), params.id);
      const [from, to] = await Promise.all([
        findVersion(c.get('deps').db, access.plan.id, query.from),
        findVersion(c.get('deps').db, access.plan.id, query.to),
      ]);
      if (!from || !to) throw notFound(c.get('t')('plans.error.noSuchVersion'));
      return c.json(diffVersions(from, to, access.kind === 'secretariat'));
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/api/v1/plans/:id/comments',
      kind: 'api',
      access: SIGNED_IN,
      tags,
      summary: 'Review comments on a plan’s versions',
      params: planIdParams,
      responses: { 200: { description: 'Comments, oldest first', schema: commentListSchema } },
    },
    async (c, { params }) => {
      const access = await planAccess(scopeOf(c), params.id);
      return c.json({ items: await listComments(c.get('deps').db, access.plan.id) });
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/api/v1/plans/:id/comments',
      kind: 'api',
      access: SIGNED_IN,
      tags,
      summary: 'Comment on a version (invited reviewers and the secretariat, until the plan is adopted)',
      params: planIdParams,
      body: commentSchema,
      responses: { 201: { description: 'The comment', schema: commentResponseSchema } },
    },
    async (c, { params, body }) => {
      const access = await planAccess(scopeOf(c), params.id);
      return c.json(await addComment(scopeOf(c), access, body), 201);
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/api/v1/plans/:id/reviewers',
      kind: 'api',
      access: SECRETARIAT,
      tags,
      summary: 'Invite a reviewer by e-mail: mails a sign-in link to the plan (an account is made if there is none)',
      params: planIdParams,
      body: reviewerSchema,
      responses: { 204: { description: 'Invited' } },
    },
    async (c, { params, body }) => {
      const access = await planAccess(scopeOf(c), params.id);
      await inviteReviewer(scopeOf(c), access.plan.id, body.email);
      return c.body(null, 204);
    },
  );
}
