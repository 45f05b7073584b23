export type {
  ConstantArgument,
  IntrinsicArgument,
  IntrinsicCall,
  PathArgument,
  StringArgument,
} from './ast.js';
export { evaluateIntrinsic, isIntrinsicCall } from './evaluate-intrinsic.js';
export { INTRINSIC_FUNCTION_NAMES, type IntrinsicName, isIntrinsicName } from './function-names.js';
export { IntrinsicSyntaxError } from './intrinsic-syntax-error.js';
export { MAX_INTRINSIC_NESTING, parseIntrinsic } from './parse-intrinsic.js';
