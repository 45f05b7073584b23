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
