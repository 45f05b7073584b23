import type { ExecutionDescription } from '../model/execution.js';
import { redactTokens } from './redact-description.js';

/** The EventBridge events an execution put, as the CLI shows them (tokens redacted); none: no lines. */
export function formatBusEvents(description: ExecutionDescription): string[] {
  return (description.busEvents ?? []).flatMap((event) => [
    `EventBridge ${event.eventBusName}`,
    `  Source      ${event.source}`,
    `  DetailType  ${event.detailType}`,
    `  Detail      ${redactTokens(event.detail, description)}`,
    `  From        ${event.stateName ?? '-'}`,
  ]);
}
