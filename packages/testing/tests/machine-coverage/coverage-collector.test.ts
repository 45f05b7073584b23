import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  COVERAGE_JSON,
  CoverageCollector,
  CoverageError,
  coverageForDefinition,
  mergeCoverage,
  readCoverageFile,
  resolveCoverageOptions,
  summarizeCoverage,
  TestMachine,
  type TraceStep,
  writeCoverageReports,
} from '../../src/index.js';
import { prettyAsl } from '../../src/machine-coverage/pretty-asl.js';

/** Two rules and the Default all lead to Done: only the engine's word tells them apart. */
const nested = {
  StartAt: 'Each',
  States: {
    Each: {
      Type: 'Map',
      ItemProcessor: {
        StartAt: 'Size',
        States: {
          Size: {
            Type: 'Choice',
            Choices: [
              { Variable: '$', NumericGreaterThan: 10, Next: 'Both' },
              { Variable: '$', NumericGreaterThan: 5, Next: 'Both' },
            ],
            Default: 'Both',
          },
          Both: {
            Type: 'Parallel',
            Branches: [
              { StartAt: 'A', States: { A: { Type: 'Pass', End: true } } },
              { StartAt: 'B', States: { B: { Type: 'Pass', End: true } } },
            ],
            End: true,
          },
        },
      },
      End: true,
    },
  },
};

const scratch = mkdtempSync(join(tmpdir(), 'sfn-coverage-unit-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function cover(definition: object, inputs: unknown[]) {
  const collector = new CoverageCollector();
  const machine = TestMachine.fromDefinition(definition, { observers: [collector.observer] });
  for (const input of inputs) await machine.run(input as never);
  return collector.data();
}

describe('collecting coverage', () => {
  it('tells Choice rules with the same Next apart, inside Map iterations, and counts Parallel branches inside the Map', async () => {
    const data = await cover(nested, [[12, 1]]);
    const { machines, totals } = summarizeCoverage(data);
    const hits = Object.fromEntries(machines[0]?.items.map((i) => [i.id, i.hits]) ?? []);
    expect(hits).toEqual({
      'state:Each': 1,
      'map:Each': 2,
      'state:Size': 2,
      'choice:Size:0': 1,
      'choice:Size:1': 0,
      'choice:Size:Default': 1,
      'state:Both': 2,
      'parallel:Both:0': 2,
      'parallel:Both:1': 2,
      'state:A': 2,
      'state:B': 2,
    });
    expect(machines[0]?.items.find((i) => i.id === 'state:A')?.parents).toEqual(['Each', 'Both']);
    expect(totals.branches).toEqual({ covered: 5, total: 6, pct: 83.33 });
  });

  it("gives observers the rule on each 'chose' step", async () => {
    const steps: TraceStep[] = [];
    const machine = TestMachine.fromDefinition(nested, { observers: [(s) => steps.push(s)] });
    await machine.run([7]);
    expect(
      steps.filter((s) => s.kind === 'chose').map((s) => s.kind === 'chose' && s.rule),
    ).toEqual([1]);
  });

  it('counts the Retry and the Catch that Step Functions picks: the first whose ErrorEquals matches', async () => {
    const orders = JSON.parse(
      readFileSync(
        new URL('../fixtures/coverage-project/orders.asl.json', import.meta.url),
        'utf8',
      ),
    );
    const collector = new CoverageCollector();
    const machine = TestMachine.fromDefinition(orders, { observers: [collector.observer] });
    const ok = { result: { StatusCode: 200, Payload: {} } };
    await machine.run(
      { kind: 'one' },
      { mocks: { Charge: [{ error: 'Busy' }, { error: 'Busy' }, ok] } },
    );
    await machine.run({ kind: 'one' }, { mocks: { Charge: { error: 'Declined' } } });
    await machine.run({ kind: 'one' }, { mocks: { Charge: { error: 'Other' } } });
    const hits = collector.data().machines[0]?.hits ?? {};
    expect(
      Object.fromEntries(Object.entries(hits).filter(([id]) => /^(retry|catch):/.test(id))),
    ).toEqual({ 'retry:Charge:0': 2, 'catch:Charge:0': 1, 'catch:Charge:1': 1 });
    expect(hits['state:Broken']).toBe(1);
  });

  it('merges fragments of the same definition into one state machine, adding the counts', async () => {
    const merged = mergeCoverage([await cover(nested, [[1]]), await cover(nested, [[20], [30]])]);
    expect(merged.machines).toHaveLength(1);
    expect(merged.machines[0]?.hits['choice:Size:0']).toBe(2);
    expect(merged.machines[0]?.hits['choice:Size:Default']).toBe(1);
  });
});

describe('the pretty-printed ASL file', () => {
  it('is JSON.stringify(definition, null, 2), with the span of each state', () => {
    const { text, spans } = prettyAsl(nested);
    expect(text).toBe(`${JSON.stringify(nested, null, 2)}\n`);
    const lines = text.split('\n');
    const size = spans.get('/States/Each/ItemProcessor/States/Size');
    expect(lines[(size?.start.line ?? 0) - 1]?.slice(size?.start.column)).toBe('"Size": {');
  });
});

describe('the JSON report and the console', () => {
  it('is what serve --coverage reads: @sfn-callback/local finds the machine by the same hash', async () => {
    const { CoverageReport } = await import('@sfn-callback/local');
    const written = await writeCoverageReports(await cover(nested, [[1]]), {
      reportsDirectory: join(scratch, 'for-console'),
      reporters: [],
    });
    const report = CoverageReport.load(join(scratch, 'for-console', COVERAGE_JSON));
    const machine = report.for('StateMachine', JSON.parse(JSON.stringify(nested)));
    expect(machine.totals).toEqual(written.totals);
    expect(machine.items.find((item) => item.id === 'choice:Size:Default')?.hits).toBe(1);
  });
});

describe('bad input', () => {
  it('refuses a threshold that is not a percentage, naming it', () => {
    expect(() => resolveCoverageOptions({ thresholds: { states: 120 } })).toThrow(
      'thresholds.states must be a percentage, a number from 0 to 100; got 120',
    );
    expect(() => resolveCoverageOptions({ thresholds: { branches: '80%' as never } })).toThrow(
      'thresholds.branches must be a percentage, a number from 0 to 100; got "80%"',
    );
    expect(() => resolveCoverageOptions({ thresholds: { lines: 80 } as never })).toThrow(
      'thresholds.lines is not a threshold; use states, branches, errorHandlers',
    );
    try {
      resolveCoverageOptions({ thresholds: { errorHandlers: Number.NaN } });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CoverageError);
      expect((error as CoverageError).code).toBe('INVALID_OPTION');
    }
  });

  it('refuses a coverage file measured on another definition, naming both hashes', async () => {
    const file = join(scratch, 'nested.json');
    writeFileSync(file, JSON.stringify(await cover(nested, [[1]])));
    const data = readCoverageFile(file);
    expect(coverageForDefinition(data, JSON.parse(JSON.stringify(nested))).hits['state:Each']).toBe(
      1,
    );
    const other = { ...nested, Comment: 'changed since the tests ran' };
    expect(() => coverageForDefinition(data, other, file)).toThrow(
      /was measured on another definition: this one hashes to [0-9a-f]{12}, the file holds "StateMachine" \([0-9a-f]{12}\)/,
    );
  });

  it('refuses a file that is not coverage, or whose definition was edited', async () => {
    const notCoverage = join(scratch, 'package.json');
    writeFileSync(notCoverage, '{"name":"x"}');
    expect(() => readCoverageFile(notCoverage)).toThrow('is not a state machine coverage file');
    const edited = await cover(nested, [[1]]);
    const machine = edited.machines[0] as { definition: Record<string, unknown> };
    machine.definition = { ...machine.definition, StartAt: 'Other' };
    const file = join(scratch, 'edited.json');
    writeFileSync(file, JSON.stringify(edited));
    expect(() => readCoverageFile(file)).toThrow(
      'its definition does not hash to its definitionHash',
    );
  });
});
