import { StatesError, StatesErrors } from '../states-error.js';

/**
 * Turns whatever a state threw into the StatesError that Retry/Catch see, with AWS's
 * cause: a failure of the state's own fields gets the prefix naming the state and its
 * entered event; anything that is not a StatesError is a bug of ours or of a handler,
 * reported as States.Runtime with its message rather than lost.
 */
export function toStatesError(
  thrown: unknown,
  stateName: string,
  enteredEventId: number,
): StatesError {
  if (thrown instanceof StatesError) {
    if (!thrown.inState) return thrown;
    const located = new StatesError(
      thrown.error,
      `An error occurred while executing the state '${stateName}' (entered at the event id #${enteredEventId}). ${thrown.cause}`,
    );
    if (thrown.location !== undefined) located.location = thrown.location;
    return located;
  }
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  return new StatesError(
    StatesErrors.Runtime,
    `An error occurred while executing the state '${stateName}' (entered at the event id #${enteredEventId}). ${message}`,
  );
}

/** The error output a catcher passes on: `{ Error, Cause }`. */
export function errorOutput(error: StatesError): { Error: string | null; Cause: string | null } {
  // Recorded: a SendTaskFailure without error or cause gives nulls; a timeout's cause is "".
  return {
    Error: error.absentFields?.error ? null : error.error,
    Cause: error.absentFields?.cause ? null : error.cause,
  };
}
