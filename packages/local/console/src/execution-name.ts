import { MAX_NAME_LENGTH, nameProblem } from '../../src/model/resource-name.js';

/** The longest execution name AWS takes. */
export const MAX_EXECUTION_NAME_LENGTH = MAX_NAME_LENGTH;

/**
 * Why AWS would refuse `name` as an execution name (StartExecution's `InvalidName`), or
 * undefined when it is fine. Empty is fine: a name is then generated. The rule is the
 * endpoint's own (src/model/resource-name.ts).
 */
export function executionNameProblem(name: string): string | undefined {
  return name === '' ? undefined : nameProblem(name);
}
