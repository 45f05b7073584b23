import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';

// The README's example, run as written (through the package's own name, so against the
// built package a user installs), its printed lines compared with the comments under each
// console.log.

const packageDir = new URL('../../', import.meta.url);
const readme = readFileSync(new URL('README.md', packageDir), 'utf8');
const example = /## Example\n\n```ts\n([\s\S]*?)```/.exec(readme)?.[1];
const file = fileURLToPath(new URL(`.readme-example-${process.pid}.ts`, packageDir));

/** The text the README says each console.log prints: the comment lines right after it. */
function promisedOutput(code: string): string[] {
  const lines = code.split('\n');
  const outputs: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i]?.startsWith('console.log(')) continue;
    const said: string[] = [];
    while (lines[i + 1]?.startsWith('// ')) said.push((lines[++i] as string).slice(3));
    outputs.push(said.join(' '));
  }
  return outputs;
}

afterAll(() => rmSync(file, { force: true }));

describe('the README example', () => {
  it('is there, with the output it promises', () => {
    expect(example).toBeDefined();
    expect(promisedOutput(example ?? '')).toHaveLength(2);
  });

  it('runs and prints what it says', async () => {
    writeFileSync(file, example ?? '');
    const printed: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
      printed.push(args.map(String).join(' '));
    });
    try {
      await import(/* @vite-ignore */ file);
    } finally {
      log.mockRestore();
    }
    expect(printed).toEqual(promisedOutput(example ?? ''));
  });
});
