import { accessSync, constants, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CoverageData } from './coverage-data.js';
import { CoverageError } from './coverage-error.js';
import type { ResolvedCoverageOptions } from './coverage-options.js';
import { type CoverageTotals, type MachineCoverage, summarize } from './coverage-summary.js';
import { istanbulCoverage } from './istanbul-coverage.js';
import { prettyAsl } from './pretty-asl.js';

/** The name of the JSON report, in the reports directory. */
export const COVERAGE_JSON = 'state-machine-coverage.json';

/** What {@link writeCoverageReports} wrote and found. */
export interface WrittenCoverage {
  readonly machines: readonly MachineCoverage[];
  readonly totals: CoverageTotals;
  /** The pretty-printed ASL file of each state machine, by definition hash. */
  readonly aslFiles: Readonly<Record<string, string>>;
}

/**
 * Makes sure `directory` can be written (created if missing).
 * @throws CoverageError `UNWRITABLE` naming the directory and why.
 */
export function ensureWritableDirectory(directory: string, what = 'reportsDirectory'): void {
  try {
    mkdirSync(directory, { recursive: true });
    accessSync(directory, constants.W_OK);
  } catch (error) {
    throw new CoverageError(
      'UNWRITABLE',
      `state machine coverage cannot write its ${what} ${directory}: ${(error as Error).message}`,
    );
  }
}

/**
 * Writes a run's coverage: `state-machine-coverage.json` (every item with its count), one
 * pretty-printed ASL file per state machine in `asl/`, and the Istanbul reports asked for
 * over those files.
 * @throws CoverageError `UNWRITABLE` when the directory cannot be written.
 */
export async function writeCoverageReports(
  data: CoverageData,
  options: Pick<ResolvedCoverageOptions, 'reportsDirectory' | 'reporters'>,
): Promise<WrittenCoverage> {
  const { machines, totals } = summarize(data);
  const directory = options.reportsDirectory;
  ensureWritableDirectory(join(directory, 'asl'));
  const taken = new Set<string>();
  const aslFiles: Record<string, string> = {};
  const files: ReturnType<typeof istanbulCoverage>[] = [];
  for (const machine of machines) {
    let base = machine.name.replace(/[^\w.-]+/g, '_') || 'StateMachine';
    if (taken.has(base)) base = `${base}-${machine.definitionHash.slice(0, 8)}`;
    taken.add(base);
    const aslFile = join(directory, 'asl', `${base}.asl.json`);
    const { text, spans } = prettyAsl(machine.definition);
    write(aslFile, text);
    aslFiles[machine.definitionHash] = aslFile;
    files.push(istanbulCoverage(machine, aslFile, spans));
  }
  const json = {
    format: data.format,
    version: data.version,
    totals,
    machines: machines.map((machine) => ({
      name: machine.name,
      definitionHash: machine.definitionHash,
      aslFile: aslFiles[machine.definitionHash],
      totals: machine.totals,
      items: machine.items.map(({ id, kind, state, label, parents, hits }) => ({
        id,
        kind,
        state,
        label,
        parents,
        hits,
      })),
      definition: machine.definition,
      hits: Object.fromEntries(
        machine.items.filter((item) => item.hits > 0).map((item) => [item.id, item.hits]),
      ),
    })),
  };
  write(join(directory, COVERAGE_JSON), `${JSON.stringify(json, null, 2)}\n`);
  if (options.reporters.length > 0) {
    // Loaded only when reports are written: most test processes never need them.
    const [{ default: libCoverage }, { default: libReport }, { default: reports }] =
      await Promise.all([
        import('istanbul-lib-coverage'),
        import('istanbul-lib-report'),
        import('istanbul-reports'),
      ]);
    const coverageMap = libCoverage.createCoverageMap({});
    for (const file of files) coverageMap.addFileCoverage(file);
    const context = libReport.createContext({
      dir: directory,
      coverageMap,
      defaultSummarizer: 'flat',
    });
    for (const reporter of options.reporters) {
      reports.create(reporter as Parameters<typeof reports.create>[0]).execute(context);
    }
  }
  return { machines, totals, aslFiles };
}

function write(file: string, text: string): void {
  try {
    writeFileSync(file, text);
  } catch (error) {
    throw new CoverageError(
      'UNWRITABLE',
      `state machine coverage cannot write ${file}: ${(error as Error).message}`,
    );
  }
}
