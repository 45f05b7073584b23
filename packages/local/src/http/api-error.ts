/**
 * An error answered in the shape of the Step Functions JSON 1.0 protocol:
 * HTTP 400 with `{"__type": "com.amazonaws.sfn#<Name>", "message": …}`.
 */
export class SfnApiError extends Error {
  readonly type: string;
  readonly statusCode: number;

  constructor(type: string, message: string, statusCode = 400) {
    super(message);
    this.name = type;
    this.type = type;
    this.statusCode = statusCode;
  }

  /** The response body. */
  toJSON(): { __type: string; message: string } {
    return { __type: `com.amazonaws.sfn#${this.type}`, message: this.message };
  }
}

/** A `ValidationException` naming the member that failed its constraint. */
export function validationError(member: string, constraint: string): SfnApiError {
  return new SfnApiError(
    'ValidationException',
    `1 validation error detected: Value at '${member}' failed to satisfy constraint: ${constraint}`,
  );
}
