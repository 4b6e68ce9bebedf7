import type { Context } from 'hono';
import type { AppEnv } from '../deps.ts';
import { requireUser } from '../http/authorize.ts';
import { PUBLIC, type Routes, SIGNED_IN } from '../http/routes.ts';
import { scopeOf } from '../http/scope.ts';
import { clearSessionCookie } from '../identity/index.ts';
import { render } from '../web/render.ts';
import { eraseConfirmation } from './schemas.ts';
import { eraseAccount } from './service.ts';

const page = (path: string, method: 'get' | 'post', summary: string, access = PUBLIC) =>
  ({ method, path, kind: 'page', access, summary }) as const;

/** Erasing one's account; the account page (src/identity/pages.ts) links here. */
export function registerPrivacyPages(routes: Routes): void {
  routes.add(page('/account/erase', 'get', 'Confirm erasing my account', SIGNED_IN), (c) =>
    render(c, 'privacy/erase', { title: c.get('t')('account.erase.title'), nav: 'account' }),
  );

  const eraseUnconfirmed = (c: Context<AppEnv>) => {
    const message = c.get('t')('account.erase.confirmRequired');
    return render(
      c,
      'privacy/erase',
      {
        title: c.get('t')('account.erase.title'),
        form: { errors: [{ field: 'confirm', message }], byField: { confirm: message } },
      },
      422,
    );
  };
  routes.add(
    {
      ...page('/account/erase', 'post', 'Erase my account', SIGNED_IN),
      form: { schema: eraseConfirmation, invalid: eraseUnconfirmed },
    },
    async (c) => {
      await eraseAccount(scopeOf(c), requireUser(c));
      clearSessionCookie(c);
      return c.redirect('/account/erased', 303);
    },
  );

  routes.add(page('/account/erased', 'get', 'Your account has been erased'), (c) =>
    render(c, 'privacy/erased', { title: c.get('t')('account.erased.title') }),
  );
}
