import type { RecordedHistoryEvent as HistoryEvent } from '@sfn-callback/asl';
import { AssemblyError, UnsupportedFeatureError } from '../errors.js';
import { MockConfigError } from '../mocks/mock-config-error.js';
import { chooseVersion } from '../model/alias-routing.js';
import { executionArn, isExpressExecutionArn, parseStateMachineArn } from '../model/arns.js';
import {
  EXECUTION_STATUSES,
  type ExecutionDescription,
  type StartedExecution,
} from '../model/execution.js';
import { SfnApiError, validationError } from './api-error.js';
import type { ExecutionHost } from './execution-host.js';
import { withInputShapes } from './input-shape.js';
import { isTooDeep, MAX_JSON_DEPTH } from './json-depth.js';
import type { SfnOperations } from './operation.js';
import { redriveFields } from './redrive-fields.js';
import { checkResourceName } from './resource-name.js';

/** Timestamps in the JSON 1.0 protocol: epoch seconds, with milliseconds as a fraction. */
export const epochSeconds = (date: Date): number => date.getTime() / 1000;

/** Execution statuses ListExecutions filters on. */
const LISTED_STATUSES: readonly string[] = [...EXECUTION_STATUSES, 'PENDING_REDRIVE'];

/** ListExecutions' `redriveFilter` values. */
const REDRIVE_FILTERS: readonly string[] = ['REDRIVEN', 'NOT_REDRIVEN'];

export const STATE_MACHINE_ARN =
  /^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:stateMachine:[^:\s]+(?::[^:\s]+)?$/;
/** A Map Run's ARN: `arn:aws:states:<region>:<account>:mapRun:<machine>/<label>:<id>`. */
export const MAP_RUN_ARN =
  /^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:mapRun:[^:\s]+\/[^:\s]*:[^:\s]+$/;
export const EXECUTION_ARN =
  /^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:(?:execution:[^:\s]+:[^:\s]+|express:[^:\s]+:[^:\s]+:[^:\s]+)$/;

/**
 * AWS's answer to DescribeExecution, GetExecutionHistory and StopExecution of an Express
 * execution: those operations do not take Express executions.
 */
function expressNotSupported(arn: string): SfnApiError {
  return new SfnApiError(
    'InvalidArn',
    `Invalid Arn: 'Resource type not valid in this context: express' ('${arn}' is an Express execution: Step Functions keeps no history of those; serve prints each one as it ends, and StartSyncExecution answers with the result)`,
  );
}

/** Express billing: duration rounded up to the next 100 ms; memory in 64 MB steps (not measured here: the first step). */
function billingDetails(execution: ExecutionDescription): Record<string, number> {
  const ms = (execution.stopDate ?? new Date()).getTime() - execution.startDate.getTime();
  return {
    billedMemoryUsedInMB: 64,
    billedDurationInMilliseconds: Math.max(100, Math.ceil(ms / 100) * 100),
  };
}

/** StartSyncExecution's `includedData`. */
const INCLUDED_DATA = ['ALL_DATA', 'METADATA_ONLY'];

/** The service's limit on execution input, in UTF-8 bytes. */
const MAX_INPUT_BYTES = 262_144;

/** An ARN member: 1 to 256 characters (ValidationException), of the expected kind (InvalidArn). */
export function requireArn(input: Record<string, unknown>, member: string, kind: RegExp): string {
  const arn = input[member] as string;
  if (arn.length < 1 || arn.length > 256) {
    throw validationError(
      member,
      `Member must have length ${arn.length < 1 ? 'greater than or equal to 1' : 'less than or equal to 256'}`,
      arn,
    );
  }
  if (!kind.test(arn)) throw new SfnApiError('InvalidArn', `Invalid Arn: '${arn}'`);
  return arn;
}

/**
 * One page of `items`. `maxResults` 0 or absent means the default page size, 100 (at most
 * 1000). The `nextToken` names the key of the first item of the next page, so that a page
 * stays right while the list grows (new executions, new events); an unreadable token, or
 * one whose item is gone, is `InvalidToken`.
 */
export function pageOf<T>(
  items: readonly T[],
  input: Record<string, unknown>,
  keyOf: (item: T) => string,
): { page: T[]; nextToken?: string } {
  const requested = (input.maxResults as number | undefined) ?? 0;
  if (requested < 0 || requested > 1000) {
    throw validationError(
      'maxResults',
      `Member must have value ${requested < 0 ? 'greater than or equal to 0' : 'less than or equal to 1000'}`,
      requested,
    );
  }
  const maxResults = requested === 0 ? 100 : requested;
  let start = 0;
  if (typeof input.nextToken === 'string') {
    let key: unknown;
    try {
      key = (
        JSON.parse(Buffer.from(input.nextToken, 'base64url').toString('utf8')) as { k?: unknown }
      ).k;
    } catch {
      key = undefined;
    }
    start = typeof key === 'string' ? items.findIndex((item) => keyOf(item) === key) : -1;
    if (start < 0) throw new SfnApiError('InvalidToken', `Invalid Token: '${input.nextToken}'`);
  }
  const page = items.slice(start, start + maxResults);
  const next = items[start + maxResults];
  return next === undefined
    ? { page }
    : { page, nextToken: Buffer.from(JSON.stringify({ k: keyOf(next) })).toString('base64url') };
}

/** A history event as GetExecutionHistory answers it (timestamps in epoch seconds). */
function eventToWire(event: HistoryEvent, includeExecutionData: boolean): Record<string, unknown> {
  const wire: Record<string, unknown> = { ...event, timestamp: epochSeconds(event.timestamp) };
  if (includeExecutionData) return wire;
  // Without execution data, AWS leaves out inputs, outputs and parameters.
  for (const [key, value] of Object.entries(wire)) {
    if (!key.endsWith('EventDetails') || value === null || typeof value !== 'object') continue;
    const { input: _i, output: _o, parameters: _p, ...rest } = value as Record<string, unknown>;
    wire[key] = rest;
  }
  return wire;
}

function executionListItem(execution: ExecutionDescription): Record<string, unknown> {
  return {
    executionArn: execution.executionArn,
    stateMachineArn: execution.stateMachineArn,
    name: execution.name,
    status: execution.status,
    startDate: epochSeconds(execution.startDate),
    ...(execution.stopDate ? { stopDate: epochSeconds(execution.stopDate) } : {}),
    ...(execution.redriveCount
      ? {
          redriveCount: execution.redriveCount,
          ...(execution.redriveDate ? { redriveDate: epochSeconds(execution.redriveDate) } : {}),
        }
      : {}),
  };
}

/**
 * The execution side of the Step Functions API over an {@link ExecutionHost} (the runner):
 * StartExecution (`stateMachineArn#TestCase` picks a test case of the mock configuration
 * file; the execution belongs to the plain ARN), DescribeExecution,
 * ListExecutions, GetExecutionHistory (events in AWS's shape; the task token whole in
 * TaskScheduled parameters, as AWS shows it) and StopExecution, with AWS's errors
 * (`StateMachineDoesNotExist`, `ExecutionDoesNotExist`, `ExecutionAlreadyExists`,
 * `InvalidExecutionInput`, `InvalidName`, `InvalidArn`, `InvalidToken`, `ValidationException`;
 * a member of the wrong type is a `SerializationException`, see {@link withInputShapes}).
 *
 * Executions are those of the runner's store (ended ones too, across restarts with `--data-dir`).
 */
export function executionOperations(runner: ExecutionHost): SfnOperations {
  const machine = (input: Record<string, unknown>) => {
    const arn = requireArn(input, 'stateMachineArn', STATE_MACHINE_ARN);
    const found = runner.findStateMachine(arn);
    if (!found)
      throw new SfnApiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
    return found;
  };
  const execution = (input: Record<string, unknown>) => {
    const arn = requireArn(input, 'executionArn', EXECUTION_ARN);
    if (isExpressExecutionArn(arn)) throw expressNotSupported(arn);
    const found = runner.describeExecution(arn);
    if (!found)
      throw new SfnApiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
    return found;
  };
  const mapRunChildren = (input: Record<string, unknown>) => {
    const arn = requireArn(input, 'mapRunArn', MAP_RUN_ARN);
    const children = runner.mapRunExecutions?.(arn);
    if (!children) throw new SfnApiError('ResourceNotFound', `Resource not found: '${arn}'`);
    return children;
  };
  /**
   * What a StartExecution ARN names: the state machine, one of its versions, or an alias
   * (which picks one of its versions by weight, with the host's random source).
   */
  const target = (arn: string) => {
    const parsed = parseStateMachineArn(arn);
    if (parsed?.kind === 'version') {
      if (!runner.findVersion(arn)) {
        throw new SfnApiError(
          'StateMachineDoesNotExist',
          `State Machine Does Not Exist: '${arn}' (no such version: ListStateMachineVersions lists them)`,
        );
      }
      return { stateMachineArn: parsed.stateMachineArn, stateMachineVersionArn: arn };
    }
    if (parsed?.kind === 'alias') {
      const alias = runner.findAlias(arn);
      if (!alias) {
        throw new SfnApiError(
          'StateMachineDoesNotExist',
          `State Machine Does Not Exist: '${arn}' (no such alias: ListStateMachineAliases lists them)`,
        );
      }
      return {
        stateMachineArn: parsed.stateMachineArn,
        stateMachineVersionArn: chooseVersion(alias.routing, () => runner.random()),
        stateMachineAliasArn: arn,
      };
    }
    return { stateMachineArn: arn };
  };
  const start = (input: Record<string, unknown>, operation: string): StartedExecution => {
    // Step Functions Local and LocalStack: `<stateMachineArn>#<TestCase>`.
    const [plainArn, ...testCaseParts] = String(input.stateMachineArn).split('#');
    const testCase = testCaseParts.length > 0 ? testCaseParts.join('#') : undefined;
    requireArn({ stateMachineArn: plainArn }, 'stateMachineArn', STATE_MACHINE_ARN);
    const { stateMachineArn, ...qualifiers } = target(plainArn as string);
    const m = machine({ ...input, stateMachineArn });
    if (operation === 'StartSyncExecution' && m.type !== 'EXPRESS') {
      throw new SfnApiError(
        'StateMachineTypeNotSupported',
        `This operation is not supported by this type of state machine: StartSyncExecution runs EXPRESS state machines, and '${m.arn}' is ${m.type}; start it with StartExecution`,
      );
    }
    const name = input.name as string | undefined;
    if (name !== undefined) checkResourceName(name);
    const text = input.input as string | undefined;
    if (text !== undefined && Buffer.byteLength(text, 'utf8') > MAX_INPUT_BYTES) {
      throw validationError(
        'input',
        `Member must have length less than or equal to ${MAX_INPUT_BYTES}`,
      );
    }
    if (text !== undefined && isTooDeep(text)) {
      throw new SfnApiError(
        'InvalidExecutionInput',
        `Invalid State Machine Execution Input: 'the input nests deeper than ${MAX_JSON_DEPTH} levels of objects and arrays'`,
      );
    }
    let executionInput: unknown = {};
    if (text !== undefined) {
      try {
        executionInput = JSON.parse(text);
      } catch (error) {
        throw new SfnApiError(
          'InvalidExecutionInput',
          `Invalid State Machine Execution Input: '${(error as Error).message}'`,
        );
      }
    }
    // Express execution names need not be unique (their ARNs carry an id).
    if (name !== undefined && m.type !== 'EXPRESS') {
      const existing = runner.describeExecution(executionArn(m.arn, name));
      if (existing) {
        // Idempotent for an open execution started with the same input (STANDARD);
        // otherwise the name is taken (AWS: for 90 days).
        if (
          m.type === 'STANDARD' &&
          existing.status === 'RUNNING' &&
          existing.input === (text ?? JSON.stringify(executionInput))
        ) {
          return existing as StartedExecution;
        }
        throw new SfnApiError(
          'ExecutionAlreadyExists',
          `Execution Already Exists: '${existing.executionArn}'`,
        );
      }
    }
    let started: StartedExecution;
    try {
      started = runner.startExecution(executionInput, {
        stateMachine: m.arn,
        ...(name ? { name } : {}),
        ...(testCase !== undefined ? { testCase } : {}),
        ...(text !== undefined ? { inputText: text } : {}),
        ...qualifiers,
      });
    } catch (error) {
      if (
        error instanceof MockConfigError ||
        error instanceof UnsupportedFeatureError ||
        error instanceof AssemblyError
      ) {
        throw new SfnApiError('ValidationException', error.message);
      }
      throw error;
    }
    return started;
  };
  return withInputShapes({
    StartExecution: (input) => {
      const started = start(input, 'StartExecution');
      return { executionArn: started.executionArn, startDate: epochSeconds(started.startDate) };
    },
    StartSyncExecution: async (input) => {
      const includedData = input.includedData as string | undefined;
      if (includedData !== undefined && !INCLUDED_DATA.includes(includedData)) {
        throw validationError(
          'includedData',
          `Member must satisfy enum value set: [${INCLUDED_DATA.join(', ')}]`,
          includedData,
        );
      }
      const ended = await start(input, 'StartSyncExecution').done;
      const data = includedData !== 'METADATA_ONLY';
      return {
        executionArn: ended.executionArn,
        stateMachineArn: ended.stateMachineArn,
        name: ended.name,
        startDate: epochSeconds(ended.startDate),
        stopDate: epochSeconds(ended.stopDate ?? new Date()),
        // A synchronous Express execution ends SUCCEEDED, FAILED or TIMED_OUT.
        status: ended.status === 'ABORTED' ? 'FAILED' : ended.status,
        ...(ended.error !== undefined ? { error: ended.error } : {}),
        ...(ended.cause !== undefined ? { cause: ended.cause } : {}),
        ...(data ? { input: ended.input } : {}),
        inputDetails: { included: data },
        ...(ended.output !== undefined && data ? { output: ended.output } : {}),
        ...(ended.output !== undefined ? { outputDetails: { included: data } } : {}),
        ...(typeof input.traceHeader === 'string' ? { traceHeader: input.traceHeader } : {}),
        billingDetails: billingDetails(ended),
      };
    },
    DescribeExecution: (input) => {
      const e = execution(input);
      return {
        ...executionListItem(e),
        input: e.input,
        inputDetails: { included: true },
        ...(e.output !== undefined ? { output: e.output, outputDetails: { included: true } } : {}),
        ...(e.error !== undefined ? { error: e.error } : {}),
        ...(e.cause !== undefined ? { cause: e.cause } : {}),
        ...(e.stateMachineVersionArn !== undefined
          ? { stateMachineVersionArn: e.stateMachineVersionArn }
          : {}),
        ...(e.stateMachineAliasArn !== undefined
          ? { stateMachineAliasArn: e.stateMachineAliasArn }
          : {}),
        ...redriveFields(e, runner.findStateMachine(e.stateMachineArn)),
        ...(e.mapRunArn !== undefined ? { mapRunArn: e.mapRunArn } : {}),
      };
    },
    ListExecutions: (input) => {
      const byMapRun = input.mapRunArn !== undefined && input.mapRunArn !== null;
      if (byMapRun === (input.stateMachineArn !== undefined && input.stateMachineArn !== null)) {
        throw new SfnApiError(
          'ValidationException',
          'Must provide a StateMachine ARN or a Map Run ARN',
        );
      }
      let listed: ExecutionDescription[];
      if (byMapRun) listed = mapRunChildren(input);
      else {
        const m = machine(input);
        if (m.type === 'EXPRESS') {
          throw new SfnApiError(
            'StateMachineTypeNotSupported',
            `This operation is not supported by this type of state machine: '${m.arn}' is EXPRESS, and Express executions are not listed (serve prints each one as it ends; StartSyncExecution answers with the result)`,
          );
        }
        listed = runner.executions({ stateMachineArn: m.arn });
      }
      const status = input.statusFilter as string | undefined;
      if (status !== undefined && !LISTED_STATUSES.includes(status)) {
        throw validationError(
          'statusFilter',
          `Member must satisfy enum value set: [${LISTED_STATUSES.join(', ')}]`,
          status,
        );
      }
      const redriveFilter = input.redriveFilter as string | undefined;
      if (redriveFilter !== undefined && !REDRIVE_FILTERS.includes(redriveFilter)) {
        throw validationError(
          'redriveFilter',
          `Member must satisfy enum value set: [${REDRIVE_FILTERS.join(', ')}]`,
          redriveFilter,
        );
      }
      // Newest first, as AWS lists them.
      const matching = listed
        .filter((e) => status === undefined || e.status === status)
        .filter(
          (e) =>
            redriveFilter === undefined ||
            (e.redriveCount ?? 0) > 0 === (redriveFilter === 'REDRIVEN'),
        )
        .reverse();
      const { page, nextToken } = pageOf(matching, input, (e) => e.executionArn);
      return { executions: page.map(executionListItem), ...(nextToken ? { nextToken } : {}) };
    },
    GetExecutionHistory: (input) => {
      const e = execution(input);
      const ordered = input.reverseOrder === true ? [...e.events].reverse() : e.events;
      const { page, nextToken } = pageOf(ordered, input, (event) => String(event.id));
      const includeExecutionData = input.includeExecutionData !== false;
      return {
        events: page.map((event) => eventToWire(event, includeExecutionData)),
        ...(nextToken ? { nextToken } : {}),
      };
    },
    StopExecution: (input) => {
      const e = execution(input);
      const error = input.error as string | undefined;
      const cause = input.cause as string | undefined;
      if (error !== undefined && error.length > 256)
        throw validationError('error', 'Member must have length less than or equal to 256');
      if (cause !== undefined && cause.length > 32_768) {
        throw validationError('cause', 'Member must have length less than or equal to 32768');
      }
      runner.stopExecution(e.executionArn, {
        ...(error !== undefined ? { error } : {}),
        ...(cause !== undefined ? { cause } : {}),
      });
      return { stopDate: epochSeconds(e.stopDate ?? new Date()) };
    },
  });
}
