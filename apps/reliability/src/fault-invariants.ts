/**
 * The invariants of a fault-injection run, checked on the counts its apps reported: each
 * a row of the report's table, `ok` or not. Pure: no I/O.
 */
import type { AppReport, ExecutionResult, InvariantRow } from './fault-run-types.ts';
import { FAULT_TIMING } from './scenarios.ts';

/** What the token scanner counted, as the invariants read it. */
export interface ScanCounts {
  readonly tokenCount: number;
  readonly textCount: number;
  readonly charCount: number;
  readonly leaks: number;
}

/** How far past its timeout an execution may end (timers, scheduling) before it counts as late. */
export const SLACK_MS = 1500;

/** Whether an execution ended with the status (and error) its input asked for. */
export function endedAsAsked(e: ExecutionResult): boolean {
  return (
    e.status === e.expected.status &&
    (e.expected.error === undefined || e.error === e.expected.error)
  );
}

/** The invariants table of a run. */
export function invariants(apps: AppReport[], scanner: ScanCounts): InvariantRow[] {
  const all = apps.flatMap((a) => a.executions);
  const planned = all.length;
  const wrong = all.filter((e) => !endedAsAsked(e));
  const rows: InvariantRow[] = [
    {
      invariant: 'every execution ended, as its input asked (status and error)',
      figure: `${planned - wrong.length} / ${planned} as asked; ${all.filter((e) => e.status === 'RUNNING').length} running`,
      ok: wrong.length === 0,
    },
  ];
  for (const app of apps) {
    const m = app.messages;
    const sent = m.sentByStateMachine + m.sentDuplicates + m.sentPoison;
    const lost = sent - m.deleted - m.inDeadLetterQueue - m.leftOnQueue;
    rows.push({
      invariant: `${app.app} app: sent = processed + in DLQ, none lost`,
      figure: `${sent} sent (${m.sentByStateMachine} by the state machine + ${m.sentDuplicates} duplicates + ${m.sentPoison} poison) = ${m.deleted} processed + ${m.inDeadLetterQueue} in DLQ; ${m.leftOnQueue} left, ${lost} lost`,
      ok: lost === 0 && m.leftOnQueue === 0,
    });
    rows.push({
      invariant: `${app.app} app: every poison and never-ready message is in the DLQ; nothing else there was still needed`,
      figure: `${m.inDeadLetterQueue} in DLQ (${
        Object.entries(m.deadLetterByKind)
          .map(([kind, n]) => `${kind} ${n}`)
          .join(', ') || 'none'
      }), ${m.expectedInDeadLetterQueue} poison or never-ready expected; ${m.deadLetteredWhileNeeded} of a task still open`,
      ok:
        (m.deadLetterByKind.poison ?? 0) === m.sentPoison &&
        (m.deadLetterByKind.poison ?? 0) + (m.deadLetterByKind['retryable-forever'] ?? 0) ===
          m.expectedInDeadLetterQueue &&
        m.deadLetteredWhileNeeded === 0,
    });
    const ok = (op: string) => app.callbacks[op]?.ok ?? 0;
    const answered = ok('SendTaskSuccess') + ok('SendTaskFailure');
    const closedByWorker = app.executions.filter((e) => e.closedByWorker).length;
    rows.push({
      invariant: `${app.app} app: no task completed twice`,
      figure: `${answered} SendTaskSuccess/Failure accepted for ${closedByWorker} tasks closed by the worker; ${app.executions.filter((e) => e.callbackEnds !== 1).length} executions with ≠ 1 callback end; ${app.openTasksAtEnd} tasks open at the end`,
      ok:
        answered === closedByWorker &&
        app.executions.every((e) => e.callbackEnds === 1) &&
        app.openTasksAtEnd === 0,
    });
  }
  const late = all.filter((e) => e.durationMs > e.timeoutMs + SLACK_MS);
  const longest = apps
    .map(
      (a) =>
        `${a.app}: longest ${Math.max(0, ...a.executions.map((e) => e.durationMs))} ms (task timeout ${(a.executions[0]?.timeoutMs ?? 0) / 1000} s)`,
    )
    .join('; ');
  // AWS (and local) end a missed heartbeat with States.Timeout, as a task timeout: tell them
  // apart by duration.
  const heartbeatEnds = all.filter(
    (e) => e.error === 'States.Timeout' && e.durationMs < e.timeoutMs,
  );
  const lateHeartbeat = heartbeatEnds.filter(
    (e) => e.durationMs > FAULT_TIMING.heartbeatSeconds * 1000 + SLACK_MS,
  );
  rows.push({
    invariant: 'no execution waited past its timeout',
    figure: `${longest}; heartbeat timeouts ended within ${Math.max(0, ...heartbeatEnds.map((e) => e.durationMs))} ms (heartbeat ${FAULT_TIMING.heartbeatSeconds} s)`,
    ok: late.length === 0 && lateHeartbeat.length === 0,
  });
  rows.push({
    invariant: 'no log line, error, cause, output, event or notification contains a token',
    figure: `${scanner.tokenCount} tokens issued, ${scanner.textCount} texts scanned (${(scanner.charCount / 1e6).toFixed(1)} M chars), ${scanner.leaks} leaks`,
    ok: scanner.leaks === 0 && scanner.tokenCount >= planned,
  });
  return rows;
}
