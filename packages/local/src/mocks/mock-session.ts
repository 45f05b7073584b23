import { type Json, StatesError, StatesErrors, type TaskRequest } from '@sfn-callback/asl';
import type { MockedResponse, MockTestCase } from './mock-config.js';

/**
 * The mocked states of one execution's test case (`StartExecution` with
 * `stateMachineArn#TestCase`), counting each state's invocations (retries included, from
 * 0) to pick the entry of its mocked response, as Step Functions Local does:
 *
 * - request-response: `Return` is the task's result, `Throw` fails the attempt with its
 *   `Error` and `Cause`;
 * - `.waitForTaskToken`: the task is submitted, then `Return` answers the token as a
 *   SendTaskSuccess with that output would; `Throw` fails the task before it is submitted
 *   (no TaskSubmitted event);
 * - `.sync` / `.sync:2`: `Return` is the job's final description (e.g. DescribeExecution's
 *   shape for `states:startExecution.sync`), `Throw` the job's failure.
 *
 * An invocation the response has no entry for fails the execution with `States.Runtime`
 * (which no Catch matches), naming the state, the invocation and the response.
 */
export class MockSession {
  readonly testCaseName: string;
  readonly #mocked: MockTestCase;
  readonly #invocations = new Map<string, number>();
  readonly #answerToken: (token: string, output: Json) => void;

  /** @param answerToken answers a task token with success (the runner's SendTaskSuccess). */
  constructor(
    testCaseName: string,
    mocked: MockTestCase,
    answerToken: (token: string, output: Json) => void,
  ) {
    this.testCaseName = testCaseName;
    this.#mocked = mocked;
    this.#answerToken = answerToken;
  }

  /** Whether the test case mocks the state. */
  mocks(stateName: string): boolean {
    return this.#mocked.has(stateName);
  }

  /** Answers a Task attempt of a mocked state. @throws StatesError */
  answer(request: TaskRequest): Promise<Json> {
    const response = this.#mocked.get(request.stateName) as MockedResponse;
    const invocation = this.#invocations.get(request.stateName) ?? 0;
    this.#invocations.set(request.stateName, invocation + 1);
    const entry = response.entries.find((e) => invocation >= e.from && invocation <= e.to);
    if (!entry) {
      const last = response.entries.at(-1)?.to ?? -1;
      return Promise.reject(
        new StatesError(
          StatesErrors.Runtime,
          `The mocked response "${response.name}" of state "${request.stateName}" (test case "${this.testCaseName}") has no entry for invocation ${invocation}: it answers invocations 0-${last}. Add an entry "${invocation}" to MockedResponses.${response.name}.`,
        ),
      );
    }
    const { answer } = entry;
    if (answer.kind === 'throw') return Promise.reject(new StatesError(answer.error, answer.cause));
    if (request.resource.pattern === 'waitForTaskToken' && request.taskToken !== undefined) {
      // The engine opened the token before calling the handler: the answer waits for it.
      this.#answerToken(request.taskToken, answer.value);
      return Promise.resolve({});
    }
    return Promise.resolve(answer.value);
  }
}
