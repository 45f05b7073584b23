import type { CoverageTotal, CoverageTotals, MachineCoverage } from './coverage-summary.js';

const cell = (total: CoverageTotal) => `${total.pct}% (${total.covered}/${total.total})`;

/** The table printed at the end of a run: one row per state machine, then what was never covered. */
export function textTable(machines: readonly MachineCoverage[], totals: CoverageTotals): string {
  const rows = [
    ['State machine', 'States', 'Branches', 'Error handlers'],
    ...machines.map((m) => [
      m.name,
      cell(m.totals.states),
      cell(m.totals.branches),
      cell(m.totals.errorHandlers),
    ]),
    ['All', cell(totals.states), cell(totals.branches), cell(totals.errorHandlers)],
  ];
  const widths =
    rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  const line = (row: string[]) =>
    row.map((text, column) => text.padEnd(widths[column] ?? 0)).join(' | ');
  const rule = widths.map((width) => '-'.repeat(width)).join('-|-');
  const body = rows.map(line);
  const lines = [
    'State machine coverage',
    rule,
    body[0] as string,
    rule,
    ...body.slice(1, -1),
    rule,
    body.at(-1) as string,
    rule,
  ];
  for (const machine of machines) {
    const never = machine.items.filter((item) => item.hits === 0);
    if (never.length > 0)
      lines.push(`${machine.name}, never covered: ${never.map((item) => item.label).join('; ')}`);
  }
  return lines.join('\n');
}
