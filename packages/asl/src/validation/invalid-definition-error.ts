import type { Diagnostic } from './diagnostic.js';
import { validateDefinition } from './validate-definition.js';

/**
 * CreateStateMachine's refusal of a definition: the `InvalidDefinition` error, with the
 * message AWS words it with (`Invalid State Machine Definition: 'CODE: message at
 * location, ...'`) and the diagnostics it was built from.
 */
export class InvalidDefinitionError extends Error {
  override readonly name = 'InvalidDefinitionError';
  /** The AWS error code, as the SDK's `error.name` shows it. */
  readonly code = 'InvalidDefinition';
  /** The ERROR diagnostics that refused the definition. */
  readonly diagnostics: readonly Diagnostic[];

  constructor(diagnostics: readonly Diagnostic[]) {
    // AWS writes `at null` for a diagnostic without location (a missing terminal state).
    const parts = diagnostics.map((d) => `${d.code}: ${d.message} at ${d.location ?? 'null'}`);
    super(`Invalid State Machine Definition: '${parts.join(', ')}'`);
    this.diagnostics = diagnostics;
  }
}

/**
 * Validates `definition` (parsed or JSON text) and throws {@link InvalidDefinitionError}
 * when it has any ERROR diagnostic, as CreateStateMachine refuses it; warnings never throw.
 */
export function assertValidDefinition(
  definition: unknown,
  options?: { type?: 'STANDARD' | 'EXPRESS' },
): void {
  const errors = validateDefinition(definition, { type: options?.type ?? 'STANDARD' });
  if (errors.length > 0) throw new InvalidDefinitionError(errors);
}
