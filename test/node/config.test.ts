import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEMO_ADMIN_EMAIL, loadConfig } from '../../src/core/config.ts';

function problemsOf(source: Record<string, string>) {
  try {
    loadConfig(source);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe('configuration', () => {
  it('uses the documented defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 8787,
      databasePath: 'data/kompetensbron.db',
      appEnv: 'development',
      publicUrl: 'http://localhost:8787',
      adminEmails: [DEMO_ADMIN_EMAIL],
      seedDemo: true,
      smtpUrl: undefined,
      disclosure: { minOrganisations: 3, dominanceN: 2, dominanceK: 85 },
    });
  });

  it('does not seed demo data or name a demo secretariat outside development', () => {
    const config = loadConfig({ APP_ENV: 'test' });
    expect(config.seedDemo).toBe(false);
    expect(loadConfig({ APP_ENV: 'production', SESSION_SECRET: 'x'.repeat(40) }).adminEmails).toEqual([]);
  });

  it('refuses a port that is not a number and names the setting', () => {
    const problems = problemsOf({ PORT: 'abc' });
    expect(problems).toHaveLength(1);
    expect(problems[0]?.setting).toBe('PORT');
    expect(problems[0]?.message).toContain('"abc"');
  });

  it('lists every bad setting at once', () => {
    const settings = problemsOf({ PORT: '70000', APP_ENV: 'staging', SEED_DEMO: 'maybe', PUBLIC_URL: 'not a url' }).map(
      (p) => p.setting,
    );
    expect(settings.sort()).toEqual(['APP_ENV', 'PORT', 'PUBLIC_URL', 'SEED_DEMO']);
  });

  it('requires a session secret in production', () => {
    expect(problemsOf({ APP_ENV: 'production' })).toEqual([
      { setting: 'SESSION_SECRET', message: 'is required when APP_ENV is production' },
    ]);
  });

  it('never echoes the session secret in its message', () => {
    const problems = problemsOf({ SESSION_SECRET: 'short-secret' });
    expect(problems[0]?.setting).toBe('SESSION_SECRET');
    expect(problems[0]?.message).not.toContain('short-secret');
  });

  it('reads admin addresses as a lower-cased comma-separated list', () => {
    expect(loadConfig({ ADMIN_EMAILS: ' A@Region.se, b@region.se ,' }).adminEmails).toEqual([
      'a@region.se',
      'b@region.se',
    ]);
    expect(problemsOf({ ADMIN_EMAILS: 'a@region.se, not-an-address' })[0]?.setting).toBe('ADMIN_EMAILS');
  });

  it('reads the disclosure parameters, with the protection a hidden figure keeps', () => {
    const config = loadConfig({
      DISCLOSURE_MIN_ORGS: '5',
      DISCLOSURE_DOMINANCE_N: '1',
      DISCLOSURE_DOMINANCE_K: '70',
      DISCLOSURE_PROTECTION: '30',
    });
    expect(config.disclosure).toEqual({ minOrganisations: 5, dominanceN: 1, dominanceK: 70, protectionPercent: 30 });
    expect(loadConfig({}).disclosure.protectionPercent).toBe(25);
    expect(problemsOf({ DISCLOSURE_DOMINANCE_K: '120' })[0]?.setting).toBe('DISCLOSURE_DOMINANCE_K');
    expect(problemsOf({ DISCLOSURE_PROTECTION: '0' })[0]?.setting).toBe('DISCLOSURE_PROTECTION');
  });

  it('trusts no forwarding header unless TRUST_PROXY says so, and reads it as a hop count or proxy addresses', () => {
    expect(loadConfig({}).trustProxy).toEqual({ kind: 'none' });
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toEqual({ kind: 'none' });
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toEqual({ kind: 'hops', hops: 1 });
    expect(loadConfig({ TRUST_PROXY: ' 127.0.0.1, ::1 ,::FFFF:10.0.0.2' }).trustProxy).toEqual({
      kind: 'addresses',
      addresses: ['127.0.0.1', '::1', '10.0.0.2'],
    });
  });

  it('refuses a TRUST_PROXY that is neither a hop count nor addresses, naming the setting', () => {
    for (const value of ['true', '127.0.0.1, proxy.example.org', '10.0.0.0/8', '11']) {
      const problems = problemsOf({ TRUST_PROXY: value });
      expect(problems, value).toHaveLength(1);
      expect(problems[0]?.setting).toBe('TRUST_PROXY');
      expect(problems[0]?.message).toContain(`"${value}"`);
    }
  });

  it('stops the Node server at start with a message naming a bad setting', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      env: { ...process.env, PORT: 'abc', DATABASE_PATH: ':memory:' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('PORT');
    expect(result.stderr).toContain('did not start');
  });
});
