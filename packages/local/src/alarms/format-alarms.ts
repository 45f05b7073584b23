import type { AlarmEvaluation } from './alarm-evaluator.js';

const COMPARISON: Readonly<Record<string, string>> = {
  GreaterThanOrEqualToThreshold: '≥',
  GreaterThanThreshold: '>',
  LessThanThreshold: '<',
  LessThanOrEqualToThreshold: '≤',
};

/**
 * The alarms' states as `run` prints them after the execution(s): a heading saying how they
 * were evaluated, then one line per alarm, `STATE  name  (comparison, period): reason`.
 */
export function formatAlarms(evaluations: readonly AlarmEvaluation[]): string {
  if (evaluations.length === 0) return 'Alarms     none in the template';
  const width = Math.max(...evaluations.map((e) => e.name.length));
  const lines = evaluations.map((e) => {
    const rule =
      e.periodSeconds === undefined
        ? ''
        : ` (${COMPARISON[e.comparisonOperator] ?? e.comparisonOperator} ${e.threshold}, ${e.periodSeconds} s)`;
    return `  ${e.state.padEnd(17)} ${e.name.padEnd(width)}${rule}: ${e.reason}`;
  });
  const counts = new Map<string, number>();
  for (const e of evaluations) counts.set(e.state, (counts.get(e.state) ?? 0) + 1);
  const summary = [...counts].map(([state, n]) => `${state} ${n}`).join(', ');
  return [
    `Alarms     ${summary} (evaluated now on this run's metrics; periods counted back from now)`,
    ...lines,
  ].join('\n');
}

/** An alarm evaluation as JSON output and the console's endpoint give it. */
export function alarmToJson(evaluation: AlarmEvaluation): Record<string, unknown> {
  return { ...evaluation, evaluatedAt: new Date(evaluation.evaluatedAt).toISOString() };
}
