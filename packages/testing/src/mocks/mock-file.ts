import type { MockConfig } from '@sfn-callback/local';
import { StateMachineTestError } from '../errors.js';
import type { MockedAttempt, StateMocks } from './state-mock.js';

/**
 * A Step Functions Local mock configuration file (`StateMachines` → test cases → state →
 * mocked response; `MockedResponses` with `Return` / `Throw` per invocation), used as it
 * is: read and checked by `@sfn-callback/local`, each test case turned into mocks by state
 * name that answer as Step Functions Local does.
 */
export class MockFile {
  readonly #config: MockConfig;
  readonly #machines: readonly string[];

  private constructor(config: MockConfig, machines: readonly string[]) {
    this.#config = config;
    this.#machines = machines;
  }

  /**
   * Reads and checks a mock file (needs `@sfn-callback/local`).
   * @throws StateMachineTestError `INVALID_MOCK` with the line and the reason.
   */
  static async load(path: string): Promise<MockFile> {
    let local: typeof import('@sfn-callback/local');
    try {
      local = await import('@sfn-callback/local');
    } catch (error) {
      throw new StateMachineTestError(
        'LOAD',
        `reading a mock file needs @sfn-callback/local: add it to the project's devDependencies (${(error as Error).message})`,
      );
    }
    let config: MockConfig;
    try {
      config = local.MockConfig.load(path);
    } catch (error) {
      throw new StateMachineTestError('INVALID_MOCK', (error as Error).message);
    }
    const { readFileSync } = await import('node:fs');
    const machines = Object.keys(
      (JSON.parse(readFileSync(path, 'utf8')) as { StateMachines?: object }).StateMachines ?? {},
    );
    return new MockFile(config, machines);
  }

  /**
   * The mocks of one test case. `stateMachine` names the file's state machine; it may be
   * left out when the file has one.
   * @throws StateMachineTestError `INVALID_MOCK` naming the test cases there are.
   */
  testCase(name: string, stateMachine?: string): StateMocks {
    const machine = stateMachine ?? (this.#machines.length === 1 ? this.#machines[0] : undefined);
    if (machine === undefined) {
      throw new StateMachineTestError(
        'INVALID_MOCK',
        `the mock file has several state machines (${this.#machines.join(', ')}): name one, testCase(${JSON.stringify(name)}, "<state machine>")`,
      );
    }
    const mocked = this.#config.testCase(machine, name);
    if (!mocked) {
      const cases = this.#config.testCaseNames(machine);
      throw new StateMachineTestError(
        'INVALID_MOCK',
        `the mock file ${this.#config.source} has no test case "${name}" for state machine "${machine}"; its test cases: ${cases.join(', ') || '(none)'}`,
      );
    }
    const mocks: Record<string, MockedAttempt[]> = {};
    for (const [state, response] of mocked) {
      const sequence: MockedAttempt[] = [];
      for (const entry of response.entries) {
        const attempt: MockedAttempt =
          entry.answer.kind === 'return'
            ? { result: entry.answer.value }
            : { error: entry.answer.error, cause: entry.answer.cause };
        for (let i = entry.from; i <= entry.to; i++) sequence[i] = attempt;
      }
      mocks[state] = sequence;
    }
    return mocks;
  }
}
