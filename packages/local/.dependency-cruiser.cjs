/**
 * The one rule of local's arrows (see the map at the top of README.md), checked by
 * `pnpm lint`: imports go one way, from the wiring (runner/, cli/) down to the parts and the
 * model; nothing imports the wiring back, and the browser console shares only model/.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import circle: the two folders cannot be understood nor changed apart.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'runner-is-wiring',
      severity: 'error',
      comment:
        'src/runner/ composes the parts; only the CLI and the package index may import it. A part that needs the runner takes an interface (e.g. http/execution-host.ts) instead.',
      from: {
        path: '^src/',
        pathNot: ['^src/runner/', '^src/cli/', '^src/cli\\.ts$', '^src/index\\.ts$'],
      },
      to: { path: '^src/runner/' },
    },
    {
      name: 'model-imports-nothing-of-local',
      severity: 'error',
      comment: 'src/model/ is the vocabulary every part shares: it depends on no other part.',
      from: { path: '^src/model/' },
      to: { path: '^(src|console)/', pathNot: '^src/model/' },
    },
    {
      name: 'browser-console-shares-only-the-model',
      severity: 'error',
      comment:
        'console/src runs in the browser: of the server side it may import only src/model/ (wire types, token redaction).',
      from: { path: '^console/src/' },
      to: { path: '^src/', pathNot: '^src/model/' },
    },
    {
      name: 'browser-console-no-node',
      severity: 'error',
      comment: 'console/src runs in the browser: no Node built-ins, also not through src/model/.',
      from: { path: '^(console/src|src/model)/' },
      to: { dependencyTypes: ['core'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['node_modules', '^dist/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
