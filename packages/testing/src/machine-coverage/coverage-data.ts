import { readFileSync } from 'node:fs';
import { CoverageError } from './coverage-error.js';
import { definitionHash } from './definition-hash.js';

export const COVERAGE_FORMAT = 'sfn-callback-state-machine-coverage';

/** One state machine's counts: how many times each item (see `coverageItems`) was covered. */
export interface MachineHits {
  readonly name: string;
  /** SHA-256 of the definition's canonical JSON. */
  readonly definitionHash: string;
  readonly definition: Readonly<Record<string, unknown>>;
  /** By item id (`state:Ship`, `choice:Pick:0`, ...); items never covered are absent. */
  readonly hits: Readonly<Record<string, number>>;
}

/** What a test file (a fragment) or a whole run (merged) covered. */
export interface CoverageData {
  readonly format: typeof COVERAGE_FORMAT;
  readonly version: 1;
  readonly machines: readonly MachineHits[];
}

/**
 * Adds up fragments: one entry per definition (the same definition loaded by several test
 * files, or under several names, is one state machine).
 */
export function mergeCoverage(fragments: readonly CoverageData[]): CoverageData {
  const byHash = new Map<
    string,
    { name: string; definition: MachineHits['definition']; hits: Record<string, number> }
  >();
  for (const fragment of fragments) {
    for (const machine of fragment.machines) {
      let merged = byHash.get(machine.definitionHash);
      if (!merged) {
        merged = { name: machine.name, definition: machine.definition, hits: {} };
        byHash.set(machine.definitionHash, merged);
      }
      for (const [id, count] of Object.entries(machine.hits)) {
        merged.hits[id] = (merged.hits[id] ?? 0) + count;
      }
    }
  }
  const machines = [...byHash].map(([hash, m]) => ({
    name: m.name,
    definitionHash: hash,
    definition: m.definition,
    hits: m.hits,
  }));
  machines.sort(
    (a, b) => a.name.localeCompare(b.name) || a.definitionHash.localeCompare(b.definitionHash),
  );
  return { format: COVERAGE_FORMAT, version: 1, machines };
}

/**
 * Reads a coverage file (a fragment, or the `state-machine-coverage.json` of a report).
 * @throws CoverageError `INVALID_FILE` naming the file and what is wrong with it.
 */
export function readCoverageFile(file: string): CoverageData {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CoverageError(
      'INVALID_FILE',
      `cannot read coverage file ${file}: ${(error as Error).message}`,
    );
  }
  const data = parsed as Partial<CoverageData> | null;
  if (
    !data ||
    data.format !== COVERAGE_FORMAT ||
    data.version !== 1 ||
    !Array.isArray(data.machines)
  ) {
    throw new CoverageError(
      'INVALID_FILE',
      `${file} is not a state machine coverage file (expected "format": "${COVERAGE_FORMAT}", "version": 1 and "machines")`,
    );
  }
  for (const [index, machine] of data.machines.entries()) {
    const ok =
      machine &&
      typeof machine.name === 'string' &&
      typeof machine.definitionHash === 'string' &&
      machine.definition &&
      typeof machine.definition === 'object' &&
      machine.hits &&
      typeof machine.hits === 'object';
    if (!ok) {
      throw new CoverageError(
        'INVALID_FILE',
        `${file}: machines[${index}] needs name, definitionHash, definition and hits`,
      );
    }
    if (definitionHash(machine.definition) !== machine.definitionHash) {
      throw new CoverageError(
        'INVALID_FILE',
        `${file}: machines[${index}] ("${machine.name}"): its definition does not hash to its definitionHash (the file was edited)`,
      );
    }
  }
  return data as CoverageData;
}

/**
 * The coverage a file holds for one definition (a state machine as deployed, or opened in
 * the console).
 * @throws CoverageError `OTHER_DEFINITION` when the file holds coverage of other
 * definitions only, naming them and both hashes.
 */
export function coverageForDefinition(
  data: CoverageData,
  definition: Readonly<Record<string, unknown>>,
  source = 'the coverage file',
): MachineHits {
  const hash = definitionHash(definition);
  const found = data.machines.find((machine) => machine.definitionHash === hash);
  if (found) return found;
  const held = data.machines
    .map((m) => `"${m.name}" (${m.definitionHash.slice(0, 12)})`)
    .join(', ');
  throw new CoverageError(
    'OTHER_DEFINITION',
    `${source} was measured on another definition: this one hashes to ${hash.slice(0, 12)}, the file holds ${held || 'no state machine'}; run the tests again against this definition`,
  );
}
