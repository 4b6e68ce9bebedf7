import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer as createTcpServer, type Server as TcpServer } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeMail } from '../../src/mail/compose.ts';
import { createHttpMailTransport } from '../../src/mail/http-transport.ts';
import { type MailRequest, type MailTransport, sendMail } from '../../src/mail/mailer.ts';
import { en, sv } from '../../src/messages.ts';
import { createSmtpTransport } from '../../src/node/smtp-transport.ts';
import { createTestApp, request, type TestApp } from '../support/app.ts';

const signInMail = (
  to: string,
  overrides: Partial<Pick<MailRequest, 'links' | 'kind'>> & { subject?: string } = {},
): MailRequest => ({
  to,
  language: 'en',
  content: () => ({
    subject: overrides.subject ?? 'Your sign-in link',
    body: `Open this link to sign in:\n\nhttp://localhost:8787/sign-in/abc123\n`,
  }),
  links: overrides.links ?? ['http://localhost:8787/sign-in/abc123'],
  kind: overrides.kind ?? 'sign-in',
});

async function outboxRow(t: TestApp, id: string) {
  return t.deps.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

const portOf = (server: { address(): AddressInfo | string | null }) => (server.address() as AddressInfo).port;

// Every server a test starts is closed after the file, and must no longer listen.
const closers: (() => Promise<void>)[] = [];
const listening: { listening: boolean }[] = [];
afterAll(async () => {
  await Promise.all(closers.map((close) => close()));
  expect(listening.map((server) => server.listening)).toEqual(listening.map(() => false));
});

interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

/** A local SMTP server (no TLS, no auth) that keeps what it receives, or refuses every recipient. */
async function startSmtpServer(options: { refuseRecipients?: boolean } = {}) {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    closeTimeout: 1_000,
    onRcptTo(_address, _session, callback) {
      if (options.refuseRecipients) {
        callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  const tcp = server.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => tcp.once('listening', () => resolve()));
  listening.push(tcp);
  closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { received, url: `smtp://127.0.0.1:${portOf(tcp)}` };
}

describe('delivery over SMTP', () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let transport: ReturnType<typeof createSmtpTransport>;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    transport = createSmtpTransport(smtp.url);
    closers.push(async () => transport.close());
    t = await createTestApp({ mailTransport: transport });
  });

  it('hands the message to the SMTP server and marks the outbox row as sent', async () => {
    const id = await sendMail(t.deps, signInMail('anna@example.se'));

    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0];
    expect(mail?.to).toEqual(['anna@example.se']);
    expect(mail?.from).toBe('no-reply@kompetensbron.example');
    expect(mail?.raw).toMatch(/^To: anna@example\.se\r?$/m);
    expect(mail?.raw).toMatch(/^Subject: Your sign-in link\r?$/m);
    expect(mail?.raw).toContain('http://localhost:8787/sign-in/abc123');

    const row = await outboxRow(t, id);
    expect(row).toMatchObject({ sent_at: '2026-11-28T09:00:00.000Z', attempts: 1, last_error: null });
  });

  it('keeps a refused message in the outbox with the error, without failing the caller', async () => {
    const refusing = await startSmtpServer({ refuseRecipients: true });
    const refusingTransport = createSmtpTransport(refusing.url);
    closers.push(async () => refusingTransport.close());
    const t2 = await createTestApp({ mailTransport: refusingTransport });

    const id = await sendMail(t2.deps, signInMail('nobody@example.se'));

    expect(refusing.received).toHaveLength(0);
    const row = await outboxRow(t2, id);
    expect(row.sent_at).toBeNull();
    expect(row.attempts).toBe(1);
    expect(row.last_error).toContain('Mailbox unavailable');
    expect(t2.log.lines.find((l) => l.message === 'mail delivery failed')).toMatchObject({
      level: 'error',
      outboxId: id,
      transport: 'smtp',
    });
  });

  it('gives up on a server that accepts the connection but never greets', async () => {
    const silent: TcpServer = createTcpServer(() => {
      // say nothing
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    listening.push(silent);
    closers.push(
      () =>
        new Promise<void>((resolve) => {
          silent.close(() => resolve());
        }),
    );
    const slowTransport = createSmtpTransport(`smtp://127.0.0.1:${portOf(silent)}`, { greetingTimeout: 200 });
    closers.push(async () => slowTransport.close());
    const t2 = await createTestApp({ mailTransport: slowTransport });

    const id = await sendMail(t2.deps, signInMail('anna@example.se'));

    const row = await outboxRow(t2, id);
    expect(row).toMatchObject({ sent_at: null, attempts: 1 });
    expect(row.last_error).toMatch(/greeting/i);
  });
});

interface ApiRequest {
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

/** A local stand-in for a Resend-compatible mail API: /emails accepts, /broken answers 500, /stuck never answers. */
async function startMailApi() {
  const requests: ApiRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      requests.push({ path: req.url ?? '', headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString()) });
      if (req.url === '/stuck') return;
      if (req.url === '/broken') {
        res.writeHead(500, { 'content-type': 'application/json' }).end('{"message":"internal error at provider"}');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"provider-1"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  listening.push(server);
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        // fetch keeps connections alive, and /stuck holds one open.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return { requests, origin: `http://127.0.0.1:${portOf(server)}` };
}

describe('delivery through the HTTP mail API', () => {
  let api: Awaited<ReturnType<typeof startMailApi>>;
  beforeAll(async () => {
    api = await startMailApi();
  });

  const appWith = (path: string, timeoutMs?: number) =>
    createTestApp({
      mailTransport: createHttpMailTransport({
        url: `${api.origin}${path}`,
        apiKey: 're_test_key',
        ...(timeoutMs === undefined ? {} : { timeoutMs }),
      }),
    });

  it('posts the message as JSON with the bearer key and marks the row as sent', async () => {
    const t = await appWith('/emails');
    const id = await sendMail(t.deps, signInMail('bo@example.se', { subject: 'Din inloggningslänk' }));

    const sent = api.requests.find((r) => r.path === '/emails');
    expect(sent?.headers.authorization).toBe('Bearer re_test_key');
    expect(sent?.headers['content-type']).toBe('application/json');
    expect(sent?.body).toEqual({
      from: 'Kompetensbron <no-reply@kompetensbron.example>',
      to: ['bo@example.se'],
      subject: 'Din inloggningslänk',
      text: composeMail(signInMail('bo@example.se').content, 'en', t.deps.config.mail.contact).text,
    });
    expect(await outboxRow(t, id)).toMatchObject({
      sent_at: '2026-11-28T09:00:00.000Z',
      attempts: 1,
      last_error: null,
    });
  });

  it('records a 500 from the API as the last error and leaves the message unsent', async () => {
    const t = await appWith('/broken');
    const id = await sendMail(t.deps, signInMail('bo@example.se'));

    const row = await outboxRow(t, id);
    expect(row).toMatchObject({ sent_at: null, attempts: 1 });
    expect(row.last_error).toBe('mail API answered 500: {"message":"internal error at provider"}');
  });

  it('gives up on an API that does not answer', async () => {
    const t = await appWith('/stuck', 200);
    const id = await sendMail(t.deps, signInMail('bo@example.se'));

    const row = await outboxRow(t, id);
    expect(row).toMatchObject({ sent_at: null, attempts: 1 });
    expect(row.last_error).toMatch(/timeout|aborted/i);
  });
});

interface DevMailItem {
  id: string;
  kind: string;
  to: string;
  subject: string;
  text: string;
  links: string[];
  sentAt: string;
  deliveredAt: string | null;
}

describe('the development outbox', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    t.setNow(new Date('2026-11-28T09:00:00Z'));
    await sendMail(
      t.deps,
      signInMail('anna@example.se', { subject: 'First for Anna', links: ['http://localhost:8787/a1'] }),
    );
    t.setNow(new Date('2026-11-28T09:05:00Z'));
    await sendMail(
      t.deps,
      signInMail('bo@example.se', {
        subject: 'Invitation for Bo',
        kind: 'invitation',
        links: ['http://localhost:8787/invite/b1', 'http://localhost:8787/help'],
      }),
    );
    t.setNow(new Date('2026-11-28T09:10:00Z'));
    await sendMail(
      t.deps,
      signInMail('anna@example.se', { subject: 'Second for Anna', links: ['http://localhost:8787/a2'] }),
    );
  });

  const list = async (query = '') => {
    const response = await request(t.app, `/api/v1/dev/mail${query}`);
    expect(response.status).toBe(200);
    return ((await response.json()) as { items: DevMailItem[] }).items;
  };

  it('lists every message newest first, with its links', async () => {
    const items = await list();
    expect(items.map((i) => i.subject)).toEqual(['Second for Anna', 'Invitation for Bo', 'First for Anna']);
    expect(items[1]).toEqual({
      id: expect.any(String),
      kind: 'invitation',
      to: 'bo@example.se',
      subject: 'Invitation for Bo',
      text: composeMail(signInMail('').content, 'en', t.deps.config.mail.contact).text,
      links: ['http://localhost:8787/invite/b1', 'http://localhost:8787/help'],
      sentAt: '2026-11-28T09:05:00.000Z',
      deliveredAt: null,
    });
  });

  it('lists only the messages to one address, in any letter case', async () => {
    const items = await list('?to=ANNA@Example.se');
    expect(items.map((i) => [i.subject, i.links])).toEqual([
      ['Second for Anna', ['http://localhost:8787/a2']],
      ['First for Anna', ['http://localhost:8787/a1']],
    ]);
    expect(await list('?to=nobody@example.se')).toEqual([]);
  });

  it('treats an empty address as no filter and refuses one that is not an address', async () => {
    expect(await list('?to=')).toHaveLength(3);
    const response = await request(t.app, '/api/v1/dev/mail?to=not-an-address');
    expect(response.status).toBe(422);
    const body = (await response.json()) as { errors: { path: string; message: string }[] };
    expect(body.errors).toEqual([{ path: 'to', message: sv['devMail.to.invalid'] }]);
  });

  it('says when a transport delivered a message', async () => {
    const delivered: string[] = [];
    const transport: MailTransport = {
      name: 'memory',
      async send(mail) {
        delivered.push(mail.to);
      },
    };
    const t2 = await createTestApp({ mailTransport: transport });
    await sendMail(t2.deps, signInMail('cecilia@example.se'));
    const response = await request(t2.app, '/api/v1/dev/mail?to=cecilia@example.se');
    const [item] = ((await response.json()) as { items: DevMailItem[] }).items;
    expect(delivered).toEqual(['cecilia@example.se']);
    expect(item).toMatchObject({ sentAt: '2026-11-28T09:00:00.000Z', deliveredAt: '2026-11-28T09:00:00.000Z' });
  });

  it('shows a page that says it is a development tool, with clickable links, newest first', async () => {
    const response = await request(t.app, '/dev/mail');
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain(sv['devMail.notice.heading']);
    expect(html).toContain(sv['devMail.notice.body']);
    const subjects = [...html.matchAll(/<summary>([^<]+?) <span/g)].map((m) => m[1]);
    expect(subjects).toEqual(['Second for Anna', 'Invitation for Bo', 'First for Anna']);
    expect(html).toContain('<a href="http://localhost:8787/invite/b1">http://localhost:8787/invite/b1</a>');
    expect(html).toContain('<a href="http://localhost:8787/a2">');
    expect(html).toContain('<form class="filters" method="get" action="/dev/mail"');
  });

  it('filters the page by address through its GET form', async () => {
    const html = await (await request(t.app, '/dev/mail?to=bo%40example.se')).text();
    expect(html).toContain('Invitation for Bo');
    expect(html).not.toContain('for Anna');
    expect(html).toContain('value="bo@example.se"');
    expect(html).toContain('href="/dev/mail"'); // back to every address
  });

  it('is in English for an English reader', async () => {
    const html = await (await request(t.app, '/dev/mail', { headers: { 'accept-language': 'en' } })).text();
    expect(html).toContain(en['devMail.notice.body']);
  });

  it('re-renders the form with an error summary for an address that is not one', async () => {
    const response = await request(t.app, '/dev/mail?to=%3Cscript%3E');
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain('<a href="#field-to">Ange en e-postadress, till exempel namn@exempel.se.</a>');
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain('value="&lt;script&gt;"');
    expect(html).not.toContain('<script>');
  });

  it('shows a link that is not a web address as text, never as a link', async () => {
    const t2 = await createTestApp();
    await sendMail(t2.deps, signInMail('dan@example.se', { links: ['javascript:alert(1)'] }));
    const html = await (await request(t2.app, '/dev/mail')).text();
    expect(html).toContain('<li>javascript:alert(1)</li>');
    expect(html).not.toContain('href="javascript:');
  });

  it('is reachable from the footer outside production', async () => {
    expect(await (await request(t.app, '/')).text()).toContain('<a href="/dev/mail">');
  });
});

describe('the development outbox in production', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      config: { APP_ENV: 'production', SESSION_SECRET: 'production-secret-that-is-at-least-32-characters' },
    });
    await sendMail(t.deps, signInMail('anna@example.se'));
  });

  it('does not exist: the API answers 404 problem+json without any message', async () => {
    const response = await request(t.app, '/api/v1/dev/mail?to=anna@example.se');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.text()).not.toContain('sign-in/abc123');
  });

  it('does not exist: the page answers 404 and shows no message', async () => {
    const response = await request(t.app, '/dev/mail');
    expect(response.status).toBe(404);
    const html = await response.text();
    expect(html).toContain(sv['error.notFound.title']);
    expect(html).not.toContain('sign-in/abc123');
  });

  it('is not linked from the footer', async () => {
    expect(await (await request(t.app, '/')).text()).not.toContain('/dev/mail');
  });
});
