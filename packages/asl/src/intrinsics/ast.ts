import type { IntrinsicName } from './function-names.js';

/** A `'string'` argument, its escapes already resolved. */
export interface StringArgument {
  readonly kind: 'string';
  readonly value: string;
  /**
   * The text around each unescaped `{}` (so `States.Format` can tell `{}` from `\{\}`), or
   * null when the literal holds an unescaped `{` or `}` that is not part of a `{}`.
   */
  readonly formatParts: readonly string[] | null;
}

/** A number, boolean or `null` argument. */
export interface ConstantArgument {
  readonly kind: 'constant';
  readonly value: number | boolean | null;
}

/** A path argument (`$.a`, `$$.Execution.Id`, `$var.x`), kept as its text. */
export interface PathArgument {
  readonly kind: 'path';
  readonly path: string;
}

/** A call of an intrinsic function, e.g. `States.Array(1, $.a)`. */
export interface IntrinsicCall {
  readonly kind: 'call';
  readonly name: IntrinsicName;
  readonly args: readonly IntrinsicArgument[];
}

/** Anything that may stand as an argument of an intrinsic function. */
export type IntrinsicArgument = StringArgument | ConstantArgument | PathArgument | IntrinsicCall;
