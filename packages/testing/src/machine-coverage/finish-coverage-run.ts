import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { type CoverageData, mergeCoverage, readCoverageFile } from './coverage-data.js';
import { CoverageError } from './coverage-error.js';
import type { ResolvedCoverageOptions } from './coverage-options.js';
import { textTable } from './text-table.js';
import { unmetThresholds } from './thresholds.js';
import { type WrittenCoverage, writeCoverageReports } from './write-reports.js';

/**
 * The end of a run: merges the fragments each test file wrote, writes the reports, and
 * checks the thresholds.
 * @returns the merged coverage, the reports written and the table to print.
 * @throws CoverageError `THRESHOLD` (after the reports are written) naming what was never
 * covered, `UNWRITABLE` when the reports cannot be written.
 */
export async function finishCoverageRun(
  fragmentsDirectory: string,
  options: ResolvedCoverageOptions,
): Promise<{ data: CoverageData; written: WrittenCoverage; table: string }> {
  const fragments = readdirSync(fragmentsDirectory)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => readCoverageFile(join(fragmentsDirectory, file)));
  const data = mergeCoverage(fragments);
  const written = await writeCoverageReports(data, options);
  const table = textTable(written.machines, written.totals);
  const failures = unmetThresholds(options.thresholds, written.totals, written.machines);
  if (failures.length > 0) {
    const error = new CoverageError(
      'THRESHOLD',
      `state machine coverage is under its thresholds (report: ${options.reportsDirectory}):\n  ${failures.join('\n  ')}`,
    );
    Object.assign(error, { table });
    throw error;
  }
  return { data, written, table };
}
