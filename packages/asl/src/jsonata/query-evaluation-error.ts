import { fieldError, type StatesError, StatesErrors } from '../states-error.js';

/**
 * A `States.QueryEvaluationError` of a JSONata field, with the field's path as `location`
 * ('Output/result', 'Items'), which the EvaluationFailed event reports next to the cause.
 */
export function queryEvaluationError(cause: string, location: string): StatesError {
  const error = fieldError(StatesErrors.QueryEvaluationError, cause);
  error.location = location;
  return error;
}

function opening(expression: string, field: string): string {
  return `The JSONata expression '${expression}' specified for the field '${field}'`;
}

/**
 * The expression evaluated to nothing. Recorded: variables/test_undefined_reference
 * (BASE_UNDEFINED_OUTPUT, _ASSIGN, _ARGUMENTS_FIELD, _OUTPUT_MULTIPLE_STATES).
 */
export function returnedNothingError(expression: string, field: string): StatesError {
  return queryEvaluationError(`${opening(expression, field)} returned nothing (undefined).`, field);
}

/**
 * The expression evaluated to something that is not JSON (a function, ...). Recorded:
 * map/test_map_state_items_eval_jsonata_fail_function.
 */
export function unsupportedResultError(expression: string, field: string): StatesError {
  return queryEvaluationError(
    `${opening(expression, field)} returned an unsupported result type.`,
    field,
  );
}

/**
 * The expression evaluated to JSON of a type the field does not accept. Recorded (no final
 * period): map/test_map_state_items_eval_jsonata_fail_{boolean,null,number,string} and
 * map/test_map_state_items_eval_jsonata_variable_sampling_fail_object.
 */
export function unexpectedTypeError(
  expression: string,
  field: string,
  expected: string,
  actual: string,
  valueText: string,
): StatesError {
  return queryEvaluationError(
    `${opening(expression, field)} returned an unexpected result type. Expected '${expected}', but was '${actual}' for value: ${valueText}`,
    field,
  );
}

/**
 * The JSONata evaluator threw. AWS writes `. CODE: message` after a coded JSONata error and
 * `: message` after an uncoded one (not in the corpus; measured against AWS TestState and
 * quoted in floci-io/floci issues #2736 and #2737).
 */
export function threwError(
  expression: string,
  field: string,
  code: string | undefined,
  message: string,
): StatesError {
  const tail = code === undefined ? `: ${message}` : `. ${code}: ${message}`;
  return queryEvaluationError(
    `${opening(expression, field)} threw an error during evaluation${tail}`,
    field,
  );
}
