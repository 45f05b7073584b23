import type { CoverageKind } from './coverage-items.js';
import type { CoverageTotals, MachineCoverage } from './coverage-summary.js';

const KIND_NAMES: Record<CoverageKind, string> = {
  states: 'states',
  branches: 'branches',
  errorHandlers: 'error handlers',
};

/**
 * The thresholds a run did not meet, each with what was never covered; `[]` when all are
 * met.
 */
export function unmetThresholds(
  thresholds: Partial<Record<CoverageKind, number>>,
  totals: CoverageTotals,
  machines: readonly MachineCoverage[],
): string[] {
  const failures: string[] = [];
  for (const [kind, minimum] of Object.entries(thresholds) as [CoverageKind, number][]) {
    const total = totals[kind];
    if (total.pct >= minimum) continue;
    const never = machines.flatMap((machine) =>
      machine.items
        .filter((item) => item.kind === kind && item.hits === 0)
        .map((item) => `    ${machine.name}: ${item.label}`),
    );
    failures.push(
      `${KIND_NAMES[kind]}: ${total.pct}% (${total.covered}/${total.total}) is under the threshold of ${minimum}%; never covered:\n${never.join('\n')}`,
    );
  }
  return failures;
}
