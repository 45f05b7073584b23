import type { Clock } from '../clock.js';
import type { RandomSource } from '../scope.js';
import type { TaskHandler } from '../task-handler.js';

/** How much of the data flow a TestState response shows. TRACE adds HTTP details (not modelled). */
export type InspectionLevel = 'INFO' | 'DEBUG' | 'TRACE';

/** How strictly a mocked result is checked against the service API's response shape. */
export type MockFieldValidationMode = 'STRICT' | 'PRESENT' | 'NONE';

/** `mock` of a TestState request: a result (JSON text) or an error, instead of calling the service. */
export interface TestStateMock {
  /** The state's result, as JSON text (Map: the whole Map result; Parallel: one element per branch). */
  readonly result?: string;
  readonly errorOutput?: { readonly error?: string; readonly cause?: string };
  readonly fieldValidationMode?: MockFieldValidationMode;
}

/** `stateConfiguration` of a TestState request. */
export interface TestStateConfiguration {
  /** How many retries already happened: picks the retry's backoff and whether retries are left. */
  readonly retrierRetryCount?: number;
  /** The state inside a Map or Parallel that a mocked error comes from. */
  readonly errorCausedByState?: string;
  /** How many Map iterations failed (checked against the tolerated failures). */
  readonly mapIterationFailureCount?: number;
  /** The items an ItemReader would read (JSON text); not used here. */
  readonly mapItemReaderData?: string;
}

/** AWS's TestState request. */
export interface TestStateRequest {
  /** The state (or, with `stateName`, the whole state machine): JSON text or parsed. */
  readonly definition: string | object;
  /** Test this state of the machine in `definition`. */
  readonly stateName?: string;
  /** The state's input, JSON text (default `{}`). */
  readonly input?: string;
  readonly inspectionLevel?: InspectionLevel;
  readonly mock?: TestStateMock;
  /** The context object, JSON text (allowed only with a mock). */
  readonly context?: string;
  /** The variables visible to the state, a JSON object as text. */
  readonly variables?: string;
  readonly stateConfiguration?: TestStateConfiguration;
  readonly revealSecrets?: boolean;
  /** Required to test a Task state without a mock. */
  readonly roleArn?: string;
}

/** How the tested state ended. */
export type TestStateStatus = 'SUCCEEDED' | 'FAILED' | 'RETRIABLE' | 'CAUGHT_ERROR';

/** Why the state failed, retried or was caught. */
export interface InspectionErrorDetails {
  readonly catchIndex?: number;
  readonly retryIndex?: number;
  readonly retryBackoffIntervalSeconds?: number;
}

/** The intermediate values of the state's data flow (DEBUG and TRACE); JSON texts like AWS's. */
export interface InspectionData {
  readonly input?: string;
  readonly afterInputPath?: string;
  readonly afterParameters?: string;
  readonly afterArguments?: string;
  readonly result?: string;
  readonly afterResultSelector?: string;
  readonly afterResultPath?: string;
  readonly afterItemsPath?: string;
  readonly afterItemSelector?: string;
  readonly maxConcurrency?: number;
  readonly toleratedFailureCount?: number;
  readonly toleratedFailurePercentage?: number;
  /** The variables after the state, as a JSON object text. */
  readonly variables?: string;
  readonly errorDetails?: InspectionErrorDetails;
}

/** AWS's TestState response. */
export interface TestStateResponse {
  readonly status: TestStateStatus;
  /** JSON text; present when the state succeeded or its error was caught. */
  readonly output?: string;
  readonly error?: string;
  readonly cause?: string;
  readonly nextState?: string;
  readonly inspectionData?: InspectionData;
}

/** Host hooks for {@link testState}. */
export interface TestStateOptions {
  /** For timestamps and task timeouts (default: the system clock). Wait states never wait. */
  readonly clock?: Clock;
  readonly random?: RandomSource;
  /** Runs an unmocked Task state (without one, such a Task fails with States.Runtime). */
  readonly tasks?: TaskHandler;
  readonly issueTaskToken?: () => string;
  /** Region and account of the default context object's ARNs. */
  readonly region?: string;
  readonly accountId?: string;
}
