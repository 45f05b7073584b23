import { StatesError, StatesErrors } from '../states-error.js';

/** `States.ItemReaderFailed`, with the cause AWS gives or one that says what to fix. */
export function itemReaderFailed(cause: string): StatesError {
  return new StatesError(StatesErrors.ItemReaderFailed, cause);
}
