import type { HistoryEventType } from '@aws-sdk/client-sfn';

/** The prefix AWS gives a state type's events (`TaskState`, `PassState`, `MapState`, ...). */
export function stateEventPrefix(type: string): string {
  return `${type}State`;
}

/** `TaskStateEntered`, `MapStateExited`, ... */
export function stateEventType(type: string, phase: 'Entered' | 'Exited'): HistoryEventType {
  return `${stateEventPrefix(type)}${phase}` as HistoryEventType;
}
