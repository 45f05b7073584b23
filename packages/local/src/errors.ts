/**
 * Errors the local runner raises about the app it was given (not about an execution: an
 * execution's failure is a status, not an exception).
 */

/** The cloud assembly uses a feature the local runner does not emulate. */
export class UnsupportedFeatureError extends Error {
  override readonly name = 'UnsupportedFeatureError';
}

/** The cloud assembly cannot be read, or does not hold what the runner needs. */
export class AssemblyError extends Error {
  override readonly name = 'AssemblyError';
}
