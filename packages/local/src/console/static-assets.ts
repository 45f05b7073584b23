import { existsSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.map': 'application/json; charset=utf-8',
};

/** A file of the console's build, ready to send. */
export interface StaticAsset {
  readonly body: Buffer;
  readonly type: string;
}

/**
 * Where the console's browser build is: `dist/console/` beside the bundled server code
 * (`dist/cli.js`, `dist/index.js`), or — running from the sources, in tests — the package's
 * `dist/console/` (the package must be built).
 */
export function consoleAssetDirectory(moduleUrl: string = import.meta.url): string {
  const here = fileURLToPath(new URL('.', moduleUrl));
  const candidates = [join(here, 'console'), join(here, '..', '..', 'dist', 'console')];
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? (candidates[0] as string);
}

/**
 * The console's files (index.html, console.js, console.css), read once from
 * {@link consoleAssetDirectory}: served from the package itself, no network needed.
 */
export class StaticAssets {
  readonly #directory: string;
  readonly #cache = new Map<string, StaticAsset | undefined>();

  constructor(directory: string = consoleAssetDirectory()) {
    this.#directory = directory;
  }

  /** The file `name` (a bare file name), or undefined. */
  get(name: string): StaticAsset | undefined {
    if (!/^[a-z0-9][a-z0-9._-]*$/i.test(name) || name.includes('..')) return undefined;
    if (!this.#cache.has(name)) {
      const path = join(this.#directory, name);
      const type = TYPES[extname(name)];
      this.#cache.set(
        name,
        type && existsSync(path) ? { body: readFileSync(path), type } : undefined,
      );
    }
    return this.#cache.get(name);
  }
}
