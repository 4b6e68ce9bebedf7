import { beforeAll, describe, expect, it } from 'vitest';
import { BODY_LIMIT_BYTES } from '../../src/app.ts';
import { createTestApp, csrfPair, request, type TestApp } from '../support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  // A route that fails unexpectedly, to see what a person and a client get for a bug.
  t.app.get('/boom', () => {
    throw new Error('kaboom: internal detail');
  });
  t.app.get('/api/v1/boom', () => {
    throw new Error('kaboom: internal detail');
  });
});

describe('request ids and logs', () => {
  it('puts a request id on every response, errors included', async () => {
    for (const path of ['/', '/healthz', '/no-such-page', '/api/v1/nothing-here']) {
      const response = await request(t.app, path);
      expect(response.headers.get('x-request-id'), path).toMatch(/^test-\d{6}$/);
    }
  });

  it('writes one JSON log line per request with id, route, status and duration', async () => {
    const response = await request(t.app, '/healthz');
    const id = response.headers.get('x-request-id');
    const line = t.log.lines.find((l) => l.requestId === id && l.message === 'request');
    expect(line).toMatchObject({ level: 'info', method: 'GET', path: '/healthz', route: '/healthz', status: 200 });
    expect(typeof line?.durationMs).toBe('number');
  });
});

describe('errors', () => {
  it('answers an unknown API path with problem+json 404', async () => {
    const response = await request(t.app, '/api/v1/nothing-here');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    const body = await response.json();
    expect(body).toMatchObject({ status: 404, title: 'Sidan finns inte', instance: '/api/v1/nothing-here' });
  });

  it("answers an unknown page with a friendly 404 page in the reader's language", async () => {
    const sv = await request(t.app, '/ingen-sida');
    expect(sv.status).toBe(404);
    expect(sv.headers.get('content-type')).toContain('text/html');
    const svHtml = await sv.text();
    expect(svHtml).toContain('<html lang="sv">');
    expect(svHtml).toContain('Sidan finns inte');
    const en = await request(t.app, '/no-page', { headers: { 'accept-language': 'en-GB,en;q=0.9' } });
    expect(await en.text()).toContain('Page not found');
  });

  it('hides an unexpected error behind a page with a reference, and logs it', async () => {
    const response = await request(t.app, '/boom');
    expect(response.status).toBe(500);
    const html = await response.text();
    const id = response.headers.get('x-request-id') ?? '';
    expect(html).toContain('Något gick fel hos oss');
    expect(html).toContain(id);
    expect(html).not.toContain('kaboom');
    expect(t.log.lines.find((l) => l.requestId === id && l.level === 'error')?.error).toBe('kaboom: internal detail');
  });

  it('hides an unexpected API error behind problem+json without internals', async () => {
    const response = await request(t.app, '/api/v1/boom');
    expect(response.status).toBe(500);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(JSON.stringify(await response.json())).not.toContain('kaboom');
  });

  it('answers invalid query parameters with 422 and a message per field', async () => {
    const response = await request(t.app, '/api/v1/taxonomy/occupations?limit=0&ssyk=abc');
    expect(response.status).toBe(422);
    const body = (await response.json()) as { errors: { path: string; message: string }[] };
    expect(body.errors.map((e) => e.path).sort()).toEqual(['limit', 'ssyk']);
    expect(body.errors.find((e) => e.path === 'ssyk')?.message).toBe('SSYK-koden ska vara 1–4 siffror.');
  });

  it('gives validation messages in English to an English reader', async () => {
    const response = await request(t.app, '/api/v1/taxonomy/occupations?ssyk=abc', {
      headers: { 'accept-language': 'en' },
    });
    const body = (await response.json()) as { title: string; errors: { message: string }[] };
    expect(body.title).toBe('Please correct the details');
    expect(body.errors[0]?.message).toBe('The SSYK code must be 1–4 digits.');
  });
});

describe('security defaults', () => {
  it('sends a content security policy that allows no inline script', async () => {
    const response = await request(t.app, '/');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('renders pages with no inline script or style', async () => {
    const html = await (await request(t.app, '/')).text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/\sstyle="/);
    expect(html).not.toMatch(/<style/);
  });

  it('sets the CSRF cookie as __Host-, HttpOnly, Secure and SameSite=Lax', async () => {
    const cookie = (await request(t.app, '/')).headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^__Host-csrf=[\w-]{43};/);
    expect(cookie).toContain('Path=/');
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('Secure');
    expect(cookie).toContain('SameSite=Lax');
  });

  it('hands out the CSRF cookie with pages only, not with health checks or API answers', async () => {
    expect((await request(t.app, '/healthz')).headers.get('set-cookie')).toBeNull();
    expect((await request(t.app, '/api/v1/taxonomy/specialisations')).headers.get('set-cookie')).toBeNull();
    expect((await request(t.app, '/no-such-page')).headers.get('set-cookie')).toContain('__Host-csrf=');
  });

  it('refuses a form post without the CSRF token', async () => {
    const { cookie } = await csrfPair(t.app);
    const response = await request(t.app, '/language', {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'lang=en&next=/',
    });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('Formuläret kunde inte skickas');
  });

  it('refuses a form post whose token does not match the cookie', async () => {
    const { cookie } = await csrfPair(t.app);
    const response = await request(t.app, '/language', {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: `lang=en&next=/&_csrf=${'x'.repeat(43)}`,
    });
    expect(response.status).toBe(403);
  });

  it('accepts a form post with the token and switches the language', async () => {
    const { cookie, token } = await csrfPair(t.app);
    const response = await request(t.app, '/language', {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ lang: 'en', next: '/', _csrf: token }).toString(),
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/');
    expect(response.headers.get('set-cookie')).toContain('lang=en');
  });

  it('never redirects to another site after switching language', async () => {
    const { cookie, token } = await csrfPair(t.app);
    for (const next of ['//evil.example/', 'https://evil.example/', '/\\evil.example']) {
      const response = await request(t.app, '/language', {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ lang: 'en', next, _csrf: token }).toString(),
      });
      expect(response.headers.get('location'), next).toBe('/');
    }
  });

  it('refuses a state-changing request from another origin', async () => {
    const response = await request(t.app, '/api/v1/taxonomy/occupations', {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
  });

  it('refuses a body larger than the limit with 413', async () => {
    const { cookie, token } = await csrfPair(t.app);
    const response = await request(t.app, '/language', {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', 'x-csrf-token': token },
      body: `lang=en&next=${'a'.repeat(BODY_LIMIT_BYTES + 10)}`,
    });
    expect(response.status).toBe(413);
    expect(await response.text()).toContain('Filen är för stor');
  });

  it("refuses an API body that is not JSON with 415 and says what to send, in the reader's language", async () => {
    for (const [lang, title] of [
      ['sv', 'Fel typ av innehåll'],
      ['en', 'Unsupported content type'],
    ] as const) {
      // A body that is not JSON must carry the CSRF token (src/http/csrf.ts), as a browser's would.
      const { cookie, token } = await csrfPair(t.app);
      const response = await request(t.app, '/api/v1/auth/sign-in-links', {
        method: 'POST',
        headers: { cookie, 'x-csrf-token': token, 'content-type': 'application/xml', 'accept-language': lang },
        body: '<email>anna@foretag.se</email>',
      });
      expect(response.status).toBe(415);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      const problem = (await response.json()) as { title: string; detail: string };
      expect(problem.title).toBe(title);
      expect(problem.detail).toContain('application/json');
    }
  });
});

describe('health', () => {
  it('answers 200 {status: ok} when the database answers', async () => {
    const response = await request(t.app, '/healthz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('answers 503 when the database does not', async () => {
    const broken = await createTestApp();
    await broken.database.close();
    const response = await request(broken.app, '/healthz');
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
  });
});
