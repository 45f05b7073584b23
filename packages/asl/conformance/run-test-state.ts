import type { Json, JsonObject, TestStateRequest, TestStateResponse } from '../src/index.ts';
import { isJsonObject } from '../src/json.ts';
import { compareJson, type Difference, parseJsonText } from './compare.ts';
import type { ConformanceCase } from './load-cases.ts';
import { Bindings } from './placeholders.ts';
import { seededRandom } from './random.ts';
import type { CaseResult, EngineModule } from './run-case.ts';
import { substitutionWords } from './run-case.ts';
import { CaseWorld } from './services/case-services.ts';

/** The virtual time TestState cases start at (as execution cases do). */
const TEST_STATE_START = Date.parse('2024-01-01T00:00:00Z');

/** Fields of a TestState response (and of its `inspectionData`) that AWS returns as JSON text. */
const JSON_TEXT_FIELDS: ReadonlySet<string> = new Set([
  'output',
  'cause',
  'input',
  'afterInputPath',
  'afterParameters',
  'afterArguments',
  'result',
  'afterResultSelector',
  'afterResultPath',
  'afterItemsPath',
  'afterItemSelector',
  'variables',
]);

/** A response with its JSON-text fields parsed, as the corpus stores recordings. */
function parsedResponse(response: JsonObject): JsonObject {
  const result: JsonObject = {};
  for (const [key, value] of Object.entries(response)) {
    if (value === undefined) continue;
    if (key === 'inspectionData' && isJsonObject(value)) result[key] = parsedResponse(value);
    else result[key] = JSON_TEXT_FIELDS.has(key) ? (parseJsonText(value) as Json) : value;
  }
  return result;
}

/** The TestState request a case recorded, with its definition. */
export function caseRequest(testCase: ConformanceCase): TestStateRequest {
  return {
    ...(testCase.testState?.request ?? {}),
    definition: testCase.definition,
  } as unknown as TestStateRequest;
}

/** The error code a test_state_exception case recorded. */
export function recordedErrorCode(recorded: JsonObject | undefined): string | undefined {
  if (!recorded) return undefined;
  const error = recorded.Error;
  if (isJsonObject(error) && typeof error.Code === 'string') return error.Code;
  return typeof recorded.exception_typename === 'string' ? recorded.exception_typename : undefined;
}

/** The message a test_state_exception case recorded, without the SDK's prefix. */
function recordedMessage(recorded: JsonObject | undefined): string | undefined {
  if (!recorded) return undefined;
  const error = recorded.Error;
  if (isJsonObject(error) && typeof error.Message === 'string') return error.Message;
  if (typeof recorded.exception_value !== 'string') return undefined;
  return recorded.exception_value.replace(
    /^An error occurred \(\w+\) when calling the \w+ operation: /,
    '',
  );
}

function result(
  testCase: ConformanceCase,
  began: number,
  differences: Difference[],
  problems: string[],
  status: string,
  world?: CaseWorld,
): CaseResult {
  return {
    id: testCase.id,
    area: testCase.area,
    kind: testCase.kind,
    passed: differences.length === 0,
    differences,
    actual: { status },
    calls: world?.notes ?? [],
    problems: [...problems, ...(world?.problems ?? [])],
    ms: performance.now() - began,
  };
}

/**
 * Runs a `test_state` case through `testState` and compares the response with the recorded
 * one (status, output, error, cause, nextState, inspectionData; placeholders as wildcards,
 * JSON-text fields parsed on both sides); a `test_state_exception` case must be refused with
 * the recorded error code.
 */
export async function runTestStateCase(
  testCase: ConformanceCase,
  engine: EngineModule,
  options: { all?: boolean } = {},
): Promise<CaseResult> {
  const began = performance.now();
  const clock = new engine.VirtualClock(TEST_STATE_START);
  const random = seededRandom(testCase.id);
  const world = new CaseWorld(testCase, {
    clock,
    uuid: random.uuid,
    runChild: async () => {
      throw new Error('TestState cases start no child executions');
    },
  });
  const hooks = world.execution(false);
  const problems: string[] = [];
  let response: TestStateResponse | undefined;
  let thrown: unknown;
  try {
    response = await engine.testState(caseRequest(testCase), {
      clock,
      random,
      tasks: hooks.tasks,
      issueTaskToken: hooks.issueTaskToken,
      region: 'us-east-1',
      accountId: '111111111111',
    });
  } catch (error) {
    thrown = error;
  }

  if (testCase.kind === 'test_state_exception') {
    const want = recordedErrorCode(testCase.expected.testStateException);
    if (thrown instanceof engine.TestStateRequestError) {
      const differences: Difference[] =
        thrown.code === want
          ? []
          : [{ path: 'exception.code', expected: want ?? null, actual: thrown.code }];
      // The message is informative (README): a different wording is noted, not failed.
      const recorded = recordedMessage(testCase.expected.testStateException);
      if (recorded !== undefined && recorded !== thrown.message) {
        problems.push(`message differs: recorded ${JSON.stringify(recorded)}`);
      }
      problems.push(`refused: ${thrown.code}: ${thrown.message}`);
      return result(testCase, began, differences, problems, thrown.code, world);
    }
    if (thrown)
      problems.push(`engine threw: ${thrown instanceof Error ? thrown.stack : String(thrown)}`);
    return result(
      testCase,
      began,
      [
        {
          path: 'exception.code',
          expected: want ?? null,
          actual: thrown ? 'EngineThrew' : (response?.status ?? null),
          message: 'the request was not refused',
        },
      ],
      problems,
      thrown ? 'HARNESS_ERROR' : (response?.status ?? 'NONE'),
      world,
    );
  }

  if (!response) {
    const message =
      thrown instanceof engine.TestStateRequestError
        ? `refused: ${thrown.code}: ${thrown.message}`
        : `engine threw: ${thrown instanceof Error ? (thrown.stack ?? thrown.message) : String(thrown)}`;
    problems.push(message);
    return result(
      testCase,
      began,
      [{ path: 'status', expected: testCase.expected.status, actual: 'REFUSED', message }],
      problems,
      'REFUSED',
      world,
    );
  }
  const expected = testCase.expected.testStateResponse ?? {};
  const actual = parsedResponse(response as unknown as JsonObject);
  const differences: Difference[] = [];
  const bindings = new Bindings();
  const bareWords = substitutionWords(testCase);
  const want = parsedResponse(expected);
  // Key by key, so that `--verbose` lists each field that differs.
  for (const key of new Set([...Object.keys(want), ...Object.keys(actual)])) {
    const difference = compareJson(want[key], actual[key], key, bindings, bareWords);
    if (difference) {
      differences.push(difference);
      if (!options.all) break;
    }
  }
  return result(testCase, began, differences, problems, response.status, world);
}

/** A `create_rejected` case: `StateMachine.fromDefinition` must refuse it with InvalidDefinition. */
export async function runCreateRejectedCase(
  testCase: ConformanceCase,
  engine: EngineModule,
): Promise<CaseResult> {
  const began = performance.now();
  const want = recordedErrorCode(testCase.expected.createStateMachineError) ?? 'InvalidDefinition';
  try {
    engine.StateMachine.fromDefinition(testCase.definition);
  } catch (error) {
    if (error instanceof engine.InvalidDefinitionError) {
      const differences: Difference[] =
        error.code === want ? [] : [{ path: 'exception.code', expected: want, actual: error.code }];
      return result(testCase, began, differences, [`rejected: ${error.message}`], error.code);
    }
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    return result(
      testCase,
      began,
      [{ path: 'exception.code', expected: want, actual: 'EngineThrew' }],
      [`engine threw: ${message}`],
      'HARNESS_ERROR',
    );
  }
  return result(
    testCase,
    began,
    [
      {
        path: 'exception.code',
        expected: want,
        actual: null,
        message: 'the definition was accepted',
      },
    ],
    [],
    'CREATED',
  );
}
