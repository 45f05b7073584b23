export type { Clock } from './clock.js';
export type {
  QueryLanguage,
  StateDefinition,
  StateMachineDefinition,
  StatesBlock,
} from './definition.js';
export { definitionHash } from './definition-hash.js';
export { CSV_DELIMITERS, CsvFormatError, csvRows } from './distributed/csv-rows.js';
export {
  type ChildExecution,
  MapRun,
  type MapRunDescription,
  type MapRunObserver,
  type MapRunUpdate,
  MapRunUpdateError,
} from './distributed/map-run.js';
export {
  InMemoryObjectStore,
  type ListedObject,
  type ObjectStore,
} from './distributed/object-store.js';
export { errorMatches } from './execution/error-matching.js';
export type { Execution } from './execution.js';
export type {
  ChoiceDecision,
  DistributedMapHost,
  ExecutionIdentity,
  ExecutionOptions,
  ExecutionResult,
  ExecutionStatus,
} from './execution-options.js';
export type { RecordedHistoryEvent } from './history/recorded-event.js';
export type { Json, JsonObject } from './json.js';
export { MAX_HISTORY_EVENTS, MAX_PAYLOAD_BYTES } from './limits.js';
export {
  ExecutionNotRedrivableError,
  type NotRedrivableReason,
} from './redrive/execution-not-redrivable.js';
export { REDRIVE_WINDOW_MS } from './redrive/plan-redrive.js';
export type { RandomSource } from './scope.js';
export { StateMachine } from './state-machine.js';
export { StatesError, StatesErrors } from './states-error.js';
export type { IntegrationPattern, TaskHandler, TaskRequest, TaskResource } from './task-handler.js';
export { TaskTokenError, type TaskTokenErrorCode } from './task-token-error.js';
export { parseTaskResource } from './tasks/parse-resource.js';
export type { TaskTokenTiming } from './tasks/token-waits.js';
export { testState } from './test-state/test-state.js';
export { type TestStateErrorCode, TestStateRequestError } from './test-state/test-state-error.js';
export type {
  InspectionData,
  InspectionErrorDetails,
  InspectionLevel,
  MockFieldValidationMode,
  TestStateConfiguration,
  TestStateMock,
  TestStateOptions,
  TestStateRequest,
  TestStateResponse,
  TestStateStatus,
} from './test-state/types.js';
export { systemClock } from './time/system-clock.js';
export { TimerQueue } from './time/timer-queue.js';
export { VirtualClock } from './time/virtual-clock.js';
export { holdVirtualTime } from './time/virtual-time-holds.js';
export type { Diagnostic } from './validation/diagnostic.js';
export { InvalidDefinitionError } from './validation/invalid-definition-error.js';
export { validateDefinition } from './validation/validate-definition.js';
export {
  blocksInside,
  nestedBlock,
  type StatesBlockKind,
  type StatesBlockVisit,
  type StatesVisitor,
  type StateVisit,
  type WalkStatesOptions,
  walkStates,
} from './walk-states.js';
