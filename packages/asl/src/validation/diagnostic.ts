/**
 * One finding of definition validation, shaped like a `ValidateStateMachineDefinition`
 * diagnostic: an ERROR makes CreateStateMachine refuse the definition, a WARNING does not.
 */
export interface Diagnostic {
  /** ERROR refuses the definition; WARNING only advises. */
  severity: 'ERROR' | 'WARNING';
  /** AWS's diagnostic code, e.g. `SCHEMA_VALIDATION_FAILED` or `MISSING_TRANSITION_TARGET`. */
  code: string;
  /** What is wrong, worded as AWS words it where that wording is recorded. */
  message: string;
  /** Where, as AWS writes it: `/States/<Name>/<Field>`; absent for the whole machine. */
  location?: string;
}

/** The diagnostic codes this validator emits (a subset of AWS's). */
export const DiagnosticCodes = {
  InvalidJson: 'INVALID_JSON_DESCRIPTION',
  Schema: 'SCHEMA_VALIDATION_FAILED',
  MissingEndState: 'MISSING_END_STATE',
  MissingTransitionTarget: 'MISSING_TRANSITION_TARGET',
  InvalidStateName: 'INVALID_STATE_NAME',
  InvalidJsonata: 'INVALID_JSONATA_EXPRESSION',
  TooDeeplyNested: 'TOO_DEEPLY_NESTED',
  NoDollar: 'NO_DOLLAR',
  NoPath: 'NO_PATH',
  PassResultIsStatic: 'PASS_RESULT_IS_STATIC',
} as const;
