import { describe, expect, it } from 'vitest';
import { defaultAssembly } from '../../src/cli/default-assembly.js';
import { parseCliArgs } from '../../src/cli/parse-args.js';

describe('the default cloud assembly (no --app)', () => {
  it('is ./cdk.out, where `cdk synth` writes: the CLI knows no app of this repository', () => {
    expect(defaultAssembly()).toBe('cdk.out');
    expect(parseCliArgs(['run']).app).toBeUndefined();
  });
});
