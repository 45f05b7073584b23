import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, run, scratchCopyOfRepo } from './support/repo.js';

// Releases are cut by `changeset version` (root script `version-packages`). This test runs
// it on a scratch copy of the repository with one known changeset, and checks what a release
// would publish: versions, internal dependency ranges, changelogs, and the private app left
// alone.

let scratch: string;

function manifest(
  folder: string,
): Record<string, Record<string, string> & unknown> & { version: string } {
  return JSON.parse(readFileSync(join(scratch, folder, 'package.json'), 'utf8'));
}

beforeAll(() => {
  scratch = scratchCopyOfRepo();
  // Start from no pending changesets, so the expectations do not depend on today's queue.
  for (const file of run('git', ['ls-files', '--others', '--cached', '.changeset'], repoRoot).split(
    '\n',
  )) {
    if (file.endsWith('.md') && !file.endsWith('README.md'))
      rmSync(join(scratch, file), { force: true });
  }
  const git = (...args: string[]) => run('git', args, scratch);
  git('init', '-q', '-b', 'main');
  git('-c', 'user.email=test@example.com', '-c', 'user.name=test', 'add', '-A');
  git('-c', 'user.email=test@example.com', '-c', 'user.name=test', 'commit', '-qm', 'base');
  git('checkout', '-q', '-b', 'feature');
  writeFileSync(
    join(scratch, '.changeset/brave-tokens-sing.md'),
    '---\n"@sfn-callback/task-token": minor\n---\n\nAdd a shiny new option.\n',
  );
  git('-c', 'user.email=test@example.com', '-c', 'user.name=test', 'add', '-A');
  git('-c', 'user.email=test@example.com', '-c', 'user.name=test', 'commit', '-qm', 'changeset');
});

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('releases with changesets', () => {
  it('`changeset status` lists the bump and the dependents it pulls along, and not the private app', () => {
    run('pnpm', ['exec', 'changeset', 'status', '--since=main', '--output=status.json'], scratch);
    const status = JSON.parse(readFileSync(join(scratch, 'status.json'), 'utf8')) as {
      releases: Array<{ name: string; type: string; newVersion: string }>;
    };
    const byName = Object.fromEntries(status.releases.map((r) => [r.name, r]));
    expect(byName['@sfn-callback/task-token']).toMatchObject({
      type: 'minor',
      newVersion: '0.1.0',
    });
    // Packages that depend on task-token get a patch release with the new range. The cdk
    // package bundles the few constants it takes from task-token (so that its tarball
    // installs alone): a change to those constants needs a changeset for cdk too.
    expect(byName['@sfn-callback/middy-sqs']).toMatchObject({ type: 'patch', newVersion: '0.0.1' });
    // local takes token redaction from its own model module and uses task-token only in a
    // test (a devDependency): no release for it.
    expect(byName['@sfn-callback/local']?.type ?? 'none').toBe('none');
    // Private packages are listed with type "none": never versioned, never published.
    for (const privatePackage of ['callback-example', 'e2e-tests']) {
      expect(byName[privatePackage]).toMatchObject({ type: 'none', newVersion: '0.0.0' });
    }
  });

  it('`changeset version` bumps versions, keeps internal ranges and writes changelogs', () => {
    run('pnpm', ['exec', 'changeset', 'version'], scratch);
    expect(manifest('packages/task-token').version).toBe('0.1.0');
    expect(manifest('packages/middy-sqs').version).toBe('0.0.1');
    // The workspace protocol stays in the sources; pnpm turns it into ^0.1.0 when packing.
    expect(manifest('packages/middy-sqs').dependencies).toMatchObject({
      '@sfn-callback/task-token': 'workspace:^',
    });
    expect(manifest('apps/callback-example').version).toBe('0.0.0');
    expect(existsSync(join(scratch, 'apps/callback-example/CHANGELOG.md'))).toBe(false);

    const taskTokenLog = readFileSync(join(scratch, 'packages/task-token/CHANGELOG.md'), 'utf8');
    expect(taskTokenLog).toMatch(
      /^# @sfn-callback\/task-token\n\n## 0\.1\.0\n\n### Minor Changes\n/,
    );
    expect(taskTokenLog).toContain('Add a shiny new option.');
    const middyLog = readFileSync(join(scratch, 'packages/middy-sqs/CHANGELOG.md'), 'utf8');
    expect(middyLog).toMatch(
      /## 0\.0\.1\n\n### Patch Changes\n\n- Updated dependencies[\s\S]*@sfn-callback\/task-token@0\.1\.0/,
    );
    expect(existsSync(join(scratch, '.changeset/brave-tokens-sing.md'))).toBe(false);
  });

  it('packing the bumped package turns the workspace range into a real one', () => {
    const packed = run(
      'pnpm',
      ['pack', '--json', '--pack-destination', scratch],
      join(scratch, 'packages/middy-sqs'),
    );
    const tarball = JSON.parse(packed).filename as string;
    const packageJson = run('tar', ['-xzOf', tarball, 'package/package.json'], scratch);
    expect(JSON.parse(packageJson).dependencies['@sfn-callback/task-token']).toBe('^0.1.0');
  });
});
