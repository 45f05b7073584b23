import aslValidator from 'asl-validator';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { describe, expect, test } from 'vitest';
import { CALLBACK_PATTERN_STATE_NAMES, CallbackPattern } from '../src/index.js';
import { definitionOf, FIXTURE_FUNCTION, templateOf, testStack } from './helpers.js';

function definitionFor(queryLanguage: sfn.QueryLanguage) {
  const stack = testStack();
  new CallbackPattern(stack, 'Pattern', { lambdaFunctionProps: FIXTURE_FUNCTION, queryLanguage });
  return definitionOf(templateOf(stack));
}

describe('the synthesized definition is valid Amazon States Language (asl-validator)', () => {
  for (const [name, language] of [
    ['JSONPath', sfn.QueryLanguage.JSON_PATH],
    ['JSONata', sfn.QueryLanguage.JSONATA],
  ] as const) {
    test(name, () => {
      const definition = definitionFor(language);
      expect(definition.QueryLanguage).toBe(name);
      const result = aslValidator(structuredClone(definition));
      expect(result.errorsText('\n')).toBe('');
      expect(result.isValid).toBe(true);
    });
  }

  test('the validator rejects a broken definition (a transition to a missing state)', () => {
    const definition = definitionFor(sfn.QueryLanguage.JSON_PATH);
    const states = definition.States as Record<string, Record<string, unknown>>;
    delete states[CALLBACK_PATTERN_STATE_NAMES.fail];
    expect(aslValidator(definition).isValid).toBe(false);
  });
});
