import type { RecordedHistoryEvent as HistoryEvent } from '@sfn-callback/asl';
import type { ExecutionDescription } from '../model/execution.js';
import { formatBusEvents } from './format-bus-events.js';
import { redactTokens } from './redact-description.js';

const truncate = (text: string, max: number): string =>
  text.length > max ? `${text.slice(0, max - 1)}…` : text;

function resourceOf(event: HistoryEvent): string {
  const details =
    event.taskScheduledEventDetails ??
    event.taskStartedEventDetails ??
    event.taskSubmittedEventDetails ??
    event.taskSucceededEventDetails ??
    event.taskFailedEventDetails ??
    event.taskTimedOutEventDetails;
  return details ? `${details.resourceType}:${details.resource}` : '-';
}

function detailsOf(event: HistoryEvent, description: ExecutionDescription): string {
  if (event.taskScheduledEventDetails) {
    const parameters = redactTokens(event.taskScheduledEventDetails.parameters ?? '', description);
    const token = description.taskTokens.find(
      (t) =>
        parameters !== undefined && (event.taskScheduledEventDetails?.parameters ?? '').includes(t),
    );
    const tokenNote = token ? ` token ${redactTokens(token, description)}` : '';
    const limits = [
      event.taskScheduledEventDetails.timeoutInSeconds !== undefined
        ? `timeout ${event.taskScheduledEventDetails.timeoutInSeconds}s`
        : '',
      event.taskScheduledEventDetails.heartbeatInSeconds !== undefined
        ? `heartbeat ${event.taskScheduledEventDetails.heartbeatInSeconds}s`
        : '',
    ]
      .filter(Boolean)
      .join(', ');
    return tokenNote
      ? `${limits}${limits ? ',' : ''}${tokenNote}`.trim()
      : truncate(parameters, 60);
  }
  const failure =
    event.taskFailedEventDetails ??
    event.taskTimedOutEventDetails ??
    event.executionFailedEventDetails ??
    event.executionTimedOutEventDetails;
  if (failure) return truncate([failure.error, failure.cause].filter(Boolean).join(': '), 70);
  const output =
    event.taskSucceededEventDetails?.output ??
    event.executionSucceededEventDetails?.output ??
    event.executionStartedEventDetails?.input;
  return output === undefined ? '' : truncate(redactTokens(output, description), 60);
}

/**
 * Formats an execution's history as the console's "Execution event history" table: ID,
 * type (AWS's names), step, resource, elapsed milliseconds since the start, details.
 * Task tokens appear only redacted.
 */
export function formatHistory(description: ExecutionDescription): string {
  const start = description.events[0]?.timestamp.getTime() ?? description.startDate.getTime();
  let step = '-';
  const rows = description.events.map((event) => {
    const entered = event.stateEnteredEventDetails?.name;
    if (entered) step = entered;
    const exited = event.stateExitedEventDetails?.name;
    const isExecutionEvent = event.type.startsWith('Execution');
    const row = [
      String(event.id),
      event.type,
      isExecutionEvent ? '-' : (exited ?? step),
      resourceOf(event),
      String(event.timestamp.getTime() - start),
      detailsOf(event, description),
    ];
    if (exited) step = '-';
    return row;
  });
  const header = ['ID', 'Type', 'Step', 'Resource', 'Elapsed (ms)', 'Details'];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] as string).length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) =>
        column === 0 || column === 4
          ? cell.padStart(widths[column] as number)
          : cell.padEnd(widths[column] as number),
      )
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

/** The whole human report of one execution: summary, event history, SNS notifications. */
export function formatExecution(description: ExecutionDescription, expected: string): string {
  const took = (description.stopDate ?? new Date()).getTime() - description.startDate.getTime();
  const verdict = description.status === expected ? '(as expected)' : `(expected ${expected})`;
  const lines = [
    `Execution  ${description.executionArn}`,
    `Status     ${description.status} ${verdict} in ${took} ms`,
    '',
    'Execution event history',
    formatHistory(description),
    '',
  ];
  if (description.notifications.length === 0) {
    lines.push('SNS notification: none');
  } else {
    for (const notification of description.notifications) {
      lines.push('SNS notification');
      lines.push(`  Topic    ${notification.topicArn}`);
      if (notification.subject !== undefined) lines.push(`  Subject  ${notification.subject}`);
      lines.push(`  Message  ${redactTokens(notification.message, description)}`);
      lines.push(`  From     ${notification.stateName ?? '-'}`);
    }
  }
  lines.push(...formatBusEvents(description));
  if (description.output !== undefined)
    lines.push('', `Output     ${redactTokens(description.output, description)}`);
  if (description.error !== undefined || description.cause !== undefined) {
    lines.push(
      '',
      `Error      ${description.error ?? '-'}`,
      `Cause      ${description.cause ?? '-'}`,
    );
  }
  return lines.join('\n');
}

/** A JSON-ready copy of an execution, tokens redacted. */
export function executionToJson(description: ExecutionDescription, expected: string): unknown {
  const plain = {
    executionArn: description.executionArn,
    stateMachineArn: description.stateMachineArn,
    name: description.name,
    status: description.status,
    expectedStatus: expected,
    asExpected: description.status === expected,
    startDate: description.startDate.toISOString(),
    stopDate: description.stopDate?.toISOString(),
    input: description.input,
    output: description.output,
    error: description.error,
    cause: description.cause,
    events: description.events,
    notifications: description.notifications,
  };
  return JSON.parse(redactTokens(JSON.stringify(plain), description));
}
