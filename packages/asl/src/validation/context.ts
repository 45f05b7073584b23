import type { Diagnostic } from './diagnostic.js';

/** The query language a state's fields are written in. */
export type QueryLanguage = 'JSONPath' | 'JSONata';

/**
 * What the rule groups share while one definition is validated: the diagnostics found so
 * far, the machine's top-level query language (nested states inherit it, not their
 * Map's/Parallel's), and the workflow type.
 */
export interface ValidationContext {
  readonly diagnostics: Diagnostic[];
  readonly topLanguage: QueryLanguage;
  readonly type: 'STANDARD' | 'EXPRESS';
}

/** Records an ERROR diagnostic. */
export function reportError(
  ctx: ValidationContext,
  code: string,
  message: string,
  location?: string,
): void {
  ctx.diagnostics.push(
    location === undefined
      ? { severity: 'ERROR', code, message }
      : { severity: 'ERROR', code, message, location },
  );
}

/** Records a WARNING diagnostic. */
export function reportWarning(
  ctx: ValidationContext,
  code: string,
  message: string,
  location: string,
): void {
  ctx.diagnostics.push({ severity: 'WARNING', code, message, location });
}

/** Records a SCHEMA_VALIDATION_FAILED error, the code AWS uses for most field problems. */
export function schemaError(ctx: ValidationContext, message: string, location: string): void {
  reportError(ctx, 'SCHEMA_VALIDATION_FAILED', message, location);
}
