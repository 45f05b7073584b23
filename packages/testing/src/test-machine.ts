import { basename } from 'node:path';
import {
  InvalidDefinitionError,
  type Json,
  type MockFieldValidationMode,
  StateMachine,
} from '@sfn-callback/asl';
import { StateMachineTestError } from './errors.js';
import { TestExecution } from './execution/test-execution.js';
import { type CdkAppSelector, readCdkStateMachine } from './load/read-cdk-app.js';
import { readDefinitionFile } from './load/read-definition-file.js';
import { type IndexedState, indexStates } from './load/state-index.js';
import { checkResourceMocks, checkStateMocks } from './mocks/check-mocks.js';
import type { ResourceMocks, StateMocks } from './mocks/state-mock.js';
import { globalObservers } from './trace/observers.js';
import type { TraceObserver } from './trace/trace-step.js';

/** How a test execution runs; given to a machine (for all its tests) or to one `start`. */
export interface TestOptions {
  /** Mocks by state name; those of `start` are added to the machine's. */
  readonly mocks?: StateMocks;
  /** Mocks by resource (`arn:aws:states:::lambda:invoke`, or `lambda:invoke`). */
  readonly resources?: ResourceMocks;
  /**
   * How a mocked result is checked against its API's response shape, as TestState's
   * `fieldValidationMode` checks it. @default 'STRICT'
   */
  readonly validation?: MockFieldValidationMode;
  /** The virtual clock's start. @default the real time when the execution starts */
  readonly startTime?: Date | number | string;
  /**
   * Whether virtual time jumps to the next timer by itself whenever nothing else can
   * run (Wait, retry intervals, timeouts pass instantly). With `false`, only
   * `advanceTime` moves it. @default true
   */
  readonly autoAdvance?: boolean;
  /** Receive each execution's steps (states entered and exited, retries, catches, choices). */
  readonly observers?: readonly TraceObserver[];
}

/** Options of one `start`. */
export interface StartOptions extends TestOptions {
  /** The execution's name. @default `test-1`, `test-2`, ... */
  readonly name?: string;
}

let executions = 0;

/**
 * A state machine under test: loaded once (from a CDK app, an ASL file or a definition),
 * started by each test with its input and mocks.
 */
export class TestMachine {
  /** The state machine's name (`$$.StateMachine.Name`). */
  readonly name: string;
  readonly definition: Readonly<Record<string, unknown>>;
  /** Every state, Map iterations and Parallel branches included, by name. */
  readonly states: ReadonlyMap<string, IndexedState>;
  readonly #machine: StateMachine;
  readonly #defaults: TestOptions;

  private constructor(
    name: string,
    definition: Record<string, unknown>,
    defaults: TestOptions,
    machine?: StateMachine,
  ) {
    this.name = name;
    this.definition = definition;
    try {
      this.#machine = machine ?? StateMachine.fromDefinition(definition);
    } catch (error) {
      if (error instanceof InvalidDefinitionError) {
        throw new StateMachineTestError('LOAD', `state machine "${name}": ${error.message}`);
      }
      throw error;
    }
    this.states = indexStates(definition);
    this.#defaults = defaults;
    if (defaults.mocks) checkStateMocks(name, defaults.mocks, this.states);
    if (defaults.resources) checkResourceMocks(name, defaults.resources, this.states);
  }

  /**
   * A definition: an object, or JSON text.
   * @throws StateMachineTestError `LOAD` with the engine's diagnostics.
   */
  static fromDefinition(
    definition: object | string,
    options: TestOptions & { readonly name?: string } = {},
  ): TestMachine {
    let parsed: Record<string, unknown>;
    try {
      parsed = (typeof definition === 'string' ? JSON.parse(definition) : definition) as Record<
        string,
        unknown
      >;
    } catch (error) {
      throw new StateMachineTestError(
        'LOAD',
        `the definition is not JSON: ${(error as Error).message}`,
      );
    }
    return new TestMachine(options.name ?? 'StateMachine', parsed, options);
  }

  /**
   * An ASL file, JSON or YAML (by its extension: `.yaml` / `.yml`). The name defaults
   * to the file's base name (`orders.asl.yaml` → `orders`).
   * @throws StateMachineTestError `LOAD`
   */
  static fromFile(
    path: string,
    options: TestOptions & { readonly name?: string } = {},
  ): TestMachine {
    const definition = readDefinitionFile(path);
    const name = options.name ?? basename(path).replace(/(\.asl)?\.(json|ya?ml)$/i, '');
    return new TestMachine(name, definition, options);
  }

  /**
   * A state machine of a synthesized CDK app (`cdk synth`'s output directory), by
   * construct path, logical id or name, read as `@sfn-callback/local` reads it (needs
   * `@sfn-callback/local` and `aws-cdk-lib`).
   * @throws StateMachineTestError `LOAD` naming the state machines there are.
   */
  static async fromCdkApp(
    assemblyDir: string,
    selector: CdkAppSelector | string,
    options: TestOptions = {},
  ): Promise<TestMachine> {
    const wanted = typeof selector === 'string' ? { stateMachine: selector } : selector;
    const found = await readCdkStateMachine(assemblyDir, wanted);
    return new TestMachine(found.name, found.definition, options);
  }

  /** The same machine with more defaults (mocks added, other options replaced). */
  with(options: TestOptions): TestMachine {
    return new TestMachine(
      this.name,
      this.definition as Record<string, unknown>,
      merge(this.#defaults, options),
      this.#machine,
    );
  }

  /**
   * Starts an execution on virtual time. Mocks are checked first.
   * @throws StateMachineTestError `UNKNOWN_STATE` or `INVALID_MOCK`.
   */
  start(input: Json = {}, options: StartOptions = {}): TestExecution {
    const effective =
      Object.keys(options).length === 0 ? this.#defaults : merge(this.#defaults, options);
    if (options.mocks) checkStateMocks(this.name, options.mocks, this.states);
    if (options.resources) checkResourceMocks(this.name, options.resources, this.states);
    const startTime =
      effective.startTime === undefined ? Date.now() : new Date(effective.startTime).getTime();
    if (Number.isNaN(startTime)) {
      throw new StateMachineTestError(
        'LOAD',
        `startTime ${String(effective.startTime)} is not a date`,
      );
    }
    return new TestExecution({
      machine: this.#machine,
      machineName: this.name,
      definition: this.definition,
      states: this.states,
      name: options.name ?? `test-${++executions}`,
      input,
      mocks: effective.mocks ?? {},
      resources: effective.resources ?? {},
      validation: effective.validation ?? 'STRICT',
      startTime,
      autoAdvance: effective.autoAdvance ?? true,
      observers: observersOf(effective),
    });
  }

  /**
   * Starts an execution and waits for its end. Rejects at once if it cannot end without
   * the test (a task waits for an answer: use `start` and `waitForTask` for those).
   */
  async run(input: Json = {}, options: StartOptions = {}): Promise<TestExecution> {
    const execution = this.start(input, options);
    await execution.finished();
    return execution;
  }
}

function observersOf(options: TestOptions): readonly TraceObserver[] {
  const global = globalObservers();
  if (!options.observers?.length) return global;
  return [...global, ...options.observers];
}

function merge(base: TestOptions, more: TestOptions): TestOptions {
  return {
    ...base,
    ...more,
    mocks: { ...base.mocks, ...more.mocks },
    resources: { ...base.resources, ...more.resources },
    observers: [...(base.observers ?? []), ...(more.observers ?? [])],
  };
}
