import type { Execution, ExecutionIdentity, Json, JsonObject } from '../src/index.ts';
import { isJsonObject } from '../src/json.ts';
import { recordingDay, withTodaysBehaviour } from './behaviour-changes.ts';
import {
  type ActualOutcome,
  compareOutcome,
  type Difference,
  FIELDS_ADDED,
  historyToJson,
  NEWER_FIELD_PREFIX,
} from './compare.ts';
import type * as Engine from './engine.ts';
import { caseInput } from './inputs.ts';
import type { ConformanceCase } from './load-cases.ts';
import { seededRandom } from './random.ts';
import { runCreateRejectedCase, runTestStateCase } from './run-test-state.ts';
import { type CallNote, CaseWorld } from './services/case-services.ts';
import type { ChildResult } from './services/sfn.ts';

export type EngineModule = typeof Engine;

/** The virtual time every case starts at. */
export const START_TIME = Date.parse('2024-01-01T00:00:00Z');

/** Real-time limit for one case: an engine that never ends the execution fails the case. */
export const CASE_TIMEOUT_MS = 20_000;

export interface CaseResult {
  readonly id: string;
  readonly area: string;
  readonly kind: string;
  readonly passed: boolean;
  readonly differences: Difference[];
  readonly actual?: ActualOutcome;
  /** How each task attempt was answered. */
  readonly calls: CallNote[];
  /** Anything the harness could not do for the case (unanswered task, unknown dynamic input, ...). */
  readonly problems: string[];
  readonly ms: number;
}

const ACCOUNT = '111111111111';
const REGION = 'us-east-1';

function identity(machineName: string, executionName: string): ExecutionIdentity {
  return {
    executionArn: `arn:aws:states:${REGION}:${ACCOUNT}:execution:${machineName}:${executionName}`,
    executionName,
    stateMachineArn: `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:${machineName}`,
    stateMachineName: machineName,
    roleArn: `arn:aws:iam::${ACCOUNT}:role/sfn-test-role`,
  };
}

/** The MaxConcurrency of the Map state of that name (0 when unset, undefined for a path). */
export function mapConcurrencyIn(definition: JsonObject): (name: string) => number | undefined {
  const found = new Map<string, number | undefined>();
  const walk = (states: Json | undefined) => {
    if (!isJsonObject(states)) return;
    for (const [name, state] of Object.entries(states)) {
      if (!isJsonObject(state)) continue;
      if (state.Type === 'Map') {
        const value = state.MaxConcurrency;
        found.set(
          name,
          typeof value === 'number' ? value : state.MaxConcurrencyPath ? undefined : 0,
        );
        const processor = isJsonObject(state.ItemProcessor) ? state.ItemProcessor : state.Iterator;
        if (isJsonObject(processor)) walk(processor.States);
      }
      if (state.Type === 'Parallel' && Array.isArray(state.Branches)) {
        for (const branch of state.Branches) if (isJsonObject(branch)) walk(branch.States);
      }
    }
  };
  walk(definition.States);
  return (name) => found.get(name);
}

/** Bare words a case's substitutions say stand for its fake resources. */
export function substitutionWords(testCase: ConformanceCase): Set<string> {
  const words = new Set<string>();
  for (const substitution of testCase.substitutions ?? []) {
    const form = substitution.snapshotForm;
    if (form && !form.includes('<') && !form.includes(':')) words.add(form);
  }
  return words;
}

async function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout();
      reject(new Error(`the execution did not end within ${ms} ms of real time`));
    }, ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Runs one execution / choice-case / describe_only case against the engine and compares it. */
export async function runCase(
  testCase: ConformanceCase,
  engine: EngineModule,
  options: { all?: boolean } = {},
): Promise<CaseResult> {
  if (testCase.kind === 'test_state' || testCase.kind === 'test_state_exception') {
    return runTestStateCase(testCase, engine, options);
  }
  if (testCase.kind === 'create_rejected') return runCreateRejectedCase(testCase, engine);
  const began = performance.now();
  const clock = new engine.VirtualClock(START_TIME);
  const random = seededRandom(testCase.id);
  let childCount = 0;
  const world: CaseWorld = new CaseWorld(testCase, {
    clock,
    uuid: random.uuid,
    runChild: async (stateMachineArn, definition, input, name): Promise<ChildResult> => {
      childCount++;
      const machineName = stateMachineArn.split(':').pop() ?? `child-${childCount}`;
      const childIdentity = identity(machineName, name);
      const hooks = world.execution(false);
      const child = engine.StateMachine.fromDefinition(definition).start({
        identity: childIdentity,
        input,
        tasks: hooks.tasks,
        clock,
        random,
        issueTaskToken: hooks.issueTaskToken,
        onTaskToken: hooks.onTaskToken,
        region: REGION,
      });
      hooks.attach(child);
      const result = await child.result;
      return {
        executionArn: childIdentity.executionArn,
        name,
        stateMachineArn,
        input,
        status: result.status,
        output: result.output,
        error: result.error,
        cause: result.cause,
      };
    },
  });
  const problems: string[] = [];
  const { input, unsupported } = caseInput(testCase, clock.now());
  problems.push(...unsupported.map((rule) => `dynamic input not computed: ${rule}`));
  const caseIdentity = identity('conformance_machine', 'conformance_execution');
  let actual: ActualOutcome;
  let execution: Execution | undefined;
  try {
    const machine = engine.StateMachine.fromDefinition(testCase.definition);
    const hooks = world.execution(true);
    execution = machine.start({
      identity: caseIdentity,
      input,
      tasks: hooks.tasks,
      clock,
      random,
      issueTaskToken: hooks.issueTaskToken,
      onTaskToken: hooks.onTaskToken,
      region: REGION,
    });
    hooks.attach(execution);
    const started = execution;
    const result = await withTimeout(started.result, CASE_TIMEOUT_MS, () => started.stop());
    actual = {
      status: result.status,
      output: result.output,
      error: result.error,
      cause: result.cause,
      history: historyToJson(started.history),
      describeExecution: {
        executionArn: caseIdentity.executionArn,
        input,
        name: caseIdentity.executionName,
        stateMachineArn: caseIdentity.stateMachineArn,
        status: result.status,
        ...(result.output !== undefined ? { output: result.output } : {}),
        ...(result.error !== undefined ? { error: result.error } : {}),
        ...(result.cause !== undefined ? { cause: result.cause } : {}),
      },
    };
  } catch (error) {
    const rejected = error instanceof engine.InvalidDefinitionError;
    const message = error instanceof Error ? error.message : String(error);
    problems.push(
      rejected
        ? `definition rejected: ${message}`
        : `engine threw: ${error instanceof Error ? (error.stack ?? message) : message}`,
    );
    actual = {
      status: rejected ? 'DEFINITION_REJECTED' : 'HARNESS_ERROR',
      error: rejected ? 'InvalidDefinition' : 'EngineThrew',
      cause: message,
      history: execution ? historyToJson(execution.history) : [],
    };
  }
  problems.push(...world.problems);
  const differences = compareOutcome(withTodaysBehaviour(testCase), actual, {
    all: options.all,
    bareWords: new Set([...substitutionWords(testCase), ...newerFields(testCase)]),
    mapConcurrency: mapConcurrencyIn(testCase.definition),
  });
  return {
    id: testCase.id,
    area: testCase.area,
    kind: testCase.kind,
    passed: differences.length === 0,
    differences,
    actual,
    calls: world.notes,
    problems,
    ms: performance.now() - began,
  };
}

/** The fields AWS added after this case was recorded (see `FIELDS_ADDED`). */
function newerFields(testCase: ConformanceCase): string[] {
  const recorded = recordingDay(testCase);
  if (recorded === undefined) return [];
  return FIELDS_ADDED.filter(({ since }) => recorded < since).map(
    ({ key }) => `${NEWER_FIELD_PREFIX}${key}`,
  );
}
