import type { HistoryEvent } from '../history/types.js';
import type { ExecutionDescription } from '../runner/local-execution.js';
import type { LocalRunner } from '../runner/local-runner.js';
import { SfnApiError, validationError } from './api-error.js';
import type { SfnOperations } from './operation.js';

/** Timestamps in the JSON 1.0 protocol: epoch seconds, with milliseconds as a fraction. */
const epochSeconds = (date: Date): number => date.getTime() / 1000;

/** Characters an execution name may not hold (whitespace, wildcards, control characters …). */
const FORBIDDEN_NAME_CHARACTERS = new Set(' \t\n\r<>{}[]?*"#%\\^|~`$&,;:/');

function isValidExecutionName(name: string): boolean {
  if (name.length < 1 || name.length > 80) return false;
  for (const character of name) {
    const code = character.codePointAt(0) as number;
    if (FORBIDDEN_NAME_CHARACTERS.has(character) || code < 0x20 || (code >= 0x7f && code <= 0x9f))
      return false;
  }
  return true;
}

function requireString(input: Record<string, unknown>, member: string): string {
  const value = input[member];
  if (typeof value !== 'string' || value.length === 0) {
    throw validationError(member, 'Member must not be null');
  }
  return value;
}

function pageOf<T>(
  items: readonly T[],
  input: Record<string, unknown>,
): { page: T[]; nextToken?: string } {
  const maxResults =
    input.maxResults === undefined || input.maxResults === 0 ? 1000 : Number(input.maxResults);
  if (!Number.isInteger(maxResults) || maxResults < 0 || maxResults > 1000) {
    throw validationError('maxResults', 'Member must have value less than or equal to 1000');
  }
  let start = 0;
  if (input.nextToken !== undefined) {
    start = Number.parseInt(Buffer.from(String(input.nextToken), 'base64url').toString('utf8'), 10);
    if (!Number.isInteger(start) || start < 0)
      throw new SfnApiError('InvalidToken', 'Invalid Token: nextToken');
  }
  const page = items.slice(start, start + maxResults);
  const next = start + maxResults;
  return next < items.length
    ? { page, nextToken: Buffer.from(String(next)).toString('base64url') }
    : { page };
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
  };
}

/**
 * The execution side of the Step Functions API over a {@link LocalRunner}:
 * ListStateMachines, DescribeStateMachine, StartExecution, DescribeExecution,
 * ListExecutions, GetExecutionHistory (events in AWS's shape; the task token whole in
 * TaskScheduled parameters, as AWS shows it) and StopExecution, with AWS's errors
 * (`StateMachineDoesNotExist`, `ExecutionDoesNotExist`, `ExecutionAlreadyExists`,
 * `InvalidExecutionInput`, `InvalidName`, `InvalidArn`, `ValidationException`).
 *
 * Executions are those the runner retains (`retainExecutions`, running ones always).
 */
export function executionOperations(runner: LocalRunner, startedAt = new Date()): SfnOperations {
  const machine = (input: Record<string, unknown>) => {
    const arn = requireString(input, 'stateMachineArn');
    if (!arn.startsWith('arn:')) throw new SfnApiError('InvalidArn', `Invalid Arn: '${arn}'`);
    const found = runner.model.stateMachines.find((m) => m.arn === arn);
    if (!found)
      throw new SfnApiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
    return found;
  };
  const execution = (input: Record<string, unknown>) => {
    const arn = requireString(input, 'executionArn');
    if (!arn.startsWith('arn:')) throw new SfnApiError('InvalidArn', `Invalid Arn: '${arn}'`);
    const found = runner.describeExecution(arn);
    if (!found)
      throw new SfnApiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
    return found;
  };
  return {
    ListStateMachines: (input) => {
      const { page, nextToken } = pageOf(runner.model.stateMachines, input);
      return {
        stateMachines: page.map((m) => ({
          stateMachineArn: m.arn,
          name: m.name,
          type: m.type,
          creationDate: epochSeconds(startedAt),
        })),
        ...(nextToken ? { nextToken } : {}),
      };
    },
    DescribeStateMachine: (input) => {
      const m = machine(input);
      return {
        stateMachineArn: m.arn,
        name: m.name,
        status: 'ACTIVE',
        definition: JSON.stringify(m.definition),
        roleArn: m.roleArn ?? '',
        type: m.type,
        creationDate: epochSeconds(startedAt),
      };
    },
    StartExecution: (input) => {
      const m = machine(input);
      const name = input.name === undefined ? undefined : String(input.name);
      if (name !== undefined && !isValidExecutionName(name))
        throw new SfnApiError('InvalidName', `Invalid Name: '${name}'`);
      let executionInput: unknown = {};
      if (input.input !== undefined) {
        try {
          executionInput = JSON.parse(String(input.input));
        } catch {
          throw new SfnApiError(
            'InvalidExecutionInput',
            'Invalid State Machine Execution Input: the input is not valid JSON',
          );
        }
      }
      if (name !== undefined) {
        const existing = runner.describeExecution(
          `${m.arn.replace(':stateMachine:', ':execution:')}:${name}`,
        );
        if (existing) {
          // The service is idempotent for a running execution started with the same input.
          if (existing.status === 'RUNNING' && existing.input === JSON.stringify(executionInput)) {
            return {
              executionArn: existing.executionArn,
              startDate: epochSeconds(existing.startDate),
            };
          }
          throw new SfnApiError(
            'ExecutionAlreadyExists',
            `Execution Already Exists: '${existing.executionArn}'`,
          );
        }
      }
      const started = runner.startExecution(executionInput, {
        stateMachine: m.arn,
        ...(name ? { name } : {}),
      });
      return { executionArn: started.executionArn, startDate: epochSeconds(started.startDate) };
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
        redriveCount: 0,
        redriveStatus: 'NOT_REDRIVABLE',
      };
    },
    ListExecutions: (input) => {
      const m = machine(input);
      const status = input.statusFilter === undefined ? undefined : String(input.statusFilter);
      const matching = runner
        .executions()
        .filter((e) => e.stateMachineArn === m.arn && (status === undefined || e.status === status))
        .reverse();
      const { page, nextToken } = pageOf(matching, input);
      return { executions: page.map(executionListItem), ...(nextToken ? { nextToken } : {}) };
    },
    GetExecutionHistory: (input) => {
      const e = execution(input);
      const ordered = input.reverseOrder === true ? [...e.events].reverse() : e.events;
      const { page, nextToken } = pageOf(ordered, input);
      const includeExecutionData = input.includeExecutionData !== false;
      return {
        events: page.map((event) => eventToWire(event, includeExecutionData)),
        ...(nextToken ? { nextToken } : {}),
      };
    },
    StopExecution: (input) => {
      const e = execution(input);
      const error = input.error === undefined ? undefined : String(input.error);
      const cause = input.cause === undefined ? undefined : String(input.cause);
      if (error !== undefined && error.length > 256)
        throw validationError('error', 'Member must have length less than or equal to 256');
      if (cause !== undefined && cause.length > 32_768) {
        throw validationError('cause', 'Member must have length less than or equal to 32768');
      }
      runner.stopExecution(e.executionArn, {
        ...(error !== undefined ? { error } : {}),
        ...(cause !== undefined ? { cause } : {}),
      });
      return { stopDate: epochSeconds(new Date()) };
    },
  };
}
