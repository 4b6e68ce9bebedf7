import { requireUser } from '../http/authorize.ts';
import { type Routes, SIGNED_IN } from '../http/routes.ts';
import { scopeOf } from '../http/scope.ts';
import { clearSessionCookie } from '../identity/index.ts';
import { personalDataExport } from './schemas.ts';
import { eraseAccount, exportPersonalData } from './service.ts';

// Under identity's tag, where they were before this feature existed: the OpenAPI document is unchanged.
const tags = ['Identity'];

export function registerPrivacyApiRoutes(routes: Routes): void {
  routes.add(
    {
      method: 'get',
      path: '/api/v1/me/export',
      kind: 'api',
      access: SIGNED_IN,
      tags,
      summary: 'Download everything the service holds about me (JSON)',
      responses: { 200: { description: 'Everything about me', schema: personalDataExport } },
    },
    async (c) => {
      const data = await exportPersonalData(scopeOf(c), requireUser(c));
      c.header('content-disposition', 'attachment; filename="kompetensbron-mina-uppgifter.json"');
      c.header('cache-control', 'no-store');
      return c.json(data);
    },
  );

  for (const path of ['/api/v1/me', '/api/v1/students/me']) {
    routes.add(
      {
        method: 'delete',
        path,
        kind: 'api',
        access: SIGNED_IN,
        tags,
        summary: "Erase my account: personal data is removed, organisations' answers are kept",
        responses: { 204: { description: 'Erased and signed out' } },
      },
      async (c) => {
        await eraseAccount(scopeOf(c), requireUser(c));
        clearSessionCookie(c);
        return c.body(null, 204);
      },
    );
  }
}
