import { compileJsonata } from './compile.js';

/** jsonata's parse error: its code (S0xxx) and message. */
export interface JsonataSyntaxError {
  readonly code: string;
  readonly message: string;
}

/**
 * The syntax error of an expression body (the text inside `{% %}`), or undefined when it
 * parses. For definition validation; compiling also warms the cache the evaluator uses.
 */
export function jsonataSyntaxError(body: string): JsonataSyntaxError | undefined {
  try {
    compileJsonata(body);
    return undefined;
  } catch (error) {
    const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
    return {
      code: typeof code === 'string' ? code : 'S0000',
      message: typeof message === 'string' ? message : String(error),
    };
  }
}
