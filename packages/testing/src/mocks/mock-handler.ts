import { hash } from 'node:crypto';
import {
  type Json,
  type MockFieldValidationMode,
  StatesError,
  StatesErrors,
  type TaskHandler,
  type TaskRequest,
  type TaskResource,
} from '@sfn-callback/asl';
import { StateMachineTestError } from '../errors.js';
import { checkMockResult } from './check-mock-result.js';
import {
  isMockedError,
  type MockedAttempt,
  type MockFunction,
  type ResourceMocks,
  type StateMock,
  type StateMocks,
} from './state-mock.js';

/** What the mock handler needs from the execution it serves. */
export interface MockHost {
  /** An unmocked `.waitForTaskToken` task: the test answers it. */
  awaitTest(request: TaskRequest): void;
  /** A mocked `.waitForTaskToken` task: answer its token with this output. */
  answerToken(token: string, output: Json): void;
  /** The test cannot go on: every wait of the test rejects with this error. */
  fatal(error: StateMachineTestError): void;
  /** A mock function started / ended (time does not move while one works). */
  begin(): void;
  end(): void;
}

export interface MockHandlerOptions {
  readonly states: StateMocks;
  readonly resources: ResourceMocks;
  readonly validation: MockFieldValidationMode;
}

/** The service call a `.waitForTaskToken` task makes, answered as the service would. */
function submittedAnswer(request: TaskRequest, messageNumber: number): Json {
  const messageId = `00000000-0000-4000-8000-${String(messageNumber).padStart(12, '0')}`;
  const parameters = (request.parameters ?? {}) as Record<string, Json>;
  if (request.resource.resourceType === 'sqs') {
    const body = parameters.MessageBody;
    const text = typeof body === 'string' ? body : JSON.stringify(body ?? null);
    return { MD5OfMessageBody: hash('md5', text), MessageId: messageId };
  }
  if (request.resource.resourceType === 'sns') return { MessageId: messageId };
  return {};
}

function byResource(resources: ResourceMocks, resource: TaskResource): StateMock | undefined {
  return (
    resources[resource.arn] ??
    resources[`${resource.resourceType.replace(/^aws-sdk:/, '')}:${resource.action}`]
  );
}

/**
 * The Task handler of a test execution: each Task attempt answered by its mock (by state
 * name, else by resource), invocations counted per state as Step Functions Local counts
 * them; an unmocked `.waitForTaskToken` task waits for the test; any other unmocked Task
 * stops the test with a message that says how to mock it.
 */
export function mockHandler(options: MockHandlerOptions, host: MockHost): TaskHandler {
  const invocations = new Map<string, number>();
  let messages = 0;
  return async (request) => {
    const { stateName, resource } = request;
    const mock = options.states[stateName] ?? byResource(options.resources, resource);
    if (mock === undefined) {
      if (resource.pattern === 'waitForTaskToken') {
        host.awaitTest(request);
        return submittedAnswer(request, ++messages);
      }
      const error = new StateMachineTestError(
        'UNMOCKED_TASK',
        `state "${stateName}" calls ${resource.arn} and no mock answers it: add mocks: { ${JSON.stringify(stateName)}: { result: … } } or resources: { ${JSON.stringify(`${resource.resourceType}:${resource.action}`)}: … } to the test`,
      );
      host.fatal(error);
      throw new StatesError(StatesErrors.Runtime, error.message);
    }
    const invocation = invocations.get(stateName) ?? 0;
    invocations.set(stateName, invocation + 1);
    const answered = answer(mock, invocation, request, host);
    const result = answered instanceof Promise ? await answered : answered;
    const check = checkMockResult(stateName, resource, result, options.validation);
    if (check) {
      try {
        await check;
      } catch (error) {
        host.fatal(error as StateMachineTestError);
        throw new StatesError(StatesErrors.Runtime, (error as Error).message);
      }
    }
    if (resource.pattern === 'waitForTaskToken' && request.taskToken !== undefined) {
      // The engine opened the token before it called us: the answer waits for it.
      host.answerToken(request.taskToken, result);
      return submittedAnswer(request, ++messages);
    }
    return result;
  };
}

/** The mock's answer: a value at once, a promise only for a mock function. @throws StatesError */
function answer(
  mock: StateMock,
  invocation: number,
  request: TaskRequest,
  host: MockHost,
): Json | Promise<Json> {
  if (typeof mock === 'function') return callMock(mock, request, host);
  let attempt: MockedAttempt | undefined;
  if (Array.isArray(mock)) {
    const sequence = mock as readonly MockedAttempt[];
    attempt = sequence[invocation];
    if (attempt === undefined) {
      const error = new StateMachineTestError(
        'INVALID_MOCK',
        `the mock of state "${request.stateName}" answers ${sequence.length} invocation(s), and the state ran a ${ordinal(invocation + 1)} time: add an entry to its sequence`,
      );
      host.fatal(error);
      throw new StatesError(StatesErrors.Runtime, error.message);
    }
  } else {
    attempt = mock as MockedAttempt;
  }
  if (isMockedError(attempt)) throw new StatesError(attempt.error, attempt.cause ?? '');
  return attempt.result;
}

async function callMock(mock: MockFunction, request: TaskRequest, host: MockHost): Promise<Json> {
  host.begin();
  try {
    return await mock(request);
  } finally {
    host.end();
  }
}

const ordinal = (n: number): string =>
  `${n}${n % 10 === 1 && n % 100 !== 11 ? 'st' : n % 10 === 2 && n % 100 !== 12 ? 'nd' : n % 10 === 3 && n % 100 !== 13 ? 'rd' : 'th'}`;
