import { beforeEach, describe, expect, it } from 'vitest';
import { listOutbox } from '../../src/mail/mailer.ts';
import { createTestApp, csrfPair, request, type TestApp } from '../support/app.ts';
import { cookies, signIn } from '../support/auth.ts';

let t: TestApp;
let csrf: { cookie: string; token: string };
beforeEach(async () => {
  t = await createTestApp();
  csrf = await csrfPair(t.app);
});

function post(path: string, fields: Record<string, string>, cookie?: string) {
  return request(t.app, path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookies(csrf.cookie, cookie) },
    body: new URLSearchParams({ ...fields, _csrf: csrf.token }).toString(),
  });
}

describe('sign-in pages', () => {
  it('re-render the form with the error in place for a bad address', async () => {
    const response = await post('/sign-in', { email: 'nope', next: '/account' });
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain('Det finns fel i formuläret');
    expect(html).toContain('<a href="#field-email">Ange en e-postadress i formatet namn@exempel.se.</a>');
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain('value="nope"');
  });

  it('send the link and say so, whether or not the address is known', async () => {
    const response = await post('/sign-in', { email: 'anna@foretag.se' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/sign-in/sent?email=anna%40foretag.se');
    const page = await (await request(t.app, response.headers.get('location') ?? '')).text();
    expect(page).toContain('Om anna@foretag.se har ett konto har vi skickat en inloggningslänk dit.');
  });

  it('show the rate limit inside the form', async () => {
    for (let i = 0; i < 5; i++) await post('/sign-in', { email: 'anna@foretag.se' });
    const response = await post('/sign-in', { email: 'anna@foretag.se' });
    expect(response.status).toBe(429);
    expect(await response.text()).toContain('För många inloggningslänkar har begärts');
  });

  it('do not use the link up when it is only opened, and sign in when confirmed', async () => {
    await post('/register', { name: 'Stina', email: 'stina@student.se' });
    const [mail] = await listOutbox(t.deps.db, 'stina@student.se');
    const link = new URL(mail?.links[0] ?? '');
    // The registration link names no page: the verify form carries the default, the account page.
    expect(link.searchParams.get('next')).toBeNull();
    const opened = await request(t.app, `${link.pathname}${link.search}`);
    expect(opened.status).toBe(200);
    const html = await opened.text();
    expect(html).toContain('Bekräfta inloggningen');
    expect(html).toContain('<input type="hidden" name="next" value="/account">');
    const confirmed = await post('/sign-in/verify', { token: link.searchParams.get('token') ?? '', next: '/account' });
    expect(confirmed.status).toBe(303);
    // A new student has no profile yet, so the first sign-in lands on the profile form (issue 18).
    expect(confirmed.headers.get('location')).toBe('/students/profile');
    const session = confirmed.headers
      .getSetCookie()
      .find((c) => c.startsWith('__Host-session='))
      ?.split(';')[0];
    const account = await request(t.app, '/account', { headers: { cookie: session ?? '' } });
    expect(account.status).toBe(200);
    expect(await account.text()).toContain('stina@student.se');
  });

  it('explain a used link and offer a new one', async () => {
    const response = await post('/sign-in/verify', { token: 'x.y.z' });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('Länken är ogiltig');
    expect(html).toContain('href="/sign-in"');
  });
});

describe('account pages', () => {
  it('send a signed-out visitor to sign in and back', async () => {
    const response = await request(t.app, '/account');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/sign-in?next=%2Faccount');
  });

  it('let a person change their name', async () => {
    const person = await signIn(t, { name: 'Old Name' });
    const response = await post('/account', { name: 'New Name' }, person.cookie);
    expect(response.status).toBe(303);
    const html = await (await request(t.app, '/account?saved=1', { headers: { cookie: person.cookie } })).text();
    expect(html).toContain('value="New Name"');
    expect(html).toContain('Ändringen är sparad.');
  });

  it('ask for confirmation before erasing, then erase and sign out', async () => {
    const person = await signIn(t, { roles: ['student'] });
    const unconfirmed = await post('/account/erase', {}, person.cookie);
    expect(unconfirmed.status).toBe(422);
    expect(await unconfirmed.text()).toContain('Kryssa i rutan');
    const erased = await post('/account/erase', { confirm: 'true' }, person.cookie);
    expect(erased.status).toBe(303);
    expect(erased.headers.get('location')).toBe('/account/erased');
    expect((await request(t.app, '/api/v1/me', { headers: { cookie: person.cookie } })).status).toBe(401);
  });

  it('sign out from the account page', async () => {
    const person = await signIn(t);
    const response = await post('/sign-out', {}, person.cookie);
    expect(response.status).toBe(303);
    expect((await request(t.app, '/api/v1/me', { headers: { cookie: person.cookie } })).status).toBe(401);
  });
});
