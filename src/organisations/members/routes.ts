import { notFound } from '../../http/errors.ts';
import { organisationMember, type Routes } from '../../http/routes.ts';
import { scopeOf } from '../../http/scope.ts';
import { findOrganisation, viewerOf } from '../queries.ts';
import {
  invitationCreateSchema,
  invitationList,
  invitationParams,
  invitationSchema,
  organisationIdParams,
} from '../schemas.ts';
import { listPendingInvitations } from './queries.ts';
import { inviteColleague, revokeInvitation } from './service.ts';

const tags = ['Organisations'];

/** Invitations: the secretariat or a colleague (any member of the organisation) invites people. */
export function registerInvitationRoutes(routes: Routes): void {
  routes.add(
    {
      method: 'post',
      path: '/api/v1/organisations/:id/invitations',
      kind: 'api',
      access: organisationMember('id'),
      tags,
      summary: 'Invite a person to act for the organisation; mails a single-use link valid for 14 days',
      params: organisationIdParams,
      body: invitationCreateSchema,
      responses: { 201: { description: 'Invited', schema: invitationSchema } },
    },
    async (c, { params, body }) => {
      const organisation = await findOrganisation(c.get('deps').db, params.id, viewerOf(c.get('principal')));
      if (!organisation) throw notFound();
      return c.json(await inviteColleague(scopeOf(c), organisation, body), 201);
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/api/v1/organisations/:id/invitations',
      kind: 'api',
      access: organisationMember('id'),
      tags,
      summary: 'Pending invitations (not accepted, revoked or expired)',
      params: organisationIdParams,
      responses: { 200: { description: 'Pending invitations', schema: invitationList } },
    },
    async (c, { params }) => {
      const { db, now } = c.get('deps');
      const organisation = await findOrganisation(db, params.id, viewerOf(c.get('principal')));
      if (!organisation) throw notFound();
      return c.json({ items: await listPendingInvitations(db, organisation.id, now()), nextCursor: null });
    },
  );

  routes.add(
    {
      method: 'delete',
      path: '/api/v1/organisations/:id/invitations/:invitationId',
      kind: 'api',
      access: organisationMember('id'),
      tags,
      summary: 'Revoke a pending invitation; its link stops working at once',
      params: invitationParams,
      responses: { 204: { description: 'Revoked' } },
    },
    async (c, { params }) => {
      await revokeInvitation(scopeOf(c), params.id, params.invitationId);
      return c.body(null, 204);
    },
  );
}
