/**
 * An intrinsic function call that does not parse: AWS rejects such a definition at
 * CreateStateMachine ("must be a valid JSONPath or a valid intrinsic function call").
 */
export class IntrinsicSyntaxError extends Error {
  override readonly name = 'IntrinsicSyntaxError';

  constructor(
    /** The expression that failed to parse. */
    readonly expression: string,
    /** What is wrong, without the expression. */
    readonly reason: string,
    /** The offset in `expression` where parsing stopped. */
    readonly position: number,
  ) {
    super(`Invalid intrinsic function call '${expression}': ${reason} at position ${position}`);
  }
}
