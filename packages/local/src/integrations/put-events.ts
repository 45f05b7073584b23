import { randomUUID } from 'node:crypto';
import { StatesError } from '@sfn-callback/asl';
import type { BusEvent } from '../model/sent-messages.js';
import type { LocalEventBus } from './local-event-bus.js';

/** The event buses of the runner, by name; a bus is created when first named. */
export type EventBuses = (name: string) => LocalEventBus;

const text = (value: unknown): string =>
  typeof value === 'string' ? value : JSON.stringify(value ?? {});

/**
 * `events:putEvents` (and `.waitForTaskToken`): records each entry on its bus (`EventBusName`,
 * a bus name or ARN; `default` when absent) and answers as the integration does:
 * `{ Entries: [{ EventId }], FailedEntryCount: 0 }`. An entry without `Source`,
 * `DetailType` or `Detail` is refused as EventBridge refuses it.
 */
export function putEvents(
  parameters: Record<string, unknown>,
  buses: EventBuses,
  origin: { executionArn: string; stateName: string },
  onPut: (event: BusEvent) => void,
): Record<string, unknown> {
  const entries = parameters.Entries;
  if (!Array.isArray(entries) || entries.length < 1 || entries.length > 10) {
    throw new StatesError(
      'EventBridge.ValidationException',
      "1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length between 1 and 10",
    );
  }
  const results = entries.map((raw, index) => {
    const entry = (raw ?? {}) as Record<string, unknown>;
    for (const member of ['Source', 'DetailType', 'Detail']) {
      if (entry[member] === undefined || entry[member] === null) {
        throw new StatesError(
          'EventBridge.ValidationException',
          `Parameter Entries[${index}].${member} is not valid. Reason: ${member} is a required argument.`,
        );
      }
    }
    const bus = String(entry.EventBusName ?? 'default').replace(
      /^arn:aws[a-z-]*:events:[^:]+:\d+:event-bus\//,
      '',
    );
    const event = buses(bus).put(
      {
        Source: String(entry.Source),
        DetailType: String(entry.DetailType),
        Detail: text(entry.Detail),
        ...(Array.isArray(entry.Resources) ? { Resources: entry.Resources.map(String) } : {}),
      },
      origin,
    );
    onPut(event);
    return { EventId: event.eventId };
  });
  return {
    Entries: results,
    FailedEntryCount: 0,
    SdkHttpMetadata: { HttpStatusCode: 200 },
    SdkResponseMetadata: { RequestId: randomUUID() },
  };
}
