import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishedPackages, repoRoot, run, scratchCopyOfRepo } from './support/repo.js';

// `pnpm pack` (and `pnpm publish`) on a fresh clone, before any build: each package's
// `prepack` script must build it (and the workspace packages it depends on), never pack an
// empty package. The scratch copy has no dist/ folder: ignored files are not copied.

let scratch: string;

beforeAll(() => {
  scratch = scratchCopyOfRepo();
});

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('pnpm pack on a clone that was not built', () => {
  it('the scratch clone has no build to start with', () => {
    for (const pkg of publishedPackages()) {
      const folder = join(scratch, pkg.folder.slice(repoRoot.length));
      expect(readdirSync(folder)).not.toContain('dist');
    }
  });

  it.each(publishedPackages().map((p) => [p.name, p.folder.slice(repoRoot.length)]))(
    '%s: the tarball holds the build',
    (_name, folder) => {
      const out = run(
        'pnpm',
        ['pack', '--json', '--pack-destination', scratch],
        join(scratch, folder),
      );
      const packed = JSON.parse(out) as { filename: string; files: Array<{ path: string }> };
      const files = packed.files.map((f) => f.path);
      expect(files).toEqual(expect.arrayContaining(['dist/index.js', 'dist/index.d.ts']));
    },
  );
});
