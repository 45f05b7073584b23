export { evaluateJsonataBody } from './evaluate-expression.js';
export {
  evaluateJsonataTemplate,
  isJsonataExpression,
  type JsonataStates,
} from './evaluate-template.js';
export { expectJsonataType, type JsonataExpectedType, jsonTypeName } from './expect-type.js';
export { jsonataExpressionBody } from './expression-syntax.js';
export { queryEvaluationError } from './query-evaluation-error.js';
export { type JsonataSyntaxError, jsonataSyntaxError } from './syntax-check.js';
