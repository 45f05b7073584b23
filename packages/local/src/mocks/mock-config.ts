import { readFileSync } from 'node:fs';
import type { Json } from '@sfn-callback/asl';
import { lineAndColumn, memberLines } from './json-locations.js';
import { MockConfigError } from './mock-config-error.js';

/** One entry of a mocked response: what an invocation answers. */
export type MockedAnswer =
  | { readonly kind: 'return'; readonly value: Json }
  | { readonly kind: 'throw'; readonly error: string; readonly cause: string };

/** A mocked response: answers by invocation, `from`–`to` inclusive, consecutive from 0. */
export interface MockedResponse {
  readonly name: string;
  readonly entries: readonly {
    readonly from: number;
    readonly to: number;
    readonly answer: MockedAnswer;
  }[];
}

/** A test case: state name → mocked response. */
export type MockTestCase = ReadonlyMap<string, MockedResponse>;

const ATTEMPT_KEY = /^(\d+)(?:-(\d+))?$/;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const pointerOf = (...keys: string[]): string =>
  keys.map((key) => `/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');

/**
 * Step Functions Local's mock configuration file (the format LocalStack reads too):
 * `StateMachines` → state machine name → `TestCases` → test case → state → response
 * name; `MockedResponses` → response name → invocation keys (`"0"`, `"1-2"`) → `Return`
 * or `Throw {Error, Cause}`. Checked whole when loaded: a file that does not parse, a test
 * case naming a response that does not exist, an entry with both or neither of `Return`
 * and `Throw`, or invocation keys that are not consecutive from 0 is refused with the line,
 * the member and the reason.
 */
export class MockConfig {
  /** Where the file came from (for messages). */
  readonly source: string;
  readonly #machines: ReadonlyMap<string, ReadonlyMap<string, MockTestCase>>;
  readonly #lines: ReadonlyMap<string, number>;

  private constructor(
    source: string,
    machines: ReadonlyMap<string, ReadonlyMap<string, MockTestCase>>,
    lines: ReadonlyMap<string, number>,
  ) {
    this.source = source;
    this.#machines = machines;
    this.#lines = lines;
  }

  /** Reads and checks a file. @throws MockConfigError */
  static load(file: string): MockConfig {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new MockConfigError(file, `cannot be read: ${(error as Error).message}`);
    }
    return MockConfig.parse(text, file);
  }

  /** Checks the text of a file. @throws MockConfigError */
  static parse(text: string, source = 'mock config'): MockConfig {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      const message = (error as Error).message;
      const line = lineAndColumn(text, syntaxErrorOffset(text, message)).line;
      throw new MockConfigError(source, `is not JSON: ${message}`, {
        ...(line !== undefined ? { line } : {}),
      });
    }
    const lines = memberLines(text);
    const fail = (reason: string, ...keys: string[]): never => {
      const pointer = pointerOf(...keys);
      const line = lines.get(pointer);
      throw new MockConfigError(source, reason, {
        ...(line !== undefined ? { line } : {}),
        ...(keys.length > 0 ? { pointer } : {}),
      });
    };
    if (!isObject(parsed)) fail('must be a JSON object with StateMachines and MockedResponses');
    const root = parsed as Record<string, unknown>;
    for (const key of Object.keys(root)) {
      if (key !== 'StateMachines' && key !== 'MockedResponses')
        fail(`unknown field "${key}" (expected StateMachines and MockedResponses)`, key);
    }
    const responsesField = root.MockedResponses ?? {};
    if (!isObject(responsesField)) fail('MockedResponses must be an object', 'MockedResponses');
    const responses = new Map<string, MockedResponse>();
    for (const [name, attempts] of Object.entries(responsesField as Record<string, unknown>)) {
      responses.set(name, readResponse(name, attempts, fail));
    }
    const machinesField = root.StateMachines ?? {};
    if (!isObject(machinesField)) fail('StateMachines must be an object', 'StateMachines');
    const machines = new Map<string, Map<string, MockTestCase>>();
    for (const [machine, body] of Object.entries(machinesField as Record<string, unknown>)) {
      if (!isObject(body) || !isObject(body.TestCases)) {
        fail(`state machine "${machine}" must have a TestCases object`, 'StateMachines', machine);
      }
      const cases = new Map<string, MockTestCase>();
      const testCases = (body as { TestCases: Record<string, unknown> }).TestCases;
      for (const [testCase, states] of Object.entries(testCases)) {
        const where = ['StateMachines', machine, 'TestCases', testCase];
        if (!isObject(states))
          fail(`test case "${testCase}" must map state names to mocked responses`, ...where);
        const mocked = new Map<string, MockedResponse>();
        for (const [state, responseName] of Object.entries(states as Record<string, unknown>)) {
          if (typeof responseName !== 'string') {
            fail(`state "${state}" must name a mocked response (a string)`, ...where, state);
          }
          const response = responses.get(responseName as string);
          if (!response) {
            fail(
              `state "${state}" names the mocked response "${String(responseName)}", which MockedResponses does not define`,
              ...where,
              state,
            );
          }
          mocked.set(state, response as MockedResponse);
        }
        cases.set(testCase, mocked);
      }
      machines.set(machine, cases);
    }
    return new MockConfig(source, machines, lines);
  }

  /** The test case of a state machine, by their names; undefined when the file has none such. */
  testCase(stateMachineName: string, testCase: string): MockTestCase | undefined {
    return this.#machines.get(stateMachineName)?.get(testCase);
  }

  /** The names of a state machine's test cases. */
  testCaseNames(stateMachineName: string): string[] {
    return [...(this.#machines.get(stateMachineName)?.keys() ?? [])];
  }

  /** Whether some test case of the state machine mocks the state. */
  mocksState(stateMachineName: string, stateName: string): boolean {
    for (const mocked of this.#machines.get(stateMachineName)?.values() ?? []) {
      if (mocked.has(stateName)) return true;
    }
    return false;
  }

  /**
   * Checks the file's test cases of a state machine (or only `onlyTestCase`) against its
   * state names.
   * @throws MockConfigError naming the first state the definition does not have.
   */
  checkStates(
    stateMachineName: string,
    stateNames: ReadonlySet<string>,
    onlyTestCase?: string,
  ): void {
    for (const [testCase, mocked] of this.#machines.get(stateMachineName) ?? []) {
      if (onlyTestCase !== undefined && testCase !== onlyTestCase) continue;
      for (const state of mocked.keys()) {
        if (stateNames.has(state)) continue;
        const pointer = pointerOf('StateMachines', stateMachineName, 'TestCases', testCase, state);
        const line = this.#lines.get(pointer);
        throw new MockConfigError(
          this.source,
          `test case "${testCase}" mocks the state "${state}", which state machine "${stateMachineName}" does not have (its states: ${[...stateNames].join(', ')})`,
          { ...(line !== undefined ? { line } : {}), pointer },
        );
      }
    }
  }
}

/**
 * Where JSON text stops being JSON: the offset V8 names, or else (V8 words some errors
 * without one) the shortest prefix that fails before its own end, found by bisection —
 * a prefix of valid text fails only for want of more.
 */
function syntaxErrorOffset(text: string, message: string): number {
  const named = /at position (\d+)/.exec(message);
  if (named) return Number(named[1]);
  const failsInside = (length: number): boolean => {
    try {
      JSON.parse(text.slice(0, length));
      return false;
    } catch (error) {
      const at = /at position (\d+)/.exec((error as Error).message);
      if (at) return Number(at[1]) < length;
      return !/end of JSON input/.test((error as Error).message);
    }
  };
  let low = 0;
  let high = text.length;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (failsInside(middle + 1)) high = middle;
    else low = middle + 1;
  }
  return low;
}

function readResponse(
  name: string,
  attempts: unknown,
  fail: (reason: string, ...keys: string[]) => never,
): MockedResponse {
  if (!isObject(attempts) || Object.keys(attempts).length === 0) {
    fail(
      `mocked response "${name}" must map invocation numbers ("0", "1-2") to Return or Throw`,
      'MockedResponses',
      name,
    );
  }
  const entries: { from: number; to: number; answer: MockedAnswer }[] = [];
  for (const [key, entry] of Object.entries(attempts as Record<string, unknown>)) {
    const where = ['MockedResponses', name, key];
    const match = ATTEMPT_KEY.exec(key);
    if (!match) fail(`"${key}" is not an invocation number or range ("0", "1-2")`, ...where);
    const from = Number((match as RegExpExecArray)[1]);
    const to = Number((match as RegExpExecArray)[2] ?? from);
    if (to < from) fail(`the range "${key}" ends before it starts`, ...where);
    if (!isObject(entry)) fail('must be an object with Return or Throw', ...where);
    const body = entry as Record<string, unknown>;
    const hasReturn = Object.hasOwn(body, 'Return');
    const hasThrow = Object.hasOwn(body, 'Throw');
    if (hasReturn === hasThrow) {
      fail(
        hasReturn ? 'has both Return and Throw: give one' : 'has neither Return nor Throw',
        ...where,
      );
    }
    for (const field of Object.keys(body)) {
      if (field !== 'Return' && field !== 'Throw')
        fail(`unknown field "${field}" (expected Return or Throw)`, ...where, field);
    }
    if (hasReturn) {
      entries.push({ from, to, answer: { kind: 'return', value: body.Return as Json } });
      continue;
    }
    const thrown = body.Throw;
    if (!isObject(thrown) || typeof thrown.Error !== 'string' || typeof thrown.Cause !== 'string') {
      fail('Throw must have a string Error and a string Cause', ...where, 'Throw');
    }
    const { Error: error, Cause: cause } = thrown as { Error: string; Cause: string };
    entries.push({ from, to, answer: { kind: 'throw', error, cause } });
  }
  entries.sort((a, b) => a.from - b.from);
  let next = 0;
  for (const entry of entries) {
    if (entry.from !== next) {
      const key = entry.from === entry.to ? `${entry.from}` : `${entry.from}-${entry.to}`;
      fail(
        entry.from > next
          ? `invocation ${next} has no entry: keys must be consecutive from 0`
          : `invocation ${entry.from} has two entries`,
        'MockedResponses',
        name,
        key,
      );
    }
    next = entry.to + 1;
  }
  return { name, entries };
}
