/**
 * Errors the local runner raises about the app it was given (not about an execution: an
 * execution's failure is a status, not an exception). Every one extends
 * {@link LocalRunnerError}: a stable `code` and a literal `name` (a minifier renames
 * classes), the convention of the other `@sfn-callback` packages.
 */

/** Base class of the errors the local runner raises about the app it was given. */
export abstract class LocalRunnerError extends Error {
  /** Stable identifier of the error kind. */
  abstract readonly code: string;
}

/** The cloud assembly uses a feature the local runner does not emulate. */
export class UnsupportedFeatureError extends LocalRunnerError {
  override readonly name = 'UnsupportedFeatureError';
  readonly code = 'UnsupportedFeature';
}

/** The cloud assembly cannot be read, or does not hold what the runner needs. */
export class AssemblyError extends LocalRunnerError {
  override readonly name = 'AssemblyError';
  readonly code = 'Assembly';
}

/** The Node.js running the local runner lacks what its store needs (`node:sqlite`). */
export class UnsupportedNodeError extends LocalRunnerError {
  override readonly name = 'UnsupportedNodeError';
  readonly code = 'UnsupportedNode';
}
