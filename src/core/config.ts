import { z } from 'zod';
import { isIpAddress, normaliseAddress, type TrustProxy } from './client-address.ts';

/**
 * Settings, read from environment variables on Node and from vars/secrets on Workers.
 * The names and defaults are public (shared/API.md): rename none without a decision record.
 */
const booleanText = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'expected true or false' })
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const wholeNumber = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, { error: `expected a whole number between ${min} and ${max}` })
    .transform(Number)
    .pipe(
      z
        .number()
        .min(min, { error: `expected a whole number between ${min} and ${max}` })
        .max(max, { error: `expected a whole number between ${min} and ${max}` }),
    );

const emailList = z
  .string()
  .transform((text) =>
    text
      .split(',')
      .map((part) => part.trim().toLowerCase())
      .filter((part) => part.length > 0),
  )
  .pipe(z.array(z.email({ error: 'expected comma-separated e-mail addresses' })));

const TRUST_PROXY_EXPECTED =
  'expected the number of proxies in front (e.g. 1) or their comma-separated IP addresses (e.g. 127.0.0.1,::1)';

/** TRUST_PROXY: `0`/`false` none, a whole number of hops, or the proxies' addresses (src/core/client-address.ts). */
const trustProxy = z.string().transform((text, ctx): TrustProxy => {
  if (text === 'false' || text === '0') return { kind: 'none' };
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops <= 10) return { kind: 'hops', hops };
    ctx.addIssue({ code: 'custom', message: 'expected at most 10 proxies' });
    return z.NEVER;
  }
  const addresses = text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
  if (addresses.length === 0 || !addresses.every(isIpAddress)) {
    ctx.addIssue({ code: 'custom', message: TRUST_PROXY_EXPECTED });
    return z.NEVER;
  }
  return { kind: 'addresses', addresses: addresses.map(normaliseAddress) };
});

export const DEMO_ADMIN_EMAIL = 'sekretariatet@kompetensbron.example';

const rawSchema = z.object({
  PORT: wholeNumber(1, 65535).optional(),
  DATABASE_PATH: z.string().min(1, { error: 'must not be empty' }).optional(),
  APP_ENV: z
    .enum(['development', 'test', 'production'], { error: 'expected development, test or production' })
    .optional(),
  PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }).optional(),
  ADMIN_EMAILS: emailList.optional(),
  SESSION_SECRET: z
    .string()
    .min(32, { error: 'must be at least 32 characters (use e.g. `openssl rand -base64 48`)' })
    .optional(),
  SEED_DEMO: booleanText.optional(),
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'expected an smtp:// or smtps:// URL' }).optional(),
  MAIL_FROM: z.string().min(3).max(200).optional(),
  CONTACT_EMAIL: z.email({ error: 'expected an e-mail address' }).optional(),
  MAIL_API_URL: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }).optional(),
  MAIL_API_KEY: z.string().min(1).optional(),
  SESSION_IDLE_MINUTES: wholeNumber(5, 24 * 60).optional(),
  SESSION_MAX_HOURS: wholeNumber(1, 24 * 30).optional(),
  DISCLOSURE_MIN_ORGS: wholeNumber(1, 1000).optional(),
  DISCLOSURE_DOMINANCE_N: wholeNumber(1, 10).optional(),
  DISCLOSURE_DOMINANCE_K: wholeNumber(1, 100).optional(),
  DISCLOSURE_PROTECTION: wholeNumber(1, 100).optional(),
  JOBS_INTERVAL_SECONDS: wholeNumber(0, 24 * 3600).optional(),
  METRICS_TOKEN: z.string().min(16, { error: 'must be at least 16 characters' }).optional(),
  RETENTION_INACTIVE_MONTHS: wholeNumber(0, 240).optional(),
  RETENTION_MAIL_DAYS: wholeNumber(1, 3650).optional(),
  RETENTION_AUDIT_MONTHS: wholeNumber(1, 240).optional(),
  MOVE_CASE_RETENTION_MONTHS: wholeNumber(1, 240).optional(),
  MOVE_CASE_ESCALATION_EMAIL: emailList.optional(),
  CROSS_BORDER_KOMMUNER: z
    .string()
    .transform((text) =>
      text
        .split(',')
        .map((part) => part.trim())
        .filter((part) => part.length > 0),
    )
    .pipe(z.array(z.string().regex(/^\d{4}$/, { error: 'expected comma-separated four-digit kommun codes' })))
    .optional(),
  TRUST_PROXY: trustProxy.optional(),
});

export type AppEnvironment = 'development' | 'test' | 'production';

export interface Config {
  port: number;
  databasePath: string;
  appEnv: AppEnvironment;
  publicUrl: string;
  adminEmails: string[];
  /** Absent outside production until a runtime supplies a generated one. */
  sessionSecret: string | undefined;
  seedDemo: boolean;
  smtpUrl: string | undefined;
  /**
   * `contact`: the address every mail's signature names for questions (the secretariat's shared
   * mailbox, CONTACT_EMAIL); by default the first ADMIN_EMAILS address.
   */
  mail: { from: string; contact: string; apiUrl: string | undefined; apiKey: string | undefined };
  session: { idleMinutes: number; maxHours: number };
  /**
   * The disclosure rules (decision 0008) and the protection a hidden cell keeps against everything
   * published together: the attacker's interval reaches `protectionPercent` % either side (0020).
   */
  disclosure: { minOrganisations: number; dominanceN: number; dominanceK: number; protectionPercent: number };
  /** Node: seconds between scheduled runs in the server process; 0 turns the timer off. */
  jobsIntervalSeconds: number;
  /** Bearer token for GET /metrics; unset: /metrics answers 404. */
  metricsToken: string | undefined;
  /** Retention limits (scheduled work); inactiveMonths 0 keeps inactive people. */
  retention: { inactiveMonths: number; mailDays: number; auditMonths: number };
  /**
   * Move cases (src/recruitment, decision 0027): a closed case's personal details are erased
   * `retentionMonths` after it closed; a task stalled 10 days past due is mailed to `escalationEmails`
   * (the secretariat's contact; by default the ADMIN_EMAILS addresses).
   */
  moveCases: { retentionMonths: number; escalationEmails: string[] };
  /**
   * The kommuner (SCB codes) the region counts as border kommuner, where a shared post's proposal adds
   * the cross-border telework note even for on-site work (decision 0035); none by default.
   */
  crossBorderKommuner: string[];
  /** Whose X-Forwarded-For names the client; unset: nobody's (the peer is the client). */
  trustProxy: TrustProxy;
}

export class ConfigError extends Error {
  constructor(readonly problems: { setting: string; message: string }[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p.setting}: ${p.message}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads the settings from a plain record of strings; empty strings count as unset. */
export function loadConfig(source: Record<string, unknown>): Config {
  const present: Record<string, unknown> = {};
  for (const key of Object.keys(rawSchema.shape)) {
    const value = source[key];
    if (typeof value === 'string' && value.trim() !== '') present[key] = value.trim();
    else if (value !== undefined && value !== '' && typeof value !== 'string') present[key] = value;
  }
  const parsed = rawSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const setting = String(issue.path[0] ?? '(settings)');
        const given = present[setting];
        const shown = setting === 'SESSION_SECRET' || given === undefined ? '' : ` (got "${String(given)}")`;
        return { setting, message: `${issue.message}${shown}` };
      }),
    );
  }
  const raw = parsed.data;
  const appEnv = raw.APP_ENV ?? 'development';
  const problems: { setting: string; message: string }[] = [];
  if (appEnv === 'production' && raw.SESSION_SECRET === undefined) {
    problems.push({ setting: 'SESSION_SECRET', message: 'is required when APP_ENV is production' });
  }
  if (raw.MAIL_API_URL !== undefined && raw.MAIL_API_KEY === undefined) {
    problems.push({ setting: 'MAIL_API_KEY', message: 'is required when MAIL_API_URL is set' });
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const port = raw.PORT ?? 8787;
  const adminEmails = raw.ADMIN_EMAILS ?? (appEnv === 'production' ? [] : [DEMO_ADMIN_EMAIL]);
  return {
    port,
    databasePath: raw.DATABASE_PATH ?? 'data/kompetensbron.db',
    appEnv,
    publicUrl: (raw.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    adminEmails,
    sessionSecret: raw.SESSION_SECRET,
    seedDemo: raw.SEED_DEMO ?? appEnv === 'development',
    smtpUrl: raw.SMTP_URL,
    mail: {
      from: raw.MAIL_FROM ?? 'Kompetensbron <no-reply@kompetensbron.example>',
      contact: raw.CONTACT_EMAIL?.toLowerCase() ?? adminEmails[0] ?? DEMO_ADMIN_EMAIL,
      apiUrl: raw.MAIL_API_URL,
      apiKey: raw.MAIL_API_KEY,
    },
    session: { idleMinutes: raw.SESSION_IDLE_MINUTES ?? 120, maxHours: raw.SESSION_MAX_HOURS ?? 12 },
    disclosure: {
      minOrganisations: raw.DISCLOSURE_MIN_ORGS ?? 3,
      dominanceN: raw.DISCLOSURE_DOMINANCE_N ?? 2,
      dominanceK: raw.DISCLOSURE_DOMINANCE_K ?? 85,
      protectionPercent: raw.DISCLOSURE_PROTECTION ?? 25,
    },
    jobsIntervalSeconds: raw.JOBS_INTERVAL_SECONDS ?? 300,
    metricsToken: raw.METRICS_TOKEN,
    retention: {
      inactiveMonths: raw.RETENTION_INACTIVE_MONTHS ?? 24,
      mailDays: raw.RETENTION_MAIL_DAYS ?? 90,
      auditMonths: raw.RETENTION_AUDIT_MONTHS ?? 36,
    },
    moveCases: {
      retentionMonths: raw.MOVE_CASE_RETENTION_MONTHS ?? 24,
      escalationEmails:
        raw.MOVE_CASE_ESCALATION_EMAIL ?? raw.ADMIN_EMAILS ?? (appEnv === 'production' ? [] : [DEMO_ADMIN_EMAIL]),
    },
    crossBorderKommuner: raw.CROSS_BORDER_KOMMUNER ?? [],
    trustProxy: raw.TRUST_PROXY ?? { kind: 'none' },
  };
}
