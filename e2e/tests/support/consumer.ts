import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { publishedPackages, run } from './repo.js';

/**
 * The oldest version of each peer dependency range the packages declare: the consumer
 * installs these, so the bottom of every range is what gets tested.
 */
export const OLDEST_PEERS = {
  'aws-cdk-lib': '2.276.0',
  constructs: '10.5.0',
  '@middy/core': '7.9.2',
  '@aws-sdk/client-sfn': '3.1164.0',
} as const;

/** A scratch npm project, outside the workspace, with the packed tarballs installed. */
export interface Consumer {
  readonly dir: string;
  readonly tarballs: Record<string, string>;
}

/**
 * Packs every published package with `pnpm pack` (which turns `workspace:` ranges into real
 * ones), then installs the tarballs with plain npm into a new folder outside the
 * workspace: no workspace links, exactly what `npm install @sfn-callback/...` gives.
 */
export function createConsumer(extraDependencies: Record<string, string>): Consumer {
  const dir = mkdtempSync(join(tmpdir(), 'sfn-callback-consumer-'));
  const tarballDir = join(dir, 'tarballs');
  mkdirSync(tarballDir);
  const tarballs: Record<string, string> = {};
  for (const pkg of publishedPackages()) {
    const packed = JSON.parse(
      run('pnpm', ['pack', '--json', '--pack-destination', tarballDir], pkg.folder),
    );
    tarballs[pkg.name] = packed.filename;
  }
  const dependencies = {
    ...Object.fromEntries(Object.entries(tarballs).map(([name, file]) => [name, `file:${file}`])),
    ...OLDEST_PEERS,
    '@types/node': '24.19.2',
    ...extraDependencies,
  };
  writeFileSync(
    join(dir, 'package.json'),
    `${JSON.stringify({ name: 'consumer', private: true, version: '1.0.0', dependencies }, null, 2)}\n`,
  );
  // --prefer-offline: packages already in npm's cache are not revalidated (faster, steadier).
  run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], dir);
  return { dir, tarballs };
}

/** Runs a script file with the Node the tests run on (the pinned Node 24). */
export function runNode(dir: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): string {
  return run(process.execPath, args, dir, env);
}
