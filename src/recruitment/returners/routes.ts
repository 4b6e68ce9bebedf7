import { PUBLIC, type Routes, SIGNED_IN, secretariat } from '../../http/routes.ts';
import { scopeOf } from '../../http/scope.ts';
import { poolCounts } from './pool.ts';
import {
  poolCountsSchema,
  renewalBody,
  renewedSchema,
  returnerRegistration,
  returnerSchema,
  returnerStatusChange,
  returnerUpdate,
} from './schemas.ts';
import {
  leaveReturnerPool,
  registerReturner,
  renewByToken,
  renewOwnReturner,
  setOwnReturnerStatus,
  updateOwnReturner,
  viewOwnReturner,
} from './service.ts';

const tags = ['Returner pool'];

/**
 * The returner pool's JSON API (decision 0033). A sign-up is public and answers 202 whether or not
 * the address is in the pool; the entry is the signed-in person's own (`/me`); the secretariat sees
 * counts only.
 */
export function registerReturnerRoutes(routes: Routes): void {
  routes.add(
    {
      method: 'post',
      path: '/api/v1/returners',
      kind: 'api',
      access: PUBLIC,
      tags,
      summary:
        'Sign up to the returner pool (explicit consent, 12 months); mails a link that confirms the address. 202 whether or not the address is known',
      body: returnerRegistration,
      responses: { 202: { description: 'A link was mailed' } },
    },
    async (c, { body }) => {
      await registerReturner(scopeOf(c), body);
      return c.body(null, 202);
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/api/v1/returners/me',
      kind: 'api',
      access: SIGNED_IN,
      tags,
      summary: 'My pool entry (the first read after the mailed link confirms the address and starts the consent)',
      responses: { 200: { description: 'The entry', schema: returnerSchema } },
    },
    async (c) => c.json(await viewOwnReturner(scopeOf(c))),
  );

  routes.add(
    {
      method: 'put',
      path: '/api/v1/returners/me',
      kind: 'api',
      access: SIGNED_IN,
      tags,
      summary: 'Change my pool entry; send the version you read (409 if stale)',
      body: returnerUpdate,
      responses: { 200: { description: 'The changed entry', schema: returnerSchema } },
    },
    async (c, { body }) => c.json(await updateOwnReturner(scopeOf(c), body)),
  );

  routes.add(
    {
      method: 'post',
      path: '/api/v1/returners/me/status',
      kind: 'api',
      access: SIGNED_IN,
      tags,
      summary: 'Pause my entry (no mail) or resume it',
      body: returnerStatusChange,
      responses: { 200: { description: 'The entry', schema: returnerSchema } },
    },
    async (c, { body }) => c.json(await setOwnReturnerStatus(scopeOf(c), body.status)),
  );

  routes.add(
    {
      method: 'post',
      path: '/api/v1/returners/me/renewal',
      kind: 'api',
      access: SIGNED_IN,
      tags,
      summary: 'Renew my consent for 12 months from today (also a lapsed entry, until it is erased)',
      responses: { 200: { description: 'The entry', schema: returnerSchema } },
    },
    async (c) => c.json(await renewOwnReturner(scopeOf(c))),
  );

  routes.add(
    {
      method: 'delete',
      path: '/api/v1/returners/me',
      kind: 'api',
      access: SIGNED_IN,
      tags,
      summary: 'Leave the pool: the entry is erased at once',
      responses: { 204: { description: 'Erased' } },
    },
    async (c) => {
      await leaveReturnerPool(scopeOf(c));
      return c.body(null, 204);
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/api/v1/returners/renewals',
      kind: 'api',
      access: PUBLIC,
      tags,
      summary: 'Renew with the token of the mailed renewal link (single use); 404 for an unknown or used token',
      body: renewalBody,
      responses: { 200: { description: 'Renewed until', schema: renewedSchema } },
    },
    async (c, { body }) => c.json(await renewByToken(scopeOf(c), body.token)),
  );

  routes.add(
    {
      method: 'get',
      path: '/api/v1/returners/pool',
      kind: 'api',
      access: secretariat(),
      tags,
      summary:
        'The pool by SSYK 4 group and by kommun of interest: counts only, small ones as "fewer than N" (audited)',
      responses: { 200: { description: 'Counts', schema: poolCountsSchema } },
    },
    async (c) => c.json(await poolCounts(scopeOf(c))),
  );
}
