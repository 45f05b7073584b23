import { isAbsolute, resolve } from 'node:path';
import { CoverageError } from './coverage-error.js';
import type { CoverageKind } from './coverage-items.js';

/** Istanbul reporters state machine coverage can be written with (`istanbul-reports`). */
export type IstanbulReporter =
  | 'html'
  | 'lcov'
  | 'lcovonly'
  | 'cobertura'
  | 'json'
  | 'json-summary'
  | 'text'
  | 'text-summary'
  | 'clover';

const ISTANBUL_REPORTERS: readonly IstanbulReporter[] = [
  'html',
  'lcov',
  'lcovonly',
  'cobertura',
  'json',
  'json-summary',
  'text',
  'text-summary',
  'clover',
];

/** How state machine coverage is reported and what it must reach. */
export interface CoverageOptions {
  /**
   * Where the reports go, apart from JavaScript coverage: `state-machine-coverage.json`,
   * one pretty-printed ASL file per state machine in `asl/`, and the Istanbul reports.
   * @default 'coverage-state-machines'
   */
  readonly reportsDirectory?: string;
  /** Istanbul reports to write over the ASL files. @default ['html', 'lcov', 'json'] */
  readonly reporters?: readonly IstanbulReporter[];
  /**
   * Minimum percentages (0–100) over every state machine the tests ran: states entered;
   * branches (Choice rules and `Default`, Parallel branches, Map item processors); error
   * handlers (each Retry retried, each Catch taken). Under one, the run fails naming what
   * was never covered.
   */
  readonly thresholds?: Partial<Record<CoverageKind, number>>;
}

/** Options with their defaults, checked. */
export interface ResolvedCoverageOptions {
  readonly reportsDirectory: string;
  readonly reporters: readonly IstanbulReporter[];
  readonly thresholds: Partial<Record<CoverageKind, number>>;
}

const THRESHOLD_KINDS: readonly CoverageKind[] = ['states', 'branches', 'errorHandlers'];

/**
 * Checks the options and fills in the defaults (`reportsDirectory` resolved against `root`).
 * @throws CoverageError `INVALID_OPTION` naming the option, the value and what it takes.
 */
export function resolveCoverageOptions(
  options: CoverageOptions = {},
  root = process.cwd(),
): ResolvedCoverageOptions {
  const {
    reportsDirectory = 'coverage-state-machines',
    reporters = ['html', 'lcov', 'json'],
    thresholds = {},
  } = options;
  if (typeof reportsDirectory !== 'string' || reportsDirectory === '') {
    throw new CoverageError(
      'INVALID_OPTION',
      `reportsDirectory must be a directory path, got ${JSON.stringify(reportsDirectory)}`,
    );
  }
  if (!Array.isArray(reporters)) {
    throw new CoverageError(
      'INVALID_OPTION',
      `reporters must be a list of Istanbul reporters (${ISTANBUL_REPORTERS.join(', ')})`,
    );
  }
  for (const reporter of reporters) {
    if (!ISTANBUL_REPORTERS.includes(reporter)) {
      throw new CoverageError(
        'INVALID_OPTION',
        `reporters: ${JSON.stringify(reporter)} is not an Istanbul reporter state machine coverage writes; use one of ${ISTANBUL_REPORTERS.join(', ')}`,
      );
    }
  }
  if (thresholds === null || typeof thresholds !== 'object') {
    throw new CoverageError(
      'INVALID_OPTION',
      `thresholds must be an object such as { states: 100, branches: 80, errorHandlers: 50 }`,
    );
  }
  for (const [kind, value] of Object.entries(thresholds)) {
    if (!THRESHOLD_KINDS.includes(kind as CoverageKind)) {
      throw new CoverageError(
        'INVALID_OPTION',
        `thresholds.${kind} is not a threshold; use ${THRESHOLD_KINDS.join(', ')}`,
      );
    }
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 100) {
      throw new CoverageError(
        'INVALID_OPTION',
        `thresholds.${kind} must be a percentage, a number from 0 to 100; got ${JSON.stringify(value) ?? String(value)}`,
      );
    }
  }
  return {
    reportsDirectory: isAbsolute(reportsDirectory)
      ? reportsDirectory
      : resolve(root, reportsDirectory),
    reporters,
    thresholds,
  };
}
