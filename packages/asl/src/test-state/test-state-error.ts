/** The error codes TestState refuses a request with, as the SDK's `error.name` shows them. */
export type TestStateErrorCode = 'ValidationException' | 'InvalidDefinition';

/**
 * TestState's refusal of a request (before anything runs): `code` is AWS's error code
 * (`ValidationException`, `InvalidDefinition`), `message` AWS's wording.
 */
export class TestStateRequestError extends Error {
  override readonly name = 'TestStateRequestError';

  constructor(
    readonly code: TestStateErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** A `ValidationException`. */
export function validationError(message: string): TestStateRequestError {
  return new TestStateRequestError('ValidationException', message);
}
