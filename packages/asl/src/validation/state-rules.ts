import { isJsonObject } from '../json.js';
import { checkAssign } from './assign.js';
import { checkChoices } from './choice-rules.js';
import { type QueryLanguage, reportError, schemaError, type ValidationContext } from './context.js';
import { checkJsonataFields } from './jsonata-fields.js';
import { checkJsonPathFields, checkResultPath } from './jsonpath-fields.js';
import { checkMapLimits, checkTaskTimeouts, checkWait } from './limits.js';
import { checkResource } from './resources.js';
import { checkCatch, checkRetry } from './retry-catch.js';
import { checkStateFields } from './state-fields.js';

/** A nested `States` block a state holds (a Parallel branch, a Map item processor). */
export interface NestedBlock {
  readonly block: unknown;
  readonly location: string;
  readonly kind: 'Branch' | 'ItemProcessor' | 'Iterator';
}

/** The effective query language of a state, checking its own `QueryLanguage` field. */
function languageOf(
  ctx: ValidationContext,
  state: Record<string, unknown>,
  location: string,
): QueryLanguage {
  if (!('QueryLanguage' in state)) return ctx.topLanguage;
  const ql = state.QueryLanguage;
  if (ql !== 'JSONPath' && ql !== 'JSONata') {
    schemaError(
      ctx,
      "The value of 'QueryLanguage' must be 'JSONPath' or 'JSONata'",
      `${location}/QueryLanguage`,
    );
    return ctx.topLanguage;
  }
  if (ql === 'JSONPath' && ctx.topLanguage === 'JSONata') {
    // AWS's measured wording: a JSONata machine cannot go back to JSONPath per state.
    schemaError(
      ctx,
      "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine",
      location,
    );
  }
  return ql;
}

/**
 * Checks one state's own fields (everything but the transitions between states, which
 * the block checks) and returns the nested blocks it holds, for the caller to check.
 */
export function checkState(
  ctx: ValidationContext,
  state: unknown,
  location: string,
): NestedBlock[] {
  if (!isJsonObject(state)) {
    schemaError(ctx, 'A state must be an object', location);
    return [];
  }
  const language = languageOf(ctx, state, location);
  if (!checkStateFields(ctx, state, language, location)) return [];
  const type = state.Type as string;

  if (type !== 'Choice' && type !== 'Succeed' && type !== 'Fail') {
    const hasNext = 'Next' in state;
    const ends = state.End === true;
    if (hasNext && 'End' in state) {
      schemaError(ctx, "Only one of 'Next' or 'End' can be given", location);
    } else if (!hasNext && !ends) {
      reportError(
        ctx,
        'MISSING_END_STATE',
        `State '${location.slice(location.lastIndexOf('/') + 1)}' has neither 'Next' nor 'End': give it a 'Next' state or "End": true`,
        location,
      );
    }
  }

  if (language === 'JSONPath') checkJsonPathFields(ctx, state, location);
  else checkJsonataFields(ctx, state, location);

  if ('Assign' in state) checkAssign(ctx, state.Assign, language, `${location}/Assign`);
  if ('Retry' in state) checkRetry(ctx, state.Retry, `${location}/Retry`);
  if ('Catch' in state) {
    checkCatch(ctx, state.Catch, language, `${location}/Catch`).forEach((catcher, i) => {
      const at = `${location}/Catch[${i}]`;
      if ('Assign' in catcher) checkAssign(ctx, catcher.Assign, language, `${at}/Assign`);
      if ('ResultPath' in catcher && language === 'JSONPath') {
        checkResultPath(ctx, catcher.ResultPath, `${at}/ResultPath`);
      }
    });
  }

  switch (type) {
    case 'Task':
      checkResource(ctx, state, location);
      checkTaskTimeouts(ctx, state, location);
      return [];
    case 'Wait':
      checkWait(ctx, state, location);
      return [];
    case 'Choice':
      checkChoices(ctx, state, language, location);
      if (Array.isArray(state.Choices)) {
        state.Choices.forEach((rule, i) => {
          if (isJsonObject(rule) && 'Assign' in rule) {
            checkAssign(ctx, rule.Assign, language, `${location}/Choices[${i}]/Assign`);
          }
        });
      }
      return [];
    case 'Parallel':
      return parallelBranches(ctx, state, location);
    case 'Map':
      checkMapLimits(ctx, state, location);
      return mapProcessor(ctx, state, location);
    default:
      return [];
  }
}

function parallelBranches(
  ctx: ValidationContext,
  state: Record<string, unknown>,
  location: string,
): NestedBlock[] {
  if (!('Branches' in state)) {
    schemaError(ctx, 'These fields are required: [Branches]', location);
    return [];
  }
  const branches = state.Branches;
  if (!Array.isArray(branches) || branches.length === 0) {
    // Recorded wording (test_state/test_parallel_state_empty_branches).
    schemaError(ctx, 'Value cannot be empty', `${location}/Branches`);
    return [];
  }
  return branches.map((block, i) => ({
    block,
    location: `${location}/Branches[${i}]`,
    kind: 'Branch' as const,
  }));
}

function mapProcessor(
  ctx: ValidationContext,
  state: Record<string, unknown>,
  location: string,
): NestedBlock[] {
  const hasProcessor = 'ItemProcessor' in state;
  const hasIterator = 'Iterator' in state;
  if (hasProcessor === hasIterator) {
    schemaError(
      ctx,
      hasProcessor
        ? "Only one of 'ItemProcessor' or 'Iterator' can be given"
        : 'These fields are required: [ItemProcessor]',
      location,
    );
    if (!hasProcessor) return [];
  }
  if ('ItemSelector' in state && 'Parameters' in state) {
    schemaError(ctx, "Only one of 'ItemSelector' or 'Parameters' can be given", location);
  }
  const kind = hasProcessor ? 'ItemProcessor' : 'Iterator';
  return [{ block: state[kind], location: `${location}/${kind}`, kind }];
}
