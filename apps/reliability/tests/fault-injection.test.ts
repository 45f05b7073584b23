import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_FAULTS, type FaultRunReport, runFaultInjection } from '../src/fault-run.ts';
import { formatReport } from '../src/format-report.ts';
import { type SynthesizedApps, synthApps } from '../src/synth.ts';

// 1,000 executions of the fault app and 200 of the example app through the local runner,
// with seeded faults (see docs/reliability.md). RELIABILITY_SEED replays another seed.
const SEED = Number(process.env.RELIABILITY_SEED ?? 20261126);

let apps: SynthesizedApps;
let report: FaultRunReport;
let text: string;

beforeAll(async () => {
  apps = synthApps();
  report = await runFaultInjection({
    ...DEFAULT_FAULTS,
    seed: SEED,
    faultExecutions: 1000,
    exampleExecutions: 200,
    apps,
  });
  text = formatReport(report, `RELIABILITY_SEED=${SEED} pnpm --filter reliability test`);
  console.log(text);
}, 600_000);

afterAll(() => apps?.remove());

describe(`fault-injection run, seed ${SEED}`, () => {
  it('ran at least 1,000 executions', () => {
    const executions = report.apps.reduce((n, a) => n + a.executions.length, 0);
    expect(executions).toBeGreaterThanOrEqual(1000);
  });

  it('holds every invariant', () => {
    const broken = report.invariants.filter((row) => !row.ok);
    expect(broken).toEqual([]);
  });

  it('injected every kind of fault it claims', () => {
    const fault = report.apps.find((a) => a.app === 'fault');
    if (!fault) throw new Error('the run reported no fault app');
    expect(fault.proxy.throttled).toBeGreaterThan(0);
    expect(fault.proxy.serverErrors).toBeGreaterThan(0);
    expect(fault.proxy.lostResponses).toBeGreaterThan(0);
    expect(fault.messages.sentDuplicates).toBeGreaterThan(0);
    expect(fault.messages.sentPoison).toBeGreaterThan(0);
    expect(fault.messages.failedInvocations).toBeGreaterThan(0); // Sandbox.Timedout
    expect(fault.callbacks.SendTaskHeartbeat?.ok ?? 0).toBeGreaterThan(0);
    const kinds = new Set(fault.executions.map((e) => e.kind));
    for (const kind of Object.keys(DEFAULT_FAULTS.weights)) expect(kinds).toContain(kind);
    const outcome = (prefix: string) =>
      Object.entries(fault.outcomes).find(([message]) => message.startsWith(prefix))?.[1] ?? 0;
    expect(outcome('the function was interrupted: Lambda time nearly out')).toBeGreaterThan(0);
    expect(outcome('task already closed')).toBeGreaterThan(0);
    expect(outcome('the message has no usable task token')).toBeGreaterThan(0);
  });

  it('prints no token in its own report', () => {
    expect(report.tokensIssued).toBeGreaterThanOrEqual(1200);
    expect(report.leaksIn(text)).toBe(0);
  });
});
