import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root folder. */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** A published (non-private) package of the workspace. */
export interface PublishedPackage {
  readonly name: string;
  readonly folder: string;
  readonly version: string;
}

/** The packages under packages/ that are published to npm. */
export function publishedPackages(): PublishedPackage[] {
  const packagesDir = join(repoRoot, 'packages');
  return readdirSync(packagesDir)
    .map((entry) => join(packagesDir, entry))
    .map((folder) => ({
      folder,
      manifest: JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')),
    }))
    .filter(({ manifest }) => manifest.private !== true)
    .map(({ folder, manifest }) => ({ name: manifest.name, folder, version: manifest.version }));
}

/** Runs a command, returning its standard output; throws with its output when it fails. */
export function run(
  command: string,
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
): string {
  try {
    return execFileSync(command, args, {
      cwd,
      env: { ...process.env, ...env },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(
      `${command} ${args.join(' ')} failed in ${cwd}:\n${stdout ?? ''}\n${stderr ?? ''}`,
    );
  }
}

/**
 * Copies the repository's files (tracked and new, not ignored) to a scratch folder, so a
 * test can change them freely, and installs its dependencies there from the local store.
 */
export function scratchCopyOfRepo(): string {
  const scratch = mkdtempSync(join(tmpdir(), 'sfn-callback-repo-'));
  const files = run(
    'git',
    ['ls-files', '--cached', '--others', '--exclude-standard', '-z'],
    repoRoot,
  )
    .split('\0')
    .filter(Boolean);
  for (const file of files) {
    const target = join(scratch, file);
    mkdirSync(dirname(target), { recursive: true });
    try {
      cpSync(join(repoRoot, file), target);
    } catch (error) {
      // A file deleted in the work tree but still tracked: skip it.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  // From the store this machine already has: no download, no install scripts.
  run('pnpm', ['install', '--offline', '--frozen-lockfile', '--ignore-scripts'], scratch);
  return scratch;
}
