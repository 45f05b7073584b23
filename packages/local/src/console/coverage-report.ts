import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { LocalRunnerError } from '../errors.js';

/** The format `@sfn-callback/testing` writes its `state-machine-coverage.json` in. */
const FORMAT = 'sfn-callback-state-machine-coverage';

/** A state machine coverage report that cannot be read, or was measured on another definition. */
export class CoverageReportError extends LocalRunnerError {
  override readonly name = 'CoverageReportError';
  readonly code = 'CoverageReport';
}

/** One item of a report: a state, a Choice rule, a Parallel branch, a Retry, a Catch ... */
export interface CoverageReportItem {
  readonly id: string;
  readonly kind: 'states' | 'branches' | 'errorHandlers';
  readonly state: string;
  readonly label: string;
  readonly hits: number;
}

/** One state machine's coverage, as the console draws it over the graph. */
export interface MachineCoverageReport {
  readonly name: string;
  readonly definitionHash: string;
  readonly items: readonly CoverageReportItem[];
  readonly totals: Readonly<Record<string, { covered: number; total: number; pct: number }>>;
}

/**
 * A `state-machine-coverage.json` written by `@sfn-callback/testing`'s coverage (`serve
 * --coverage <file>`), read once; each state machine's part found by its definition's hash.
 */
export class CoverageReport {
  readonly file: string;
  readonly #machines: readonly MachineCoverageReport[];

  private constructor(file: string, machines: readonly MachineCoverageReport[]) {
    this.file = file;
    this.#machines = machines;
  }

  /** @throws CoverageReportError naming the file and what is wrong with it. */
  static load(file: string): CoverageReport {
    let parsed: { format?: unknown; version?: unknown; machines?: unknown };
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new CoverageReportError(
        `cannot read the coverage report ${file}: ${(error as Error).message}`,
      );
    }
    const machines = parsed?.machines;
    const valid =
      parsed?.format === FORMAT &&
      parsed.version === 1 &&
      Array.isArray(machines) &&
      machines.every(
        (m) => typeof m?.definitionHash === 'string' && Array.isArray(m.items) && m.totals,
      );
    if (!valid) {
      throw new CoverageReportError(
        `${file} is not a state machine coverage report: give the state-machine-coverage.json that @sfn-callback/testing's coverage writes in its reports directory`,
      );
    }
    return new CoverageReport(file, machines as MachineCoverageReport[]);
  }

  /**
   * The coverage of `definition`.
   * @throws CoverageReportError when the report holds only other definitions (the tests ran
   * on another version of the state machine), naming both hashes.
   */
  for(
    stateMachineName: string,
    definition: Readonly<Record<string, unknown>>,
  ): MachineCoverageReport {
    const hash = definitionHash(definition);
    const found = this.#machines.find((machine) => machine.definitionHash === hash);
    if (found) return found;
    const held = this.#machines
      .map((m) => `"${m.name}" (${m.definitionHash.slice(0, 12)})`)
      .join(', ');
    throw new CoverageReportError(
      `the coverage report ${this.file} was measured on another definition than state machine "${stateMachineName}" (${hash.slice(0, 12)}): it holds ${held || 'no state machine'}; run the tests again against this definition`,
    );
  }
}

/** SHA-256 of the definition's canonical JSON (keys sorted), as the testing package hashes it. */
export function definitionHash(definition: unknown): string {
  return createHash('sha256').update(canonicalJson(definition)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  // A local endpoint's port (a queue URL resolved by @sfn-callback/local) changes with each
  // start: it is not part of the state machine.
  if (typeof value === 'string')
    return JSON.stringify(value.replace(LOCAL_ENDPOINT, 'http://127.0.0.1'));
  return JSON.stringify(value);
}

const LOCAL_ENDPOINT = /\bhttp:\/\/(?:127\.0\.0\.1|localhost):\d+/g;
