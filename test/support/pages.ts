import { csrfPair, request, type TestApp } from './app.ts';
import { cookies, type SignedInPerson } from './auth.ts';

/** Posts a page form as the person (or anonymously), with a fresh CSRF pair, as a browser would. */
export async function postForm(t: TestApp, path: string, who: SignedInPerson | undefined, fields: [string, string][]) {
  const csrf = await csrfPair(t.app);
  return request(t.app, path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookies(csrf.cookie, who?.cookie) },
    body: new URLSearchParams([['_csrf', csrf.token], ...fields]).toString(),
  });
}

/** A page as the person (or anonymously) sees it, in Swedish or, with `lang`, English. */
export async function getPage(t: TestApp, path: string, who?: SignedInPerson, lang?: 'en') {
  const response = await request(t.app, path, {
    headers: { cookie: cookies(who?.cookie, lang ? `lang=${lang}` : undefined) },
  });
  return { status: response.status, html: await response.text() };
}
