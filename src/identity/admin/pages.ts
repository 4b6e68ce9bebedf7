import type { Context } from 'hono';
import { z } from 'zod';
import { GLOBAL_ROLES as ALL_GLOBAL_ROLES, type GlobalRole, SCOPES } from '../../core/principal.ts';
import type { AppEnv } from '../../deps.ts';
import { requireUser } from '../../http/authorize.ts';
import { cursorSchema, encodeCursor } from '../../http/pagination.ts';
import { type Routes, secretariat } from '../../http/routes.ts';
import { scopeOf } from '../../http/scope.ts';
import type { FormErrors } from '../../web/forms.ts';
import { render } from '../../web/render.ts';
import { issueApiToken, listApiTokens, revokeApiToken } from '../api-tokens.ts';
import { grantRole, listUsers, revokeRole } from '../roles.ts';
import { apiTokenBody, roleBody } from '../schemas.ts';

const ADMIN = secretariat();
const GLOBAL_ROLES: readonly GlobalRole[] = ALL_GLOBAL_ROLES;
const tokenForm = apiTokenBody.extend({
  expiresInDays: z.preprocess(
    (v) => (v === '' || v === undefined ? undefined : Number(v)),
    apiTokenBody.shape.expiresInDays,
  ),
});

export function registerAdminPages(routes: Routes): void {
  routes.add(
    { method: 'get', path: '/admin', kind: 'page', access: ADMIN, summary: 'Administration (secretariat)' },
    (c) => render(c, 'admin/index', { title: c.get('t')('admin.title'), nav: 'admin' }),
  );

  routes.add(
    { method: 'get', path: '/admin/api-tokens', kind: 'page', access: ADMIN, summary: 'API tokens (secretariat)' },
    (c) => tokensPage(c, {}),
  );

  routes.add(
    {
      method: 'post',
      path: '/admin/api-tokens',
      kind: 'page',
      access: ADMIN,
      summary: 'Issue an API token',
      form: {
        schema: tokenForm,
        prepare: (f) => ({ ...f, scopes: Array.isArray(f.scopes) ? f.scopes : f.scopes ? [f.scopes] : [] }),
        invalid: (c, { values, errors }) => tokensPage(c, { values, form: errors }, 422),
      },
    },
    async (c, { form }) => {
      const issued = await issueApiToken(scopeOf(c), requireUser(c), form);
      // The secret is shown once, in this response; it is never stored or shown again.
      c.header('cache-control', 'no-store');
      return tokensPage(c, { issued }, 201);
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/admin/api-tokens/:id/revoke',
      kind: 'page',
      access: ADMIN,
      summary: 'Revoke an API token',
      params: z.object({ id: z.string().max(100) }),
    },
    async (c, { params }) => {
      await revokeApiToken(scopeOf(c), params.id);
      return c.redirect('/admin/api-tokens', 303);
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/admin/users',
      kind: 'page',
      access: ADMIN,
      summary: 'People and roles (secretariat)',
      query: z.object({
        q: z.string().max(100).optional(),
        cursor: cursorSchema.optional(),
        saved: z.string().optional(),
      }),
    },
    async (c, { query }) => {
      const t = c.get('t');
      const page = await listUsers(c.get('deps').db, {
        ...(query.q ? { q: query.q } : {}),
        limit: 50,
        offset: query.cursor ?? 0,
      });
      const next = encodeCursor(page.nextOffset);
      return render(c, 'admin/users', {
        title: t('admin.users'),
        nav: 'admin',
        saved: query.saved === '1',
        values: { q: query.q ?? '' },
        roleOptions: GLOBAL_ROLES.map((role) => ({ value: role, label: t(`role.${role}`) })),
        items: page.items.map((u) => ({
          ...u,
          roles: u.roles.map((role) => ({ code: role, label: t(`role.${role}`) })),
          organisations: u.organisations.map((o) => ({ name: o.name, role: t(`role.${o.role}`) })),
          lastSignInAt: u.lastSignInAt?.replace('T', ' ').slice(0, 16) ?? '–',
        })),
        nextHref: next
          ? `/admin/users?${new URLSearchParams({ ...(query.q ? { q: query.q } : {}), cursor: next })}`
          : null,
      });
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/admin/users/:id/roles',
      kind: 'page',
      access: ADMIN,
      summary: 'Grant a role',
      params: z.object({ id: z.string().max(100) }),
      // No role chosen (or not one that can be granted): back to the list, which says nothing was saved.
      form: { schema: roleBody, invalid: (c) => c.redirect('/admin/users?saved=0', 303) },
    },
    async (c, { params, form }) => {
      await grantRole(scopeOf(c), params.id, form.role);
      return c.redirect('/admin/users?saved=1', 303);
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/admin/users/:id/roles/:role/revoke',
      kind: 'page',
      access: ADMIN,
      summary: 'Revoke a role',
      params: z.object({ id: z.string().max(100), role: z.enum(ALL_GLOBAL_ROLES) }),
    },
    async (c, { params }) => {
      await revokeRole(scopeOf(c), params.id, params.role);
      return c.redirect('/admin/users?saved=1', 303);
    },
  );
}

async function tokensPage(
  c: Context<AppEnv>,
  extra: { values?: Record<string, string>; form?: FormErrors; issued?: { name: string; token: string } },
  status: 200 | 201 | 422 = 200,
) {
  const t = c.get('t');
  const tokens = await listApiTokens(c.get('deps').db);
  const chosen = new Set((extra.values?.scopes ?? '').split(','));
  return render(
    c,
    'admin/api-tokens',
    {
      title: t('admin.apiTokens'),
      nav: 'admin',
      confirmRevoke: t('admin.apiTokens.confirmRevoke'),
      tokens: tokens.map((token) => ({
        ...token,
        scopes: token.scopes.join(', '),
        createdAt: token.createdAt.slice(0, 10),
        lastUsedAt: token.lastUsedAt?.replace('T', ' ').slice(0, 16) ?? '–',
        active: !token.revokedAt && !(token.expiresAt && token.expiresAt < c.get('deps').now().toISOString()),
        status: token.revokedAt
          ? t('admin.apiTokens.revoked')
          : token.expiresAt && token.expiresAt < c.get('deps').now().toISOString()
            ? t('admin.apiTokens.expired')
            : t('admin.apiTokens.active'),
      })),
      scopeOptions: SCOPES.map((scope) => ({
        value: scope,
        label: `${scope} – ${t(`scope.${scope}`)}`,
        checked: chosen.has(scope),
      })),
      values: extra.values ?? {},
      form: extra.form,
      issued: extra.issued,
    },
    status,
  );
}
