import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateDefinition } from '../../../src/validation/validate-definition.js';

/**
 * Checks the validator against the AWS-recorded corpus, when it is present: every
 * definition CreateStateMachine refused is refused with the recorded code, and every
 * definition that ran on AWS is accepted (a false rejection is a bug).
 */
const CASES = '/work/shared/asl-conformance/cases';

interface Case {
  id: string;
  kind: string;
  definition: unknown;
  expected: { createStateMachineError?: { exception_value?: string } };
}

function loadCases(): Case[] {
  if (!existsSync(CASES)) return [];
  return readdirSync(CASES).flatMap((area) =>
    readdirSync(join(CASES, area))
      .filter((f) => f.endsWith('.json'))
      .map((f) => JSON.parse(readFileSync(join(CASES, area, f), 'utf8')) as Case),
  );
}

const cases = loadCases();

describe.skipIf(cases.length === 0)('recorded corpus', () => {
  const rejected = cases.filter((c) => c.kind === 'create_rejected');
  const accepted = cases.filter((c) => c.kind === 'execution' || c.kind === 'choice-case');

  it('has the recorded rejections and executions', () => {
    expect(rejected.length).toBe(7);
    expect(accepted.length).toBe(832);
  });

  it.each(rejected.map((c) => [c.id, c] as const))('rejects %s with the recorded code', (_, c) => {
    const text = c.expected.createStateMachineError?.exception_value ?? '';
    const code = /Invalid State Machine Definition: '([A-Z_]+):/.exec(text)?.[1];
    expect(code).toBeDefined();
    const codes = validateDefinition(c.definition).map((d) => d.code);
    expect(codes).toContain(code);
  });

  it('accepts every definition that ran on AWS', () => {
    const falseRejections = accepted
      .map((c) => ({ id: c.id, errors: validateDefinition(c.definition) }))
      .filter((r) => r.errors.length > 0);
    expect(falseRejections).toEqual([]);
  });
});
