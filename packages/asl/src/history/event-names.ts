import type { HistoryEventType } from '@aws-sdk/client-sfn';

/** The prefix AWS gives a state type's Entered/Exited events (`TaskStateEntered`, `PassStateExited`, ...). */
export function stateEventPrefix(type: string): string {
  switch (type) {
    case 'Task':
      return 'TaskState';
    case 'Pass':
      return 'PassState';
    case 'Choice':
      return 'ChoiceState';
    case 'Wait':
      return 'WaitState';
    case 'Succeed':
      return 'SucceedState';
    case 'Fail':
      return 'FailState';
    case 'Parallel':
      return 'ParallelState';
    case 'Map':
      return 'MapState';
    default:
      return `${type}State`;
  }
}

/** `TaskStateEntered`, `MapStateExited`, ... */
export function stateEventType(type: string, phase: 'Entered' | 'Exited'): HistoryEventType {
  return `${stateEventPrefix(type)}${phase}` as HistoryEventType;
}
