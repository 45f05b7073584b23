import { describe, expect, it } from 'vitest';
import { diagnostics, errors, machine } from './helpers.js';

describe('state fields', () => {
  it('rejects a field the state type does not support, at the state', () => {
    // AWS's measured wording: Field 'TimeoutSeconds' is not supported at /States/M.
    const d = diagnostics(machine({ Type: 'Pass', TimeoutSeconds: 5 }));
    expect(d).toEqual([
      {
        severity: 'ERROR',
        code: 'SCHEMA_VALIDATION_FAILED',
        message: "Field 'TimeoutSeconds' is not supported",
        location: '/States/S',
      },
    ]);
    expect(errors(machine({ Type: 'Pass', Catch: [] }))).toEqual([
      'SCHEMA_VALIDATION_FAILED@/States/S',
    ]);
    expect(errors(machine({ Type: 'Succeed', Assign: { a: 1 } }))).toEqual([
      'SCHEMA_VALIDATION_FAILED@/States/S',
    ]);
    expect(errors(machine({ Type: 'Fail', Next: 'S' }))).toEqual([
      'SCHEMA_VALIDATION_FAILED@/States/S',
    ]);
  });

  it('rejects an unknown or missing Type', () => {
    expect(errors(machine({ Type: 'Lambda' }))).toEqual([
      'SCHEMA_VALIDATION_FAILED@/States/S/Type',
    ]);
    expect(errors({ StartAt: 'S', States: { S: { End: true } } })).toEqual([
      'SCHEMA_VALIDATION_FAILED@/States/S',
    ]);
  });

  it('requires each type’s own fields', () => {
    expect(diagnostics(machine({ Type: 'Task' }))[0]?.message).toBe(
      'These fields are required: [Resource]',
    );
    expect(errors(machine({ Type: 'Choice', Default: 'S' }))).toContain(
      'SCHEMA_VALIDATION_FAILED@/States/S',
    );
    expect(errors(machine({ Type: 'Map' }))).toEqual(['SCHEMA_VALIDATION_FAILED@/States/S']);
    expect(errors(machine({ Type: 'Parallel' }))).toEqual(['SCHEMA_VALIDATION_FAILED@/States/S']);
  });

  it('rejects empty Branches as AWS does (test_state/test_parallel_state_empty_branches)', () => {
    const d = diagnostics({
      StartAt: 'StateName',
      States: { StateName: { Type: 'Parallel', Branches: [], End: true } },
    });
    expect(d.map((x) => `${x.code}: ${x.message} at ${x.location}`)).toEqual([
      'SCHEMA_VALIDATION_FAILED: Value cannot be empty at /States/StateName/Branches',
    ]);
  });

  it('accepts the legacy Iterator but not both Iterator and ItemProcessor', () => {
    const block = { StartAt: 'I', States: { I: { Type: 'Pass', End: true } } };
    expect(errors(machine({ Type: 'Map', Iterator: block }))).toEqual([]);
    expect(errors(machine({ Type: 'Map', Iterator: block, ItemProcessor: block }))).toContain(
      'SCHEMA_VALIDATION_FAILED@/States/S',
    );
  });

  it('rejects an ItemProcessor declaring QueryLanguage', () => {
    const block = {
      QueryLanguage: 'JSONata',
      StartAt: 'I',
      States: { I: { Type: 'Pass', End: true } },
    };
    expect(errors(machine({ Type: 'Map', ItemProcessor: block }))).toEqual([
      'SCHEMA_VALIDATION_FAILED@/States/S/ItemProcessor',
    ]);
  });
});

describe('query language', () => {
  it('rejects JSONPath-only fields in a JSONata state', () => {
    const d = diagnostics(machine({ Type: 'Pass', QueryLanguage: 'JSONata', Parameters: {} }));
    expect(d.map((x) => x.message)).toEqual([
      "The QueryLanguage is set to 'JSONata', but field 'Parameters' is only supported for the 'JSONPath' QueryLanguage",
    ]);
    expect(
      errors(machine({ Type: 'Wait', SecondsPath: '$.s' }, { QueryLanguage: 'JSONata' })),
    ).toEqual(['SCHEMA_VALIDATION_FAILED@/States/S']);
  });

  it('rejects JSONata-only fields in a JSONPath state, including nested states', () => {
    const d = diagnostics(machine({ Type: 'Pass', Output: { a: 1 } }));
    expect(d.map((x) => x.message)).toEqual([
      "The QueryLanguage is set to 'JSONPath', but field 'Output' is only supported for the 'JSONata' QueryLanguage",
    ]);
    // Nested states inherit the machine's language, not the Map's.
    const def = machine({
      Type: 'Map',
      QueryLanguage: 'JSONata',
      ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', Output: 1, End: true } } },
    });
    expect(errors(def)).toEqual(['SCHEMA_VALIDATION_FAILED@/States/S/ItemProcessor/States/P']);
  });

  it('allows JSONPath→JSONata per state (query_language recordings) but not JSONata→JSONPath', () => {
    // query_language/test_query_language_field_override[JSONATA_OVERRIDE]
    expect(
      errors(machine({ Type: 'Pass', QueryLanguage: 'JSONata' }, { QueryLanguage: 'JSONPath' })),
    ).toEqual([]);
    const d = diagnostics(
      machine({ Type: 'Pass', QueryLanguage: 'JSONPath' }, { QueryLanguage: 'JSONata' }),
    );
    expect(d.map((x) => x.message)).toEqual([
      "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine",
    ]);
  });

  it('rejects an unknown QueryLanguage value', () => {
    expect(errors(machine({ Type: 'Pass', QueryLanguage: 'jsonata' }))).toEqual([
      'SCHEMA_VALIDATION_FAILED@/States/S/QueryLanguage',
    ]);
  });
});
