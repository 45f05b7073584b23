import type { ExecutionHistory } from './execution-history.js';
import { NOT_TRUNCATED } from './execution-history.js';
import type { HistoryEventType } from './types.js';

/** The part of an aws-local-stepfunctions event-log entry the translation reads. */
export interface EngineEvent {
  readonly type: string;
  readonly timestamp: number;
  readonly input?: unknown;
  readonly output?: unknown;
  readonly Error?: string;
  readonly Cause?: unknown;
  readonly index?: number;
  readonly state?: {
    readonly name: string;
    readonly type: string;
    readonly input?: unknown;
    readonly output?: unknown;
  };
  readonly parentState?: { readonly name: string };
}

const json = (value: unknown): string => JSON.stringify(value ?? null);

const causeText = (cause: unknown): string | undefined => {
  if (cause === undefined || cause === null) return undefined;
  if (typeof cause === 'string') return cause;
  if (cause instanceof Error) return cause.message;
  return JSON.stringify(cause);
};

/** What the translation needs to know about the execution. */
export interface TranslationContext {
  readonly roleArn?: string;
  /** The error and cause StopExecution gave, for ExecutionAborted. */
  readonly abortDetails?: () => { error?: string; cause?: string };
  /** Task states by name: resource details for synthesized TaskTimedOut events. */
  readonly taskResource: (state: string) => { resourceType: string; resource: string } | undefined;
}

/**
 * Translates one aws-local-stepfunctions event-log entry into AWS history events appended to
 * `history`: `StateEntered` of a Task becomes `TaskStateEntered`, and so on. The engine's
 * `StateFailed` of a Task with `States.Timeout` becomes `TaskTimedOut` (the engine enforces
 * the task timeout itself); other `StateFailed`, `StateRetried` and `StateCaught` have no AWS
 * event of their own.
 */
export function translateEngineEvent(
  event: EngineEvent,
  history: ExecutionHistory,
  context: TranslationContext,
): void {
  const timestamp = new Date(event.timestamp);
  switch (event.type) {
    case 'ExecutionStarted':
      history.append({
        timestamp,
        type: 'ExecutionStarted',
        executionStartedEventDetails: {
          input: json(event.input),
          inputDetails: NOT_TRUNCATED,
          ...(context.roleArn ? { roleArn: context.roleArn } : {}),
        },
      });
      return;
    case 'ExecutionSucceeded':
      history.append({
        timestamp,
        type: 'ExecutionSucceeded',
        executionSucceededEventDetails: {
          output: json(event.output),
          outputDetails: NOT_TRUNCATED,
        },
      });
      return;
    case 'ExecutionFailed': {
      const cause = causeText(event.Cause);
      history.append({
        timestamp,
        type: 'ExecutionFailed',
        executionFailedEventDetails: {
          ...(event.Error ? { error: event.Error } : {}),
          ...(cause !== undefined ? { cause } : {}),
        },
      });
      return;
    }
    case 'ExecutionAborted':
      history.append({
        timestamp,
        type: 'ExecutionAborted',
        executionAbortedEventDetails: { ...context.abortDetails?.() },
      });
      return;
    case 'ExecutionTimeout':
      history.append({
        timestamp,
        type: 'ExecutionTimedOut',
        executionTimedOutEventDetails: { error: 'States.Timeout' },
      });
      return;
    case 'StateEntered': {
      const state = event.state as NonNullable<EngineEvent['state']>;
      history.append({
        timestamp,
        type: `${state.type}StateEntered` as HistoryEventType,
        stateEnteredEventDetails: {
          name: state.name,
          input: json(state.input),
          inputDetails: NOT_TRUNCATED,
        },
      });
      if (state.type === 'Task') history.beginAttempt(state.name);
      return;
    }
    case 'StateRetried': {
      const state = event.state as NonNullable<EngineEvent['state']>;
      if (state.type === 'Task') history.beginAttempt(state.name);
      return;
    }
    case 'StateFailed': {
      const state = event.state as NonNullable<EngineEvent['state']>;
      if (state.type !== 'Task') return;
      history.endAttempt(state.name);
      if (event.Error === 'States.Timeout') {
        const resource = context.taskResource(state.name);
        history.append({
          timestamp,
          type: 'TaskTimedOut',
          taskTimedOutEventDetails: {
            resourceType: resource?.resourceType ?? 'unknown',
            resource: resource?.resource ?? 'unknown',
            error: 'States.Timeout',
          },
        });
      }
      return;
    }
    case 'StateExited': {
      const state = event.state as NonNullable<EngineEvent['state']>;
      if (state.type === 'Task') history.endAttempt(state.name);
      // AWS records no exit for Fail states; the engine does not dispatch one either.
      history.append({
        timestamp,
        type: `${state.type}StateExited` as HistoryEventType,
        stateExitedEventDetails: {
          name: state.name,
          output: json(state.output),
          outputDetails: NOT_TRUNCATED,
        },
      });
      return;
    }
    case 'MapIterationStarted':
    case 'MapIterationSucceeded':
    case 'MapIterationFailed': {
      const details = { name: event.parentState?.name ?? '', index: event.index ?? 0 };
      const key = `${event.type.charAt(0).toLowerCase()}${event.type.slice(1)}EventDetails`;
      history.append({ timestamp, type: event.type, [key]: details });
      return;
    }
    default:
      return;
  }
}
