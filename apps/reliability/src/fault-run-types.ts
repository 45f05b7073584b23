/**
 * The types of the fault-injection run: its options, what it plans, and what it reports.
 */
import type { FaultRates, ProxyCounts } from './fault-proxy.ts';
import type { Scenario } from './scenarios.ts';
import type { SynthesizedApps } from './synth.ts';

/** What an execution of the fault app is asked to do; `bad-shape` is an input the schema refuses. */
export type PlanKind = Scenario | 'bad-shape';

/** Options of {@link runFaultInjection}. */
export interface FaultRunOptions {
  /** Seed of every random choice (plan, proxy faults, delays): the same seed replays the run. */
  readonly seed: number;
  /** Executions of the fault app. */
  readonly faultExecutions: number;
  /** Executions of the example app (plain success / failure, its real handler). */
  readonly exampleExecutions: number;
  /** Poison messages sent straight to the fault app's queue. */
  readonly poisonMessages: number;
  /** Share of callback messages delivered a second time, soon (0–500 ms later). */
  readonly duplicateShare: number;
  /** Share of callback messages delivered a second time after the visibility timeout. */
  readonly lateDuplicateShare: number;
  /** Faults of the endpoint proxy in front of the fault app's function. */
  readonly rates: FaultRates;
  /**
   * Faults of the proxy in front of the example app's function. Its queue's visibility
   * timeout is 180 s (6 × 30 s), so a call that still fails after the SDK's 3 attempts
   * makes its execution wait 3 minutes for the redelivery: lower rates keep runs short.
   */
  readonly exampleRates: FaultRates;
  /** Weights of the fault app's scenarios. */
  readonly weights: Readonly<Record<PlanKind, number>>;
  /** Share of the example app's executions asked to fail. */
  readonly exampleFailShare: number;
  /** Executions in flight per app. @default 128 */
  readonly concurrency?: number;
  /** Execution environments per function. @default 2 */
  readonly functionConcurrency?: number;
  /** Already synthesized apps; synthesized (and removed) by the run when absent. */
  readonly apps?: SynthesizedApps;
  readonly onProgress?: (line: string) => void;
}

/** Whether a callback message is delivered a second time: no, soon, or after the visibility timeout. */
export type Duplicate = 'none' | 'soon' | 'late';

/** One execution of the plan: what it is asked to do, and its duplicate delivery. */
export interface PlannedExecution {
  readonly kind: PlanKind | 'example-succeed' | 'example-fail';
  readonly input: Record<string, unknown>;
  readonly expected: { status: string; error?: string };
  readonly duplicate: Duplicate;
  readonly duplicateDelayMs: number;
}

/** One execution as the run saw it end. */
export interface ExecutionResult {
  readonly app: 'fault' | 'example';
  /** Its place in the plan (the `seed` of its input). */
  readonly index: number;
  readonly kind: PlannedExecution['kind'];
  readonly duplicate: Duplicate;
  readonly expected: { status: string; error?: string };
  readonly status: string;
  readonly error?: string;
  readonly durationMs: number;
  /** TaskSucceeded / TaskFailed / TaskTimedOut events of the callback state. */
  readonly callbackEnds: number;
  /** Whether the callback task was closed by the worker (not by a timeout). */
  readonly closedByWorker: boolean;
  readonly timeoutMs: number;
}

/** Message counts of one app's worker queue. */
export interface MessageCounts {
  sentByStateMachine: number;
  sentDuplicates: number;
  sentPoison: number;
  /** Deleted by the event source mapping: the handler finished the record. */
  deleted: number;
  inDeadLetterQueue: number;
  /** Poison messages plus the never-ready ones (and their duplicates). */
  expectedInDeadLetterQueue: number;
  /** DLQ messages by what they were: `poison`, or the scenario of their execution. */
  deadLetterByKind: Record<string, number>;
  /**
   * DLQ messages other than poison and never-ready whose execution did not end as asked:
   * a message that still mattered was given up. Must be 0.
   */
  deadLetteredWhileNeeded: number;
  /** Still on the queue (visible, in flight or delayed) at the end. */
  leftOnQueue: number;
  batches: number;
  batchItemFailures: number;
  /** Invocations that failed as a whole (e.g. Sandbox.Timedout). */
  failedInvocations: number;
}

/** What one app's part of the run measured. */
export interface AppReport {
  readonly app: 'fault' | 'example';
  readonly executions: ExecutionResult[];
  readonly messages: MessageCounts;
  readonly proxy: ProxyCounts;
  readonly callbacks: Record<string, Record<string, number>>;
  /** Handler log lines by their message (one per record outcome). */
  readonly outcomes: Record<string, number>;
  readonly logLines: number;
  readonly openTasksAtEnd: number;
}

/** One row of the invariants table. */
export interface InvariantRow {
  readonly invariant: string;
  readonly figure: string;
  readonly ok: boolean;
}

/** The whole run. */
export interface FaultRunReport {
  readonly seed: number;
  readonly wallMs: number;
  readonly apps: AppReport[];
  readonly invariants: InvariantRow[];
  readonly tokensIssued: number;
  readonly textsScanned: number;
  readonly tokenLeaks: number;
  /** Token pieces in `text` (e.g. the formatted report itself), by the run's scanner. */
  readonly leaksIn: (text: string) => number;
}
