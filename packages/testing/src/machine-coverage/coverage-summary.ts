import type { CoverageData } from './coverage-data.js';
import { type CoverageItem, type CoverageKind, coverageItems } from './coverage-items.js';

/** Covered out of total, and the percentage (100 when there is nothing to cover). */
export interface CoverageTotal {
  readonly covered: number;
  readonly total: number;
  readonly pct: number;
}

export type CoverageTotals = Readonly<Record<CoverageKind, CoverageTotal>>;

/** An item with how many times the run covered it. */
export interface CoveredItem extends CoverageItem {
  readonly hits: number;
}

/** One state machine's coverage, item by item. */
export interface MachineCoverage {
  readonly name: string;
  readonly definitionHash: string;
  readonly definition: Readonly<Record<string, unknown>>;
  readonly items: readonly CoveredItem[];
  readonly totals: CoverageTotals;
}

export const COVERAGE_KINDS: readonly CoverageKind[] = ['states', 'branches', 'errorHandlers'];

/** Every item of every state machine with its count, and the totals per kind. */
export function summarize(data: CoverageData): {
  machines: MachineCoverage[];
  totals: CoverageTotals;
} {
  const machines = data.machines.map((machine) => {
    const items = coverageItems(machine.definition).map((item) => ({
      ...item,
      hits: machine.hits[item.id] ?? 0,
    }));
    return { ...machine, items, totals: totalsOf(items) };
  });
  return { machines, totals: totalsOf(machines.flatMap((machine) => machine.items)) };
}

function totalsOf(items: readonly CoveredItem[]): CoverageTotals {
  const totals = {} as Record<CoverageKind, CoverageTotal>;
  for (const kind of COVERAGE_KINDS) {
    const ofKind = items.filter((item) => item.kind === kind);
    const covered = ofKind.filter((item) => item.hits > 0).length;
    const pct = ofKind.length === 0 ? 100 : Math.floor((covered / ofKind.length) * 10_000) / 100;
    totals[kind] = { covered, total: ofKind.length, pct };
  }
  return totals;
}
