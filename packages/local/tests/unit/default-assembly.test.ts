import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultAssembly } from '../../src/cli/default-assembly.js';

describe('the default cloud assembly (no --app)', () => {
  const dirs: string[] = [];
  const dir = (...assemblies: string[]) => {
    const root = mkdtempSync(join(tmpdir(), 'sfn-local-default-'));
    dirs.push(root);
    for (const assembly of assemblies) {
      mkdirSync(join(root, assembly), { recursive: true });
      writeFileSync(join(root, assembly, 'manifest.json'), '{}');
    }
    return root;
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it("is ./cdk.out in a CDK app, else from the repository's root the example's, else cdk.out", () => {
    expect(defaultAssembly(dir('cdk.out', 'apps/callback-example/cdk.out'))).toBe('cdk.out');
    expect(defaultAssembly(dir('apps/callback-example/cdk.out'))).toBe(
      join('apps', 'callback-example', 'cdk.out'),
    );
    expect(defaultAssembly(dir())).toBe('cdk.out');
  });
});
