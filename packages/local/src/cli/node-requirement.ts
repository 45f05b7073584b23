/**
 * Which Node runs the CLI, checked before anything else loads: the store is `node:sqlite`,
 * built in without a flag from Node 22.13 on the 22 line and from 23.4 on the 23 line. On
 * an older Node, loading it fails far from the cause (`Cannot read properties of undefined
 * (reading 'DatabaseSync')` on Node 20), so the entry says which Node is needed instead.
 *
 * This module imports nothing: the entry loads it before the rest of the CLI.
 */

/** The `engines.node` range of package.json, which a test keeps equal to this one. */
export const NODE_ENGINES_RANGE = '^22.13.0 || >=23.4.0';

/** The oldest minor of each Node line that has `node:sqlite` without a flag. */
const OLDEST_SUPPORTED: readonly (readonly [major: number, minor: number])[] = [
  [22, 13],
  [23, 4],
];

/** Whether `version` (as `process.versions.node` gives it: `22.13.0`) can run the CLI. */
export function nodeRunsCli(version: string): boolean {
  const [major = 0, minor = 0] = version.split('.').map((part) => Number.parseInt(part, 10));
  if (major > 23) return true;
  const oldest = OLDEST_SUPPORTED.find(([line]) => line === major);
  return oldest !== undefined && minor >= oldest[1];
}

/**
 * The line the CLI prints when `version` cannot run it: what is needed, what was found
 * (and where, `execPath`), and what to do. Undefined when the version can run it.
 */
export function unsupportedNodeMessage(version: string, execPath: string): string | undefined {
  if (nodeRunsCli(version)) return undefined;
  return (
    `sfn-callback-local: needs Node.js 22.13 or later (its store is node:sqlite), found ${version} at ${execPath}: ` +
    'install Node 22.13+ or 24 LTS (nvm install 24, or your package manager) and run it with that node'
  );
}
