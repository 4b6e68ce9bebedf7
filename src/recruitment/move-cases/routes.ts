import { RELOCATION_GUIDE, type Routes, SIGNED_IN } from '../../http/routes.ts';
import { scopeOf } from '../../http/scope.ts';
import { invitePartner } from './partner.ts';
import {
  caseClosure,
  caseIdParams,
  caseListQuery,
  moveCaseCreate,
  moveCaseList,
  moveCasePatch,
  moveCaseSchema,
  partnerInvite,
  taskCreate,
  taskParams,
  taskPatch,
} from './schemas.ts';
import {
  addTask,
  closeMoveCase,
  listMoveCases,
  openMoveCase,
  takeMoveCase,
  updateMoveCase,
  updateTask,
  viewMoveCase,
} from './service.ts';

const tags = ['Move cases'];

/**
 * The move cases' JSON API (decision 0028). Every route is open to signed-in people and the
 * service decides per case (the household, the organisation, the guide, the secretariat); a case
 * that is not yours is 404. Every answer with a case in it is a view, written to the audit log.
 */
export function registerMoveCaseRoutes(routes: Routes): void {
  routes.add(
    {
      method: 'get',
      path: '/api/v1/move-cases',
      kind: 'api',
      access: SIGNED_IN,
      tags,
      summary:
        'The move cases you may see: your household’s, your organisations’, those you guide and (guides) the unassigned queue; the secretariat sees all',
      query: caseListQuery,
      responses: { 200: { description: 'Open cases first, then by earliest move', schema: moveCaseList } },
    },
    async (c, { query }) => c.json({ items: await listMoveCases(scopeOf(c), query), nextCursor: null }),
  );

  routes.add(
    {
      method: 'post',
      path: '/api/v1/move-cases',
      kind: 'api',
      access: SIGNED_IN,
      tags,
      summary:
        'Open a move case from a submitted need line of your organisation that recruits from outside the region (or where a partner also needs work); mails the recruit a link',
      body: moveCaseCreate,
      responses: { 201: { description: 'Opened', schema: moveCaseSchema } },
    },
    async (c, { body }) => {
      const scope = scopeOf(c);
      const { id } = await openMoveCase(scope, body);
      c.header('location', `/api/v1/move-cases/${encodeURIComponent(id)}`);
      return c.json(await viewMoveCase(scope, id), 201);
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/api/v1/move-cases/:id',
      kind: 'api',
      access: SIGNED_IN,
      tags,
      summary: 'One move case with its tasks (a view by anyone but the household is logged and shown to the household)',
      params: caseIdParams,
      responses: { 200: { description: 'The case', schema: moveCaseSchema } },
    },
    async (c, { params }) => c.json(await viewMoveCase(scopeOf(c), params.id)),
  );

  routes.add(
    {
      method: 'patch',
      path: '/api/v1/move-cases/:id',
      kind: 'api',
      access: SIGNED_IN,
      tags,
      summary: 'Change the household’s details of an open case; send the version you read (409 if stale)',
      params: caseIdParams,
      body: moveCasePatch,
      responses: { 200: { description: 'The changed case', schema: moveCaseSchema } },
    },
    async (c, { params, body }) => {
      const scope = scopeOf(c);
      await updateMoveCase(scope, params.id, body);
      return c.json(await viewMoveCase(scope, params.id));
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/api/v1/move-cases/:id/tasks',
      kind: 'api',
      access: SIGNED_IN,
      tags,
      summary: 'Add a task to an open case (anyone working the case, the household too)',
      params: caseIdParams,
      body: taskCreate,
      responses: { 201: { description: 'The case with the new task', schema: moveCaseSchema } },
    },
    async (c, { params, body }) => {
      const scope = scopeOf(c);
      await addTask(scope, params.id, body);
      return c.json(await viewMoveCase(scope, params.id), 201);
    },
  );

  routes.add(
    {
      method: 'patch',
      path: '/api/v1/move-cases/:id/tasks/:taskId',
      kind: 'api',
      access: SIGNED_IN,
      tags,
      summary:
        'Change a task’s state, note, due date or owner (the household: its own tasks); send the task’s version (409 if stale)',
      params: taskParams,
      body: taskPatch,
      responses: { 200: { description: 'The case with the changed task', schema: moveCaseSchema } },
    },
    async (c, { params, body }) => {
      const scope = scopeOf(c);
      await updateTask(scope, params.id, params.taskId, body);
      return c.json(await viewMoveCase(scope, params.id));
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/api/v1/move-cases/:id/assignment',
      kind: 'api',
      access: RELOCATION_GUIDE,
      tags,
      summary: 'Take an unassigned case from the queue as its relocation guide (409 if another guide took it)',
      params: caseIdParams,
      responses: { 200: { description: 'The case, now yours', schema: moveCaseSchema } },
    },
    async (c, { params }) => {
      const scope = scopeOf(c);
      await takeMoveCase(scope, params.id);
      return c.json(await viewMoveCase(scope, params.id));
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/api/v1/move-cases/:id/closure',
      kind: 'api',
      access: RELOCATION_GUIDE,
      tags,
      summary: 'Close a case you guide with its outcome (moved in: the date and the kommun)',
      params: caseIdParams,
      body: caseClosure,
      responses: { 200: { description: 'The closed case', schema: moveCaseSchema } },
    },
    async (c, { params, body }) => {
      const scope = scopeOf(c);
      await closeMoveCase(scope, params.id, body);
      return c.json(await viewMoveCase(scope, params.id));
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/api/v1/move-cases/:id/partner',
      kind: 'api',
      access: SIGNED_IN,
      tags,
      summary:
        'Invite the partner who moves with the recruit (the organisation or the guide): their own row, link and acceptance',
      params: caseIdParams,
      body: partnerInvite,
      responses: { 201: { description: 'The case with the invited partner', schema: moveCaseSchema } },
    },
    async (c, { params, body }) => {
      const scope = scopeOf(c);
      await invitePartner(scope, params.id, body);
      return c.json(await viewMoveCase(scope, params.id), 201);
    },
  );
}
