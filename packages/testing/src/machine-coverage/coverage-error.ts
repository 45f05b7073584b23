/**
 * State machine coverage that cannot be collected, reported or read as asked: a threshold
 * that is not a percentage, a report directory that cannot be written, a coverage file that
 * is not one or was measured on another definition, thresholds not met. `code` tells the
 * cases apart; the message names what was wrong.
 */
export class CoverageError extends Error {
  override readonly name = 'CoverageError';
  readonly code: CoverageErrorCode;

  constructor(code: CoverageErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

/** Why a {@link CoverageError} was thrown. */
export type CoverageErrorCode =
  /** An option of `stateMachineCoverage` is not valid (a threshold not in 0–100, ...). */
  | 'INVALID_OPTION'
  /** The report directory (or a file in it) cannot be written. */
  | 'UNWRITABLE'
  /** A coverage file cannot be read, or is not state machine coverage. */
  | 'INVALID_FILE'
  /** A coverage file was measured on another definition than the one it is applied to. */
  | 'OTHER_DEFINITION'
  /** Coverage is under a threshold. */
  | 'THRESHOLD';
