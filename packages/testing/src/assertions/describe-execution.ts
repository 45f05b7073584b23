import type { ExecutionResult } from '@sfn-callback/asl';
import type { StateVisit } from '../trace/state-visit.js';

/** What a message needs to say what an execution did. */
export interface DescribedExecution {
  readonly name: string;
  readonly visits: readonly StateVisit[];
  readonly result: ExecutionResult | undefined;
}

/** One line per visit: `Charge Card (Task) failed attempt 1: Card.Declined → caught → Refund`. */
function describeVisit(visit: StateVisit): string {
  const notes: string[] = [];
  visit.errors.forEach((error, i) => {
    notes.push(
      `attempt ${i + 1} failed: ${error.error}${error.cause ? ` (${truncate(error.cause, 80)})` : ''}`,
    );
  });
  if (visit.caught) notes.push('caught');
  if (visit.status === 'running') notes.push('running');
  if (visit.status === 'failed') notes.push('the error left the state');
  return `${visit.label} (${visit.type})${notes.length ? `: ${notes.join('; ')}` : ''}`;
}

function truncate(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}

/** How the execution stands: its status and the states it took, numbered. */
export function describeExecution(execution: DescribedExecution): string {
  const result = execution.result;
  const status = result
    ? `${result.status}${result.error !== undefined ? ` with ${result.error}${result.cause ? `: ${truncate(result.cause, 200)}` : ''}` : ''}`
    : 'RUNNING';
  const lines = execution.visits.map((visit, i) => `  ${i + 1}. ${describeVisit(visit)}`);
  return `execution "${execution.name}" is ${status}; the states it took:\n${lines.join('\n') || '  (none)'}`;
}
