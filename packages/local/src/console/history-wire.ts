import type { RecordedHistoryEvent as HistoryEvent } from '@sfn-callback/asl';
import type { WireEvent, WireExecution } from '../model/console-wire.js';
import type { ExecutionDescription } from '../model/execution.js';

/** A history event as GetExecutionHistory answers it: timestamps in epoch seconds. */
export function eventToWire(event: HistoryEvent): WireEvent {
  return { ...event, timestamp: event.timestamp.getTime() / 1000 };
}

/** An execution as DescribeExecution answers it (epoch-second dates). */
export function executionToWire(execution: ExecutionDescription): WireExecution {
  return {
    executionArn: execution.executionArn,
    stateMachineArn: execution.stateMachineArn,
    name: execution.name,
    status: execution.status,
    startDate: execution.startDate.getTime() / 1000,
    ...(execution.stopDate ? { stopDate: execution.stopDate.getTime() / 1000 } : {}),
    input: execution.input,
    ...(execution.output !== undefined ? { output: execution.output } : {}),
    ...(execution.error !== undefined ? { error: execution.error } : {}),
    ...(execution.cause !== undefined ? { cause: execution.cause } : {}),
  };
}
