import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { StateRuns } from '../../../console/src/history/state-runs.js';
import type { WireEvent } from '../../../src/model/console-wire.js';

// The console's reading of a history, checked on the executions recorded on AWS (the corpus
// lives beside the repository, ../shared/asl-conformance, and is read in place). Each
// expectation is read from the recording by a rule other than StateRuns' own: how a state
// fared is told by the event just before its exit.

const casesDir = fileURLToPath(
  new URL('../../../../../../shared/asl-conformance/cases', import.meta.url),
);

interface RecordedCase {
  readonly id: string;
  readonly definition: { States?: Record<string, { Type?: string }> };
  readonly compare?: { historyNormalisation?: string };
  readonly expected: { status: string | null; history: RawEvent[] | null };
}
interface RawEvent {
  id: number;
  previousEventId: number;
  type: string;
  stateEnteredEventDetails?: { name: string };
  stateExitedEventDetails?: { name: string };
  [details: string]: unknown;
}

/** The executions with a usable history (Parallel windows LocalStack re-sorted have no ids). */
function recordedExecutions(): RecordedCase[] {
  const found: RecordedCase[] = [];
  for (const area of readdirSync(casesDir)) {
    for (const file of readdirSync(join(casesDir, area))) {
      if (!file.endsWith('.json')) continue;
      const c = JSON.parse(readFileSync(join(casesDir, area, file), 'utf8')) as RecordedCase;
      if (!c.expected?.history || c.compare?.historyNormalisation) continue;
      found.push(c);
    }
  }
  return found;
}

const toWire = (history: RawEvent[]): WireEvent[] =>
  history.map((e, i) => ({ ...e, timestamp: i }) as WireEvent);

/** Events whose next event is the exit of a state that failed and was caught. */
const FAILURE_EVENTS = /(Failed|TimedOut)$/;

const casesPresent = existsSync(casesDir);
if (!casesPresent)
  console.warn(
    `state-runs-recorded: skipped, the conformance corpus is not at ${casesDir} (it lives beside the repository, in shared/asl-conformance)`,
  );

describe.skipIf(!casesPresent)('StateRuns on the executions recorded on AWS', () => {
  const cases = casesPresent ? recordedExecutions() : [];
  const fold = (c: RecordedCase) => {
    const runs = new StateRuns();
    runs.add(toWire(c.expected.history ?? []));
    return runs;
  };
  const byId = (id: string) => {
    const c = cases.find((k) => k.id === id);
    if (!c) throw new Error(`case ${id} not in the corpus`);
    return c;
  };

  it('reads hundreds of recorded histories', () => {
    expect(cases.length).toBeGreaterThan(400);
  });

  it('counts every entry of every state', () => {
    for (const c of cases) {
      const runs = fold(c);
      const counts = new Map<string, number>();
      for (const e of c.expected.history ?? []) {
        const name = e.stateEnteredEventDetails?.name;
        if (name !== undefined) counts.set(name, (counts.get(name) ?? 0) + 1);
      }
      for (const [name, n] of counts) expect(runs.get(name)?.entries, `${c.id}: ${name}`).toBe(n);
    }
  });

  it('gives each Map and Parallel event to a Map or a Parallel state', () => {
    let checked = 0;
    for (const c of cases) {
      const runs = fold(c);
      for (const e of c.expected.history ?? []) {
        const kind = /^(Map|Parallel)(State|Iteration|Run)/.exec(e.type)?.[1];
        if (!kind || /State(Entered|Exited)$/.test(e.type)) continue;
        const owner = runs.ownerOf(e.id);
        expect(owner, `${c.id}: event ${e.id} ${e.type}`).toBeDefined();
        expect(runs.get(owner ?? '')?.type, `${c.id}: event ${e.id} ${e.type}`).toBe(kind);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(400);
  });

  it('a top-level state ends caught when a failure comes just before its last exit, else succeeded', () => {
    let caught = 0;
    for (const c of cases) {
      const history = c.expected.history ?? [];
      const runs = fold(c);
      const types = new Map(history.map((e) => [e.id, e.type]));
      for (const name of Object.keys(c.definition.States ?? {})) {
        const lastEntry = history.findLastIndex((e) => e.stateEnteredEventDetails?.name === name);
        const lastExit = history.findLastIndex((e) => e.stateExitedEventDetails?.name === name);
        if (lastEntry < 0 || lastExit < lastEntry) continue;
        const before = types.get(history[lastExit]?.previousEventId ?? -1) ?? '';
        const expected = FAILURE_EVENTS.test(before) ? 'caught' : 'succeeded';
        if (expected === 'caught') caught += 1;
        expect(runs.get(name)?.status, `${c.id}: ${name} (before its exit: ${before})`).toBe(
          expected,
        );
      }
    }
    expect(caught).toBeGreaterThan(20);
  });

  it('leaves nothing in progress once the execution has ended', () => {
    for (const c of cases) {
      const history = c.expected.history ?? [];
      const last = history.at(-1)?.type ?? '';
      if (!/^Execution(Succeeded|Failed|Aborted|TimedOut)$/.test(last)) continue;
      for (const run of fold(c).runs.values())
        expect(run.status, `${c.id}: ${run.name}`).not.toBe('in-progress');
    }
  });

  it('a Map whose failure is caught: caught, not succeeded; its inner Fail state failed', () => {
    const runs = fold(byId('map/test_map_state_catch'));
    expect(runs.get('MapState')).toMatchObject({ status: 'caught', retries: 0 });
    expect(runs.get('MapState')?.events.map((e) => e.type)).toContain('MapStateFailed');
    expect(runs.get('HandleItemFail')?.status).toBe('failed');
    expect(runs.parentOf('HandleItemFail')).toBe('MapState');
  });

  it('a Parallel whose failure is caught: caught', () => {
    const runs = fold(byId('parallel/test_parallel_state_catch'));
    expect(runs.get('ParallelState')?.status).toBe('caught');
    expect(runs.get('FinalCaught')?.status).toBe('succeeded');
  });

  it('a Map retried twice then failed: failed, 2 retries', () => {
    const runs = fold(byId('map/test_map_state_retry_legacy'));
    expect(runs.get('MapState')).toMatchObject({ status: 'failed', retries: 2 });
    expect(runs.get('HandleItemFail')?.entries).toBe(3);
  });
});
