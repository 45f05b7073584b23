import { randomUUID } from 'node:crypto';
import type { BusEvent } from '../model/sent-messages.js';

/**
 * An EventBridge event bus that records what is put on it (the last `retain` events).
 * There are no rules nor targets: the runner shows the events instead of routing them,
 * as it shows SNS messages.
 */
export class LocalEventBus {
  readonly name: string;
  readonly #events: BusEvent[] = [];
  readonly #retain: number;
  #put = 0;

  constructor(name: string, retain = 1000) {
    this.name = name;
    this.#retain = retain;
  }

  /** Events put so far (the last ones retained), oldest first. */
  get events(): readonly BusEvent[] {
    return this.#events;
  }

  /** How many events were put in all. */
  get putCount(): number {
    return this.#put;
  }

  /** Records one PutEvents entry. */
  put(
    entry: { Source: string; DetailType: string; Detail: string; Resources?: readonly string[] },
    origin: { executionArn?: string; stateName?: string } = {},
  ): BusEvent {
    const event: BusEvent = {
      eventId: randomUUID(),
      eventBusName: this.name,
      source: entry.Source,
      detailType: entry.DetailType,
      detail: entry.Detail,
      resources: entry.Resources ?? [],
      timestamp: new Date(),
      ...origin,
    };
    this.#put += 1;
    this.#events.push(event);
    if (this.#events.length > this.#retain)
      this.#events.splice(0, this.#events.length - this.#retain);
    return event;
  }
}
