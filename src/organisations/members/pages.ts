import type { Context } from 'hono';
import type { AppEnv } from '../../deps.ts';
import { notFound } from '../../http/errors.ts';
import { organisationMember, type Routes } from '../../http/routes.ts';
import { scopeOf } from '../../http/scope.ts';
import type { FormErrors } from '../../web/forms.ts';
import { render } from '../../web/render.ts';
import { conflictErrors } from '../pages.ts';
import { findOrganisation, type Organisation, viewerOf } from '../queries.ts';
import { invitationCreateSchema, invitationParams, MEMBERSHIP_ROLES, organisationIdParams } from '../schemas.ts';
import { describeOrganisation } from '../views.ts';
import { listMembers, listPendingInvitations } from './queries.ts';
import { inviteColleague, revokeInvitation } from './service.ts';

const MEMBERS = organisationMember('id');

async function requireOrganisation(c: Context<AppEnv>, id: string): Promise<Organisation> {
  const organisation = await findOrganisation(c.get('deps').db, id, viewerOf(c.get('principal')));
  if (!organisation) throw notFound();
  return organisation;
}

/** The organisation's own page: its details, the colleagues, pending invitations and the invite form. */
async function memberPage(
  c: Context<AppEnv>,
  organisation: Organisation,
  invite: { values: Record<string, string>; form?: FormErrors },
  status: 200 | 409 | 422 = 200,
) {
  const { db, now } = c.get('deps');
  const t = c.get('t');
  const [members, invitations] = await Promise.all([
    listMembers(db, organisation.id),
    listPendingInvitations(db, organisation.id, now()),
  ]);
  const roleLabel = (role: string) => t(`invitation.role.${role}`);
  return render(
    c,
    'organisations/member',
    {
      title: organisation.name,
      organisation: describeOrganisation(organisation, t),
      members: members.map((m) => ({ ...m, roleLabel: roleLabel(m.role) })),
      invitations: invitations.map((i) => ({
        ...i,
        roleLabel: roleLabel(i.role),
        expiresOn: i.expiresAt.slice(0, 10),
      })),
      values: invite.values,
      form: invite.form,
      roleOptions: MEMBERSHIP_ROLES.map((role) => ({
        value: role,
        label: roleLabel(role),
        selected: role === (invite.values.role ?? 'member'),
      })),
      invited: c.req.method === 'GET' && c.req.query('invited') === '1',
      revoked: c.req.method === 'GET' && c.req.query('revoked') === '1',
    },
    status,
  );
}

export function registerMemberPages(routes: Routes): void {
  routes.add(
    {
      method: 'get',
      path: '/organisations/:id',
      kind: 'page',
      access: MEMBERS,
      summary: "An organisation's own page: details, colleagues, invitations",
      params: organisationIdParams,
    },
    async (c, { params }) => memberPage(c, await requireOrganisation(c, params.id), { values: {} }),
  );

  routes.add(
    {
      method: 'post',
      path: '/organisations/:id/invitations',
      kind: 'page',
      access: MEMBERS,
      summary: 'Invite a colleague (mails a single-use link)',
      params: organisationIdParams,
      form: {
        schema: invitationCreateSchema,
        invalid: async (c, { values, errors }, { params }) =>
          memberPage(c, await requireOrganisation(c, params.id), { values, form: errors }, 422),
      },
    },
    async (c, { params, form, values }) => {
      const organisation = await requireOrganisation(c, params.id);
      try {
        await inviteColleague(scopeOf(c), organisation, form);
      } catch (err) {
        const errors = conflictErrors(err, c);
        if (errors) return memberPage(c, organisation, { values, form: errors }, 409);
        throw err;
      }
      return c.redirect(`/organisations/${encodeURIComponent(organisation.id)}?invited=1`, 303);
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/organisations/:id/invitations/:invitationId/revoke',
      kind: 'page',
      access: MEMBERS,
      summary: 'Revoke a pending invitation',
      params: invitationParams,
    },
    async (c, { params }) => {
      await revokeInvitation(scopeOf(c), params.id, params.invitationId);
      return c.redirect(`/organisations/${encodeURIComponent(params.id)}?revoked=1`, 303);
    },
  );
}
