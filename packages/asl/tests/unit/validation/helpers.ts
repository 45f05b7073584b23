import type { Diagnostic } from '../../../src/validation/diagnostic.js';
import { validateDefinition } from '../../../src/validation/validate-definition.js';

/** A one-state machine holding `state` as `S` (End added unless the type forbids it). */
export function machine(
  state: Record<string, unknown>,
  top: Record<string, unknown> = {},
): unknown {
  const terminal = ['Choice', 'Succeed', 'Fail'].includes(String(state.Type));
  const s = terminal || 'Next' in state || 'End' in state ? state : { ...state, End: true };
  return { ...top, StartAt: 'S', States: { S: s } };
}

/** The ERROR diagnostics of `definition` as `CODE@location` strings. */
export function errors(definition: unknown): string[] {
  return validateDefinition(definition).map((d) => `${d.code}@${d.location ?? ''}`);
}

/** The ERROR diagnostics of `definition`. */
export function diagnostics(definition: unknown): Diagnostic[] {
  return validateDefinition(definition);
}
