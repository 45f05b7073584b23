import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The README's jest lines are the ones the package's jest test runs and its typecheck
// compiles: each block must appear, as written, in that file.

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const readme = read('README.md');
const block = (language: string, containing: string) =>
  [...readme.matchAll(new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\`\`\``, 'g'))]
    .map((match) => match[1] ?? '')
    .find((code) => code.includes(containing));

describe("the README's jest lines", () => {
  it('are the lines the jest test runs', () => {
    const lines = block('js', 'expect.extend(stateMachineMatchers)');
    expect(lines).toBeDefined();
    expect(read('tests/jest/callback.jest.test.cjs')).toContain(lines);
  });

  it('declare the types as the type-checked file does', () => {
    const declaration = block('ts', 'namespace jest');
    expect(declaration).toBeDefined();
    expect(read('tests/jest/matchers-types.ts')).toContain(declaration);
  });
});
