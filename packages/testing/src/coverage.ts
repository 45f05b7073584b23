// `import { stateMachineCoverage } from '@sfn-callback/testing/coverage'`: the vitest plugin
// that collects state machine coverage over a whole run (ESM only, as vitest's config is).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type CoverageOptions, resolveCoverageOptions } from './index.js';

export type { CoverageOptions } from './index.js';

/** The key under which the options reach the global setup. */
export const OPTIONS_KEY = 'sfnCallbackCoverage';

/** A sibling module of this one, as built (`.js`) or as source (`.ts`, in this repository). */
function sibling(name: string): string {
  for (const extension of ['.js', '.ts']) {
    const file = fileURLToPath(new URL(`./${name}${extension}`, import.meta.url));
    if (existsSync(file)) return file;
  }
  throw new Error(
    `@sfn-callback/testing is missing ${name}.js next to ${fileURLToPath(import.meta.url)}`,
  );
}

/**
 * A vitest plugin that measures which states, Choice rules, Parallel branches, Map item
 * processors, Retry and Catch the run's tests covered, in every test file and worker,
 * and at the end of the run writes the reports and checks the thresholds (the run fails
 * under one, naming what was never covered). No code in the tests:
 *
 * ```ts
 * export default defineConfig({
 *   plugins: [stateMachineCoverage({ thresholds: { states: 100, branches: 80 } })],
 * });
 * ```
 * @throws CoverageError `INVALID_OPTION` at once for an option that is not valid.
 */
export function stateMachineCoverage(options: CoverageOptions = {}) {
  resolveCoverageOptions(options);
  return {
    name: 'sfn-callback:state-machine-coverage',
    config: () => ({
      test: {
        globalSetup: [sibling('coverage-global-setup')],
        setupFiles: [sibling('vitest')],
        provide: { [OPTIONS_KEY]: options },
      },
    }),
  };
}
