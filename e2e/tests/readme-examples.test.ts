import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  countTsFences,
  examplesOf,
  type ReadmeExample,
  readmes,
} from './support/readme-examples.js';
import { repoRoot, run } from './support/repo.js';

// Every ```ts example of the READMEs, compiled as a module of its own (strict, NodeNext,
// against the workspace's packages), in the context its `<!-- example-context -->` comment
// gives, if any. The examples that run on one machine are run too.

const tsc = join(repoRoot, 'node_modules/typescript/bin/tsc');
// Inside e2e/, so that the examples' imports resolve to e2e's dependencies.
const dir = join(repoRoot, 'e2e', '.readme-examples');
const examples: ReadmeExample[] = readmes().flatMap(examplesOf);
const fileOf = (e: ReadmeExample) =>
  `${e.readme.replace(/\/README\.md$|\.md$/, '').replaceAll('/', '-')}-line-${e.line}.mts`;
const diagnostics = new Map<string, string[]>();

beforeAll(() => {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const example of examples) {
    const contextLines = example.context === '' ? 0 : example.context.split('\n').length;
    writeFileSync(
      join(dir, fileOf(example)),
      // The context first; the example's own lines keep their README line numbers in errors.
      `${example.context}${contextLines ? '\n' : ''}${example.code}\nexport {};\n`,
    );
  }
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        target: 'ES2023',
        lib: ['ES2023', 'DOM'],
        strict: true,
        noEmit: true,
        // skipLibCheck: false is tested on the tarballs (consumers.test.ts).
        skipLibCheck: true,
        types: ['node'],
      },
      include: ['*.mts'],
    }),
  );
  let output = '';
  try {
    execFileSync(process.execPath, [tsc, '-p', dir, '--pretty', 'false'], {
      cwd: dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    output = String((error as { stdout?: string }).stdout ?? error);
  }
  for (const line of output.split('\n')) {
    const match = /^([^(]+)\((\d+),\d+\): (error .*)$/.exec(line);
    if (!match) continue;
    const [, file = '', , message = ''] = match;
    const list = diagnostics.get(file) ?? [];
    list.push(`${file}:${match[2]}: ${message}`);
    diagnostics.set(file, list);
  }
}, 120_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('README examples', () => {
  it('every ```ts block of every README is found', () => {
    for (const readme of readmes()) {
      expect(examplesOf(readme).length, readme).toBe(countTsFences(readme));
    }
    expect(examples.length).toBeGreaterThanOrEqual(12);
  });

  it.each(examples.map((e) => [`${e.readme}:${e.line}`, e] as const))(
    '%s compiles',
    (_where, example) => {
      expect(diagnostics.get(fileOf(example)) ?? []).toEqual([]);
    },
  );

  it('no diagnostic is outside the examples', () => {
    const files = new Set(readdirSync(dir));
    expect([...diagnostics.keys()].filter((f) => !files.has(f))).toEqual([]);
  });

  it("the cdk README's CallbackPattern app synthesizes, as an ESM app (import.meta.url)", () => {
    const example = examples.find(
      (e) => e.readme === 'packages/cdk/README.md' && e.code.includes('new CallbackPattern('),
    );
    if (!example) throw new Error('the cdk README has no CallbackPattern example');
    const outdir = mkdtempSync(join(tmpdir(), 'sfn-callback-readme-cdk-'));
    try {
      writeFileSync(
        join(dir, 'handler.ts'),
        "import { sqsCallbackHandler } from '@sfn-callback/middy-sqs';\nexport const handler = sqsCallbackHandler(async () => ({ approved: true }));\n",
      );
      // Node 24 runs TypeScript as is (type stripping); .mts: an ES module, as the example needs.
      run(process.execPath, [join(dir, fileOf(example))], dir, {
        CDK_OUTDIR: outdir,
        CDK_VALIDATION: 'false',
      });
      expect(readdirSync(outdir)).toContain('CallbackExample.template.json');
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});
