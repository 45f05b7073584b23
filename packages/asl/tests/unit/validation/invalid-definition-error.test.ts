import { describe, expect, it } from 'vitest';
import {
  assertValidDefinition,
  InvalidDefinitionError,
} from '../../../src/validation/invalid-definition-error.js';
import { validateDefinition } from '../../../src/validation/validate-definition.js';
import { machine } from './helpers.js';

describe('InvalidDefinitionError', () => {
  it('words its message as CreateStateMachine does (wait/test_wait_timestamp_invalid[NO_Z])', () => {
    const def = {
      Comment: 'WAIT_TIMESTAMP',
      StartAt: 'WaitUntil',
      States: { WaitUntil: { Type: 'Wait', Timestamp: '2016-12-05T21:29:29', End: true } },
    };
    let caught: unknown;
    try {
      assertValidDefinition(def);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(InvalidDefinitionError);
    const err = caught as InvalidDefinitionError;
    expect(err.name).toBe('InvalidDefinitionError');
    expect(err.code).toBe('InvalidDefinition');
    expect(err.message).toBe(
      "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: String does not match RFC3339 timestamp at /States/WaitUntil/Timestamp'",
    );
    expect(err.diagnostics).toHaveLength(1);
  });

  it('joins several diagnostics and writes `at null` without a location', () => {
    const err = new InvalidDefinitionError(
      validateDefinition({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'A' } } }),
    );
    expect(err.message).toBe(
      "Invalid State Machine Definition: 'MISSING_END_STATE: Workflow has no terminal state at null'",
    );
  });

  it('does not throw for a valid definition or for warnings only', () => {
    expect(() =>
      assertValidDefinition(machine({ Type: 'Pass', Parameters: { a: '$.x' } })),
    ).not.toThrow();
  });

  it('reports JSON text that does not parse, and an empty definition', () => {
    expect(validateDefinition('{"StartAt": ').map((d) => d.code)).toEqual([
      'INVALID_JSON_DESCRIPTION',
    ]);
    expect(validateDefinition('').map((d) => d.code)).toEqual(['MISSING_DESCRIPTION']);
    expect(() => assertValidDefinition('[1]')).toThrow(InvalidDefinitionError);
  });
});
