import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Consumer, createConsumer, runNode } from './support/consumer.js';
import { publishedPackages, repoRoot, run } from './support/repo.js';

const tsc = join(repoRoot, 'node_modules/typescript/bin/tsc');
let consumer: Consumer;

beforeAll(() => {
  consumer = createConsumer({ esbuild: '0.28.2' });
});

afterAll(() => {
  if (consumer) rmSync(consumer.dir, { recursive: true, force: true });
});

describe('the packed tarballs, installed by npm outside the workspace', () => {
  it('installs every published package from its tarball, with no workspace link', () => {
    for (const pkg of publishedPackages()) {
      const resolved = runNode(consumer.dir, [
        '-e',
        `console.log(require('node:fs').realpathSync(require.resolve('${pkg.name}/package.json')))`,
      ]).trim();
      expect(resolved).toBe(join(consumer.dir, 'node_modules', pkg.name, 'package.json'));
    }
  });

  it.each(publishedPackages().map((p) => [p.name]))(
    '%s loads with ESM import and CJS require, with the same exports',
    (name) => {
      const esm = runNode(consumer.dir, [
        '--input-type=module',
        '-e',
        `const m = await import('${name}'); console.log(JSON.stringify(Object.keys(m).filter((k) => k !== 'default').sort()));`,
      ]);
      const cjs = runNode(consumer.dir, [
        '-e',
        `console.log(JSON.stringify(Object.keys(require('${name}')).sort()))`,
      ]);
      const esmExports = JSON.parse(esm) as string[];
      expect(esmExports.length).toBeGreaterThan(0);
      expect(JSON.parse(cjs)).toEqual(esmExports);
    },
  );

  it.each([
    ['nodenext', 'NodeNext', 'NodeNext'],
    ['bundler', 'ESNext', 'Bundler'],
  ])(
    'a TypeScript consumer typechecks under moduleResolution %s',
    (label, module, moduleResolution) => {
      const project = join(consumer.dir, `ts-${label}`);
      run('mkdir', ['-p', project], consumer.dir);
      writeFileSync(join(project, 'consumer.mts'), TYPESCRIPT_CONSUMER);
      writeFileSync(
        join(project, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: {
            module,
            moduleResolution,
            target: 'ES2023',
            strict: true,
            noEmit: true,
            skipLibCheck: false,
            types: ['node'],
          },
          files: ['consumer.mts'],
        }),
      );
      // A deliberate type error must be caught, or the check proves nothing.
      writeFileSync(
        join(project, 'wrong.mts'),
        `${TYPESCRIPT_CONSUMER}\nvoid tasks.succeed('t', { approved: 'yes' });\n`,
      );
      expect(() => run(process.execPath, [tsc, '-p', project], project)).not.toThrow();
      writeFileSync(
        join(project, 'tsconfig.wrong.json'),
        JSON.stringify({ extends: './tsconfig.json', files: ['wrong.mts'] }),
      );
      expect(() =>
        run(process.execPath, [tsc, '-p', join(project, 'tsconfig.wrong.json')], project),
      ).toThrow(/not assignable to type 'boolean'/);
    },
  );
});

const TYPESCRIPT_CONSUMER = `
import { parseCallbackMessage, redactToken, TaskTokenClient, type TaskResponseResult } from '@sfn-callback/task-token';

interface Approval { approved: boolean }
const tasks = new TaskTokenClient<Approval>({ clientConfig: { region: 'us-east-1' } });
export async function complete(body: string): Promise<TaskResponseResult | undefined> {
  const parsed = parseCallbackMessage(body);
  if (!parsed.ok) return undefined;
  console.log(redactToken(parsed.token));
  return tasks.succeed(parsed.token, { approved: true });
}
`;
