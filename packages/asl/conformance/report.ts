import { formatDifference } from './compare.ts';
import type { ConformanceCase } from './load-cases.ts';
import type { CaseResult } from './run-case.ts';

interface AreaCounts {
  passed: number;
  failed: number;
  notRun: number;
}

/** Per-area counts of passed, failed and not run (the emulator-API kinds). */
export function areaCounts(
  results: readonly CaseResult[],
  skipped: readonly ConformanceCase[],
): Map<string, AreaCounts> {
  const counts = new Map<string, AreaCounts>();
  const get = (area: string) => {
    let entry = counts.get(area);
    if (!entry) {
      entry = { passed: 0, failed: 0, notRun: 0 };
      counts.set(area, entry);
    }
    return entry;
  };
  for (const result of results) {
    if (result.passed) get(result.area).passed++;
    else get(result.area).failed++;
  }
  for (const testCase of skipped) get(testCase.area).notRun++;
  return new Map([...counts].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** The per-area table. */
export function formatTable(counts: Map<string, AreaCounts>): string {
  const rows = [['area', 'passed', 'failed', 'not run']];
  const total = { passed: 0, failed: 0, notRun: 0 };
  for (const [area, count] of counts) {
    rows.push([area, String(count.passed), String(count.failed), String(count.notRun)]);
    total.passed += count.passed;
    total.failed += count.failed;
    total.notRun += count.notRun;
  }
  rows.push(['total', String(total.passed), String(total.failed), String(total.notRun)]);
  const widths =
    rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  return rows
    .map((row) =>
      row
        .map((cell, column) =>
          column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
        )
        .join('  '),
    )
    .join('\n');
}

/** One failing case: its id and first difference (every difference with `verbose`). */
export function formatFailure(result: CaseResult, verbose: boolean): string {
  const lines = [`✗ ${result.id}`];
  const differences = verbose ? result.differences : result.differences.slice(0, 1);
  for (const difference of differences)
    lines.push(`    ${formatDifference(difference, verbose ? 2000 : 300)}`);
  const problems = verbose ? result.problems : result.problems.slice(0, 1);
  for (const problem of problems)
    lines.push(
      `    harness: ${problem
        .split('\n')
        .slice(0, verbose ? 20 : 1)
        .join('\n    ')}`,
    );
  if (verbose && result.calls.length > 0) {
    lines.push(
      `    tasks: ${result.calls.map((call) => `${call.stateName}#${call.attempt} ${call.how}${call.detail ? ` (${call.detail})` : ''}`).join(', ')}`,
    );
  }
  return lines.join('\n');
}
