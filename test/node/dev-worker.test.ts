import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DevWorkerUsageError, devWorkerOptions } from '../../scripts/dev-worker-options.ts';

/**
 * Issue 15, item 7: `npm run dev:worker -- --port N` served on N while PUBLIC_URL stayed
 * http://localhost:8787, so mailed sign-in links pointed at the wrong port. The script's argument
 * handling; starting wrangler itself is covered by test/node/worker-smoke.test.ts.
 */
describe('npm run dev:worker', () => {
  it('runs scripts/dev-worker.ts', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts['dev:worker']).toContain('scripts/dev-worker.ts');
  });

  it('serves on 8787 with PUBLIC_URL http://localhost:8787 when no port is given', () => {
    expect(devWorkerOptions([], {})).toEqual({
      port: 8787,
      publicUrl: 'http://localhost:8787',
      devArgs: ['dev', '--port', '8787', '--var', 'PUBLIC_URL:http://localhost:8787'],
    });
  });

  it('takes --port N, --port=N or PORT, and points PUBLIC_URL at that port', () => {
    for (const [args, env] of [
      [['--port', '8799'], {}],
      [['--port=8799'], {}],
      [[], { PORT: '8799' }],
      [['--port', '8799'], { PORT: '9000' }],
    ] as const) {
      const options = devWorkerOptions(args, env);
      expect(options.port, JSON.stringify({ args, env })).toBe(8799);
      expect(options.devArgs).toEqual(['dev', '--port', '8799', '--var', 'PUBLIC_URL:http://localhost:8799']);
    }
  });

  it('passes other arguments on to wrangler dev after its own, so an explicit --var PUBLIC_URL still wins', () => {
    expect(
      devWorkerOptions(['--ip', '0.0.0.0', '--port', '8800', '--var', 'PUBLIC_URL:https://x.example'], {}).devArgs,
    ).toEqual([
      'dev',
      '--port',
      '8800',
      '--var',
      'PUBLIC_URL:http://localhost:8800',
      '--ip',
      '0.0.0.0',
      '--var',
      'PUBLIC_URL:https://x.example',
    ]);
  });

  it('refuses a port that is not one, naming where it came from', () => {
    expect(() => devWorkerOptions(['--port', 'abc'], {})).toThrow(
      new DevWorkerUsageError('--port: expected a whole number between 1 and 65535 (got "abc")'),
    );
    expect(() => devWorkerOptions(['--port'], {})).toThrow(DevWorkerUsageError);
    expect(() => devWorkerOptions(['--port=70000'], {})).toThrow(/--port/);
    expect(() => devWorkerOptions([], { PORT: '0' })).toThrow(/^PORT: /);
  });
});
