/** Errors the service's front end raises, named in the `com.amazon.coral.service` namespace. */
const FRONT_END_ERRORS = new Set(['UnknownOperationException', 'SerializationException']);

/**
 * An error answered in the shape of the Step Functions JSON 1.0 protocol:
 * HTTP 400 with `{"__type": "com.amazonaws.sfn#<Name>", "message": …}`
 * (`com.amazon.coral.service#…` for the protocol's own `UnknownOperationException` and
 * `SerializationException`, as AWS answers them). The SDKs and the CLI read the name after `#`.
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
    const namespace = FRONT_END_ERRORS.has(this.type)
      ? 'com.amazon.coral.service'
      : 'com.amazonaws.sfn';
    return { __type: `${namespace}#${this.type}`, message: this.message };
  }
}

/** A member's value in a validation message, as AWS shows it: `'text' `, `null `, or nothing. */
function shown(value: unknown): string {
  if (value === undefined) return '';
  if (value === null) return 'null ';
  return `'${String(value)}' `;
}

/**
 * A `ValidationException` naming the member that failed its constraint, in AWS's words:
 * "1 validation error detected: Value '<value>' at '<member>' failed to satisfy constraint: …"
 * (`value` undefined: not shown, for long or sensitive members; null: shown as `null`).
 */
export function validationError(member: string, constraint: string, value?: unknown): SfnApiError {
  return new SfnApiError(
    'ValidationException',
    `1 validation error detected: Value ${shown(value)}at '${member}' failed to satisfy constraint: ${constraint}`,
  );
}
