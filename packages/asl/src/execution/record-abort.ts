import { stateEventPrefix } from '../history/event-names.js';
import type { EventCursor } from '../history/history-recorder.js';
import type { Frame } from './frame.js';

const ABORTABLE_TYPES = new Set(['Task', 'Wait', 'Map', 'Parallel']);

/**
 * Recorded: when a Map or Parallel fails, each of its threads still inside a state that can
 * wait (a Task, a Wait, a nested Map or Parallel; the failed Task included) records that
 * state's `…StateAborted`, chained to the failure.
 */
export function recordActiveStateAborted(frame: Frame, at: EventCursor): void {
  const type = frame.active.type;
  if (type === undefined || !ABORTABLE_TYPES.has(type)) return;
  frame.active.type = undefined;
  frame.run.recorder.append(
    at,
    { type: `${stateEventPrefix(type)}Aborted` as 'TaskStateAborted' },
    false,
  );
}
