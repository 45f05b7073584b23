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

/** The state a Map iteration event names (AWS puts the Map state's name in its details). */
function iterationStateOf(event: HistoryEvent): string | undefined {
  return (
    event.mapIterationStartedEventDetails ??
    event.mapIterationSucceededEventDetails ??
    event.mapIterationFailedEventDetails ??
    event.mapIterationAbortedEventDetails
  )?.name;
}

/**
 * Follows which state each event belongs to: the states entered and not yet exited, the
 * innermost last. An event that names its state (entered, exited, a Map iteration's) shows
 * that name; any other (`TaskScheduled`, `MapStateStarted`, …) the innermost open state.
 */
class StepTracker {
  readonly #open: string[] = [];

  /** The step column for `event`, and the open states updated past it. */
  stepOf(event: HistoryEvent): string {
    if (event.type.startsWith('Execution')) return '-';
    const entered = event.stateEnteredEventDetails?.name;
    if (entered !== undefined) {
      this.#open.push(entered);
      return entered;
    }
    const exited = event.stateExitedEventDetails?.name;
    if (exited !== undefined) {
      this.#closeAbove(exited, { including: true });
      return exited;
    }
    const iterated = iterationStateOf(event);
    if (iterated !== undefined) {
      // The states of the iteration before it have ended, exited or not (a failure).
      this.#closeAbove(iterated, { including: false });
      return iterated;
    }
    return this.#open.at(-1) ?? '-';
  }

  /** Closes the states opened after the last `name` (and `name` itself when `including`). */
  #closeAbove(name: string, { including }: { including: boolean }): void {
    const at = this.#open.lastIndexOf(name);
    if (at >= 0) this.#open.length = including ? at : at + 1;
  }
}

/** The widest cell of each column (a loop: a spread of 200,000 rows overflows the stack). */
function columnWidths(header: readonly string[], rows: readonly string[][]): number[] {
  const widths = header.map((title) => title.length);
  for (const row of rows) {
    row.forEach((cell, column) => {
      if (cell.length > (widths[column] as number)) widths[column] = cell.length;
    });
  }
  return widths;
}

/**
 * Formats an execution's history as the console's "Execution event history" table: ID,
 * type (AWS's names), step, resource, elapsed milliseconds since the start, details.
 * Task tokens appear only redacted. Any number of events (AWS allows 25,000; an emulated
 * history may hold more).
 */
export function formatHistory(description: ExecutionDescription): string {
  const start = description.events[0]?.timestamp.getTime() ?? description.startDate.getTime();
  const steps = new StepTracker();
  const rows = description.events.map((event) => [
    String(event.id),
    event.type,
    steps.stepOf(event),
    resourceOf(event),
    String(event.timestamp.getTime() - start),
    detailsOf(event, description),
  ]);
  const header = ['ID', 'Type', 'Step', 'Resource', 'Elapsed (ms)', 'Details'];
  const widths = columnWidths(header, rows);
  const line = (cells: string[]) =>
    cells
      .map((cell, column) =>
        column === 0 || column === 4
          ? cell.padStart(widths[column] as number)
          : cell.padEnd(widths[column] as number),
      )
      .join('  ')
      .trimEnd();
  const lines = [line(header)];
  for (const row of rows) lines.push(line(row));
  return lines.join('\n');
}

/**
 * The whole human report of one execution: summary, event history, SNS notifications.
 * @param realMs on virtual time, the real milliseconds it took (its dates are virtual).
 */
export function formatExecution(
  description: ExecutionDescription,
  expected: string,
  realMs?: number,
): string {
  const took = (description.stopDate ?? new Date()).getTime() - description.startDate.getTime();
  const verdict = description.status === expected ? '(as expected)' : `(expected ${expected})`;
  const duration =
    realMs === undefined ? `${took} ms` : `${took} ms of virtual time (${realMs} ms real)`;
  const lines = [
    `Execution  ${description.executionArn}`,
    `Status     ${description.status} ${verdict} in ${duration}`,
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
  for (const busLine of formatBusEvents(description)) lines.push(busLine);
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
