import { matchesChoiceRule } from '../choice/choice-rule.js';
import type { ActiveState } from '../execution/active-state.js';
import type { StateOutcome } from '../execution/state-outcome.js';
import type { Json, JsonObject } from '../json.js';
import { fieldError, StatesError, StatesErrors } from '../states-error.js';
import { applyOutputPath, effectiveInput } from './data-flow.js';

/**
 * Choice: the first rule that matches (JSONPath comparisons or a JSONata `Condition`)
 * names the next state, else `Default`, else States.NoChoiceMatched. A matching rule's
 * `Assign` / `Output` replace the state's own.
 */
export async function runChoiceState(run: ActiveState): Promise<StateOutcome> {
  const state = run.state;
  const rules = (state.Choices as JsonObject[] | undefined) ?? [];
  const input = run.jsonata ? run.input : effectiveInput(run);
  let matched: JsonObject | undefined;
  let matchedIndex = -1;
  for (let index = 0; index < rules.length; index++) {
    const rule = rules[index] as JsonObject;
    if (await ruleMatches(run, rule, input, index)) {
      matched = rule;
      matchedIndex = index;
      break;
    }
  }
  const next = matched ? (matched.Next as string) : (state.Default as string | undefined);
  if (next === undefined) {
    throw new StatesError(
      StatesErrors.NoChoiceMatched,
      `No Choice Rules matched and no Default was specified`,
    );
  }
  run.frame.run.onChoice?.({
    stateName: run.name,
    enteredEventId: run.enteredEventId,
    rule: matched ? matchedIndex : 'Default',
    next,
  });
  const assign = matched ? matched.Assign : state.Assign;
  if (run.jsonata) {
    const outputField = matched?.Output !== undefined ? matched.Output : state.Output;
    const [output, assigned] = await Promise.all([
      outputField === undefined ? run.input : run.evaluate(outputField, 'Output'),
      run.assignments(assign, input),
    ]);
    return { output, next, ...(assigned ? { assigned } : {}) };
  }
  const assigned = await run.assignments(assign, input);
  return { output: applyOutputPath(run, input), next, ...(assigned ? { assigned } : {}) };
}

async function ruleMatches(
  run: ActiveState,
  rule: JsonObject,
  input: Json,
  index: number,
): Promise<boolean> {
  if (!run.jsonata) return matchesChoiceRule(rule, input, run.scope);
  const field = `Choices/${index}/Condition`;
  const value = await run.evaluate(rule.Condition as Json, field);
  if (typeof value !== 'boolean') {
    const error = fieldError(
      StatesErrors.QueryEvaluationError,
      `The JSONata expression '${String(rule.Condition).replace(/^\{%\s*|\s*%\}$/g, '')}' specified for the field 'Condition' returned an unexpected result type. Expected 'boolean', but was '${value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value}' for value: ${JSON.stringify(value)}`,
    );
    error.location = field;
    throw error;
  }
  return value;
}
