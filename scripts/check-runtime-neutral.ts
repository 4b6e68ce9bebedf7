/**
 * Fails when code that must run on Workers uses Node-only things: every file in src/ except the
 * Node entry (src/server.ts) and its adapters (src/node/) must not import `node:` modules or
 * better-sqlite3, read process.env, compile templates at runtime or open interactive transactions.
 * `wrangler deploy --dry-run` catches most of this too; this names the file and line.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const rules: { pattern: RegExp; why: string }[] = [
  { pattern: /from\s+['"]node:|require\(\s*['"]node:|import\(\s*['"]node:/, why: 'imports a node: module' },
  { pattern: /from\s+['"]better-sqlite3['"]|require\(\s*['"]better-sqlite3/, why: 'imports better-sqlite3' },
  { pattern: /\bprocess\.env\b/, why: 'reads process.env (settings come through deps.config)' },
  {
    pattern: /Handlebars\.compile\(|from\s+['"]handlebars['"]/,
    why: 'compiles templates at runtime (use the precompiled ones)',
  },
  { pattern: /\.transaction\(\s*\)/, why: 'opens an interactive transaction (use atomic([...]))' },
];

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

const exempt = (file: string) =>
  file === 'src/server.ts' || file.startsWith('src/node/') || file.startsWith('src/web/generated/');
const problems: string[] = [];
for (const path of walk(join(root, 'src'))) {
  const file = relative(root, path);
  if (!/\.(ts|js|mjs)$/.test(file) || file.endsWith('.d.ts') || exempt(file)) continue;
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((line, index) => {
      if (/^\s*(\/\/|\*|\/\*)/.test(line)) return;
      for (const rule of rules) if (rule.pattern.test(line)) problems.push(`${file}:${index + 1}: ${rule.why}`);
    });
}
if (problems.length > 0) {
  console.error(`Runtime-neutral code uses Node-only features:\n${problems.join('\n')}`);
  process.exit(1);
}
console.log('runtime-neutral check: src/ (but the Node entry and adapters) uses Web-standard APIs only');
