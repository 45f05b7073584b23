/**
 * Builds the console's browser code (console/src, plain TypeScript, @dagrejs/dagre and CodeMirror)
 * into dist/console/: one ES module bundle, its stylesheet and its page. No CDN, nothing
 * fetched at run time: `serve` sends these files from the package.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = `${root}dist/console`;
mkdirSync(out, { recursive: true });
await build({
  entryPoints: [`${root}console/src/main.ts`],
  outfile: `${out}/console.js`,
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: ['chrome120', 'firefox120', 'safari17'],
  minify: true,
  sourcemap: true,
  legalComments: 'linked',
  logLevel: 'warning',
});
copyFileSync(`${root}console/index.html`, `${out}/index.html`);
copyFileSync(`${root}console/console.css`, `${out}/console.css`);
