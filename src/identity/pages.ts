import type { Context } from 'hono';
import { z } from 'zod';
import { allRoles } from '../core/principal.ts';
import type { AppEnv } from '../deps.ts';
import { requireUser } from '../http/authorize.ts';
import { asAppError } from '../http/problem.ts';
import { PUBLIC, type Routes, SIGNED_IN } from '../http/routes.ts';
import { scopeOf } from '../http/scope.ts';
import type { FormErrors } from '../web/forms.ts';
import { render } from '../web/render.ts';
import { safeLocalPath } from '../web/routes.ts';
import { describeMe, renameMe, signOut } from './account.ts';
import { SIGN_IN_LINK_MINUTES } from './links.ts';
import { clearSessionCookie, setSessionCookie } from './routes.ts';
import { renameBody, signInLinkBody, studentBody } from './schemas.ts';
import {
  DEFAULT_LANDING,
  exchangeLinkToken,
  LinkRefused,
  landingAfterSignIn,
  requestSignInLink,
  SignInLimited,
} from './sign-in.ts';
import { registerStudent } from './students.ts';

const page = (path: string, method: 'get' | 'post', summary: string, access = PUBLIC) =>
  ({ method, path, kind: 'page', access, summary }) as const;

/** A 429 from the rate limit shown inside the form instead of on an error page. */
function limitErrors(err: unknown, c: Context<AppEnv>, field: string): FormErrors | undefined {
  if (!(err instanceof SignInLimited)) return undefined;
  const message = asAppError(err, c)?.detail ?? '';
  return { errors: [{ field, message }], byField: { [field]: message } };
}

/** The address a "check your e-mail" page names, and outside production the outbox's page for it. */
function mailedTo(c: Context<AppEnv>) {
  const parsed = z.email().safeParse(c.req.query('email'));
  const email = parsed.success ? parsed.data : '';
  // Encoded: in a query string a "+" in the address (name+tag@…) would arrive as a space.
  const devMailHref = email ? `/dev/mail?to=${encodeURIComponent(email)}` : '/dev/mail';
  return { email, devMailHref: c.get('deps').config.appEnv !== 'production' ? devMailHref : undefined };
}

function sentPage(c: Context<AppEnv>, email: string) {
  return c.redirect(`/sign-in/sent?email=${encodeURIComponent(email)}`, 303);
}

export function registerIdentityPages(routes: Routes): void {
  routes.add(page('/sign-in', 'get', 'Sign-in form: ask for a link by e-mail'), (c) =>
    render(c, 'identity/sign-in', {
      title: c.get('t')('signIn.title'),
      nav: 'sign-in',
      next: safeLocalPath(c.req.query('next') ?? '/account'),
      values: {},
    }),
  );

  const signInAgain = (c: Context<AppEnv>, values: Record<string, string>, errors: FormErrors, status: 422 | 429) =>
    render(
      c,
      'identity/sign-in',
      {
        title: c.get('t')('signIn.title'),
        nav: 'sign-in',
        next: safeLocalPath(values.next ?? '/account'),
        values,
        form: errors,
      },
      status,
    );
  routes.add(
    {
      ...page('/sign-in', 'post', 'Send a sign-in link'),
      form: { schema: signInLinkBody, invalid: (c, { values, errors }) => signInAgain(c, values, errors, 422) },
    },
    async (c, { form, values }) => {
      try {
        await requestSignInLink(scopeOf(c), form.email, { next: safeLocalPath(values.next ?? '/account') });
      } catch (err) {
        const errors = limitErrors(err, c, 'email');
        if (errors) return signInAgain(c, values, errors, 429);
        throw err;
      }
      return sentPage(c, form.email);
    },
  );

  routes.add(page('/sign-in/sent', 'get', 'Check your e-mail'), (c) =>
    render(c, 'identity/sign-in-sent', { title: c.get('t')('signIn.sent.title'), ...mailedTo(c) }),
  );

  routes.add(page('/sign-in/verify', 'get', 'Confirm signing in with the token from a link'), (c) =>
    render(c, 'identity/verify', {
      title: c.get('t')('signIn.verify.title'),
      token: c.req.query('token') ?? '',
      next: safeLocalPath(c.req.query('next') ?? '/account'),
    }),
  );

  const linkRefused = (c: Context<AppEnv>, problem: string | undefined) =>
    render(c, 'identity/verify', { title: c.get('t')('signIn.verify.title'), problem }, 400);
  routes.add(
    {
      ...page('/sign-in/verify', 'post', 'Sign in with the token from a link'),
      form: {
        schema: z.object({ token: z.string().min(1).max(4096), next: z.string().max(500).optional() }),
        // No token, or not one of ours: the same answer as a link that does not hold.
        invalid: (c) => linkRefused(c, c.get('t')('auth.link.invalid')),
      },
    },
    async (c, { form }) => {
      try {
        const signedIn = await exchangeLinkToken(scopeOf(c), form.token);
        setSessionCookie(c, signedIn.sessionToken, signedIn.expiresAt);
        const asked = safeLocalPath(form.next ?? DEFAULT_LANDING);
        // The account page is also what a link that names no page asks for: then other features
        // may choose where the person starts (a new student: the profile form).
        const next = signedIn.invitationOrganisationId
          ? `/organisations/${signedIn.invitationOrganisationId}`
          : asked === DEFAULT_LANDING
            ? await landingAfterSignIn(scopeOf(c), signedIn.userId)
            : asked;
        return c.redirect(next, 303);
      } catch (err) {
        if (!(err instanceof LinkRefused)) throw err;
        return linkRefused(c, asAppError(err, c)?.detail);
      }
    },
  );

  routes.add(page('/register', 'get', 'Student registration form'), (c) =>
    render(c, 'identity/register', { title: c.get('t')('register.title'), values: {} }),
  );

  const registerAgain = (c: Context<AppEnv>, values: Record<string, string>, errors: FormErrors, status: 422 | 429) =>
    render(c, 'identity/register', { title: c.get('t')('register.title'), values, form: errors }, status);
  routes.add(
    {
      ...page('/register', 'post', 'Register as a student'),
      form: { schema: studentBody, invalid: (c, { values, errors }) => registerAgain(c, values, errors, 422) },
    },
    async (c, { form, values }) => {
      try {
        await registerStudent(scopeOf(c), form);
      } catch (err) {
        const errors = limitErrors(err, c, 'email');
        if (errors) return registerAgain(c, values, errors, 429);
        throw err;
      }
      return c.redirect(`/register/sent?email=${encodeURIComponent(form.email)}`, 303);
    },
  );

  routes.add(page('/register/sent', 'get', 'Registered: open the link we mailed'), (c) =>
    render(c, 'identity/register-sent', {
      title: c.get('t')('register.sent.title'),
      ...mailedTo(c),
      minutes: SIGN_IN_LINK_MINUTES,
    }),
  );

  routes.add(page('/account', 'get', 'My account', SIGNED_IN), (c) => accountPage(c, {}));

  routes.add(
    {
      ...page('/account', 'post', 'Change my name', SIGNED_IN),
      form: { schema: renameBody, invalid: (c, { values, errors }) => accountPage(c, { values, form: errors }, 422) },
    },
    async (c, { form }) => {
      await renameMe(scopeOf(c), requireUser(c), form.name);
      return c.redirect('/account?saved=1', 303);
    },
  );

  routes.add(page('/sign-out', 'post', 'Sign out', SIGNED_IN), async (c) => {
    await signOut(scopeOf(c), requireUser(c));
    clearSessionCookie(c);
    return c.redirect('/', 303);
  });
}

function accountPage(c: Context<AppEnv>, extra: Record<string, unknown>, status: 200 | 422 = 200) {
  const me = requireUser(c);
  const t = c.get('t');
  const described = describeMe(me);
  return render(
    c,
    'identity/account',
    {
      title: t('account.title'),
      nav: 'account',
      me: {
        ...described,
        organisations: described.organisations.map((o) => ({ ...o, roleName: t(`role.${o.role}`) })),
      },
      roleNames: allRoles(me).map((role) => t(`role.${role}`)),
      saved: c.req.query('saved') === '1',
      values: { name: me.name },
      ...extra,
    },
    status,
  );
}
