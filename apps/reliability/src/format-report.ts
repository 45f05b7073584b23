import type { FaultRunReport } from './fault-run.ts';

const table = (header: string[], rows: (string | number)[][]): string =>
  [
    `| ${header.join(' | ')} |`,
    `| ${header.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');

/** The invariants table (markdown). */
export function formatInvariants(report: FaultRunReport): string {
  return table(
    ['invariant', 'figure', 'holds'],
    report.invariants.map((row) => [row.invariant, row.figure, row.ok ? 'yes' : '**NO**']),
  );
}

/** Executions by what they were asked to do (markdown). */
export function formatScenarios(report: FaultRunReport): string {
  const groups = new Map<string, FaultRunReport['apps'][number]['executions']>();
  for (const app of report.apps)
    for (const execution of app.executions) {
      const key = `${app.app}: ${execution.kind}`;
      groups.set(key, [...(groups.get(key) ?? []), execution]);
    }
  const rows = [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, executions]) => {
      const first = executions[0];
      const asked = first
        ? `${first.expected.status}${first.expected.error ? ` (${first.expected.error})` : ''}`
        : '';
      const asAsked = executions.filter(
        (e) =>
          e.status === e.expected.status &&
          (e.expected.error === undefined || e.error === e.expected.error),
      ).length;
      const durations = executions.map((e) => e.durationMs).sort((a, b) => a - b);
      const p50 = durations[Math.floor(durations.length / 2)] ?? 0;
      return [
        key,
        executions.length,
        asked,
        asAsked,
        executions.filter((e) => e.duplicate !== 'none').length,
        p50,
        durations[durations.length - 1] ?? 0,
      ];
    });
  return table(
    ['app: scenario', 'executions', 'must end', 'ended so', 'delivered twice', 'p50 ms', 'max ms'],
    rows,
  );
}

/** The faults injected and what the handler did (markdown). */
export function formatFaults(report: FaultRunReport): string {
  const rows: (string | number)[][] = [];
  for (const app of report.apps) {
    const p = app.proxy;
    const m = app.messages;
    const c = app.callbacks;
    rows.push(
      [`${app.app}: endpoint calls (through the proxy)`, p.requests],
      [`${app.app}: answered ThrottlingException (injected)`, p.throttled],
      [`${app.app}: answered 503 (injected)`, p.serverErrors],
      [`${app.app}: forwarded, answer replaced by 502 (injected lost response)`, p.lostResponses],
      [
        `${app.app}: messages delivered twice (injected; soon or after the visibility timeout)`,
        m.sentDuplicates,
      ],
      [`${app.app}: poison messages (injected)`, m.sentPoison],
      [
        `${app.app}: batches / batch item failures / whole invocations failed`,
        `${m.batches} / ${m.batchItemFailures} / ${m.failedInvocations}`,
      ],
      [
        `${app.app}: endpoint answers by operation`,
        Object.entries(c)
          .map(
            ([op, byOutcome]) =>
              `${op} ${Object.entries(byOutcome)
                .map(([k, v]) => `${k} ${v}`)
                .join(', ')}`,
          )
          .join('; '),
      ],
    );
    for (const [message, count] of Object.entries(app.outcomes).sort((a, b) => b[1] - a[1]))
      rows.push([`${app.app}: handler log "${message}"`, count]);
  }
  return table(['what', 'count'], rows);
}

/** The whole report (markdown), with the command that regenerates it. */
export function formatReport(report: FaultRunReport, command: string): string {
  return [
    `Seed ${report.seed}; ${report.apps.reduce((n, a) => n + a.executions.length, 0)} executions in ${(report.wallMs / 1000).toFixed(1)} s. Replay: \`${command}\``,
    '',
    formatInvariants(report),
    '',
    formatScenarios(report),
    '',
    formatFaults(report),
  ].join('\n');
}
