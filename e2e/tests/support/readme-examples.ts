import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './repo.js';

/** A fenced TypeScript example of a README, with the context it is compiled in. */
export interface ReadmeExample {
  /** The README, relative to the repository's root. */
  readonly readme: string;
  /** Line of the opening fence (1-based). */
  readonly line: number;
  /** The example as the README shows it. */
  readonly code: string;
  /**
   * What the example assumes without showing it (an earlier example's variables, a
   * handler's input type): the body of an HTML comment `<!-- example-context ... -->`
   * right above the fence, invisible on the rendered page. Empty when the example stands
   * on its own, which every full example must.
   */
  readonly context: string;
}

const FENCE = /^```(ts|typescript)\s*$/;
const CONTEXT_START = '<!-- example-context';

/** The READMEs users read: the root one, every package's and every app's. */
export function readmes(): string[] {
  const found = ['README.md'];
  for (const group of ['packages', 'apps']) {
    for (const entry of readdirSync(join(repoRoot, group)).sort()) {
      const readme = join(group, entry, 'README.md');
      try {
        readFileSync(join(repoRoot, readme));
        found.push(readme);
      } catch {
        // no README
      }
    }
  }
  return found;
}

/** Every fenced ```ts block of `readme`, with its context comment if it has one. */
export function examplesOf(readme: string): ReadmeExample[] {
  const lines = readFileSync(join(repoRoot, readme), 'utf8').split('\n');
  const examples: ReadmeExample[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    if (!FENCE.test(lines[i] ?? '')) continue;
    const end = lines.findIndex((l, j) => j > i && l.startsWith('```'));
    if (end < 0) throw new Error(`${readme}:${i + 1}: the code block is not closed`);
    let context = '';
    if (lines[i - 1]?.trim() === '-->') {
      const start = lines.findLastIndex((l, j) => j < i && l.startsWith(CONTEXT_START));
      if (start < 0)
        throw new Error(`${readme}:${i}: a comment above the fence is not an example-context`);
      context = lines.slice(start + 1, i - 1).join('\n');
    }
    examples.push({ readme, line: i + 1, code: lines.slice(i + 1, end).join('\n'), context });
    i = end;
  }
  return examples;
}

/**
 * How many fences open a TypeScript block in `readme`, indented ones included (to check none
 * was missed: an example indented in a list item would otherwise be neither compiled nor
 * run; put it at the start of the line).
 */
export function countTsFences(readme: string): number {
  return readFileSync(join(repoRoot, readme), 'utf8')
    .split('\n')
    .filter((l) => /^\s*```(ts|typescript)\s*$/.test(l)).length;
}
