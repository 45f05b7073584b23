/**
 * Vitest global setup: fail the run when tests execute on a Node major other than the
 * pinned one. The system Node of our machines is 20 (end of life); the repository brings
 * Node 24 as the `node` devDependency, and `pnpm run` puts it first on PATH. A run on
 * another major means that pinning broke, and its results would not hold on Lambda's
 * nodejs24.x.
 */
const EXPECTED_MAJOR = 24;

export default function assertNodeMajor(): void {
  const major = Number(process.versions.node.split('.')[0]);
  if (major !== EXPECTED_MAJOR) {
    throw new Error(
      `Tests must run on Node ${EXPECTED_MAJOR}, found ${process.versions.node} (${process.execPath}). ` +
        'Run them through pnpm (`pnpm test`), which puts the pinned Node 24 from node_modules/.bin first on PATH.',
    );
  }
}
