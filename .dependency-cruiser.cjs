// Import rules for src/ (issue 17; docs/decisions/0021-architecture-check.md).
// Run with `npm run check:architecture` (scripts/check-architecture.ts), which cruises every file of
// src/, checks these rules and the folder cycles, and fails on violations that
// .dependency-cruiser-known-violations.json does not list and on listed ones that are gone (update the
// list then): known violations may only go down.
//
// dependency-cruiser 17 parses .ts with the TypeScript compiler API only for TypeScript < 7; with our
// TypeScript 7 it falls back to acorn (loose), which reads the import statements as they are written:
// type-only imports count as imports, which is what these rules want. The check script proves on
// every run that no import statement of src/ is missing from the graph.
//
// `npx depcruise "src/**/*.ts" --config .dependency-cruiser.cjs -T err` works for exploring; the
// baseline names packages as imported (`hono`), which depcruise's own --ignore-known does not match.

/** Feature folders: each may be used by another feature only through its index.ts. */
const features = [
  'audit',
  'demand',
  'education',
  'health',
  'home',
  'identity',
  'jobs',
  'mail',
  'organisations',
  'placements',
  'plans',
  'privacy',
  'publication',
  'surveys',
  'taxonomy',
];
// Not features (shared infrastructure and the app shell; the feature rule does not apply to them):
// core/ (Scope, domain errors), db/, cache/ (cached values under data_versions), i18n/ (messages,
// translation), http/, web/ (the page shell: rendering, forms, the error page), openapi/, node/,
// seed/ and the files at the top of src/ (app.ts, deps.ts, config.ts, server.ts, worker.ts, worker-deps.ts).
const feature = `^src/(${features.join('|')})/`;

/** `hono`, `hono/*` and `@hono/*`, resolved (node_modules/…) or not (a bare name). */
const honoModules = ['(^|/)node_modules/(hono|@hono/[^/]+)/', '^(hono|@hono/[^/]+)(/|$)'];

/**
 * Files that may know Hono: route and page handlers (a file named routes.ts or pages.ts, in a
 * feature or sub-feature folder) and the app shell that turns requests into calls and answers.
 */
const honoAllowed = [
  '(^|/)(routes|pages)\\.ts$',
  '^src/app\\.ts$',
  // AppEnv, the type of the app's request context (its variables), and how a runtime reads a peer address.
  '^src/deps\\.ts$',
  '^src/server\\.ts$',
  '^src/worker[^/]*\\.ts$',
  '^src/http/',
  '^src/openapi/',
  '^src/node/',
  '^src/web/',
];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'hono-only-at-the-edge',
      severity: 'error',
      comment:
        'Only route and page handlers (routes.ts, pages.ts) and the app shell (src/app.ts, deps.ts, server.ts, ' +
        'worker*.ts, http/, openapi/, node/, web/) import hono, hono/* or ' +
        '@hono/*; type-only imports count. Logic takes a Scope and input, never the request ' +
        '(issue 17, STYLE.md 3).',
      from: { path: '^src/', pathNot: [...honoAllowed, '(^|/)schemas\\.ts$'] },
      to: { path: honoModules },
    },
    {
      name: 'hono-only-at-the-edge',
      severity: 'error',
      comment:
        'A schemas.ts may take zod from @hono/zod-openapi (route schemas feed the OpenAPI document), ' +
        'but nothing else of Hono.',
      from: { path: '(^|/)schemas\\.ts$', pathNot: honoAllowed },
      to: { path: honoModules, pathNot: '(^|/)@hono/zod-openapi(/|$)' },
    },
    {
      name: 'feature-public-surface',
      severity: 'error',
      comment:
        "A feature uses another feature only through that feature's index.ts, so that a feature's " +
        'files can move and change behind its public surface (issue 17, STYLE.md 2-3). Within a ' +
        'feature (and its sub-feature folders) files import each other freely.',
      from: { path: feature },
      to: { path: feature, pathNot: ['^src/$1/', '^src/[^/]+/index\\.ts$'] },
    },
    // no-folder-cycles: top-level folders of src/ must not import each other in a circle. A
    // dependency-cruiser rule can say this only with `scope: 'folder'`, which works on every folder
    // level (src/plans/sections apart from src/plans) and which its known-violations baseline does
    // not soften yet (17.4.3), so scripts/check-architecture.ts checks it on the same graph: every
    // import from one top-level folder to another that lies on a cycle of folders is a violation.
  ],
  options: {
    moduleSystems: ['es6'],
    doNotFollow: { path: 'node_modules' },
    // node_modules may be a symlink (worktrees share one install): keep the path inside the repo.
    preserveSymlinks: true,
    parser: 'acorn',
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
  },
};
