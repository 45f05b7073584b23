// vitest's global setup for state machine coverage (added by `stateMachineCoverage`): a
// directory for the fragments each test file writes, merged into reports at the end.
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import {
  type CoverageOptions,
  ensureWritableDirectory,
  finishCoverageRun,
  resolveCoverageOptions,
} from './index.js';

declare module 'vitest' {
  interface ProvidedContext {
    sfnCallbackCoverage?: CoverageOptions;
    sfnCallbackCoverageFragments?: string;
  }
}

export default function setup(project: TestProject) {
  const options = resolveCoverageOptions(
    project.getProvidedContext().sfnCallbackCoverage,
    project.config.root,
  );
  ensureWritableDirectory(options.reportsDirectory);
  const fragments = mkdtempSync(join(options.reportsDirectory, '.fragments-'));
  project.provide('sfnCallbackCoverageFragments', fragments);
  return async () => {
    try {
      const { table } = await finishCoverageRun(fragments, options);
      console.log(`\n${table}\nreports: ${options.reportsDirectory}\n`);
    } catch (error) {
      const table = (error as { table?: string }).table;
      if (table) console.log(`\n${table}\n`);
      process.exitCode = 1;
      throw error;
    } finally {
      rmSync(fragments, { recursive: true, force: true });
    }
  };
}
