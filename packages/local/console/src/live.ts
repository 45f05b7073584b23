import type { ActivitiesWire } from '../../src/model/activity-work.js';
import type { Counts, WireEvent, WireExecution } from '../../src/model/console-wire.js';

/** What the live stream delivers. */
export interface LiveHandlers {
  readonly onCounts?: (counts: Counts) => void;
  readonly onHistory?: (update: { events: WireEvent[]; execution?: WireExecution }) => void;
  /** Asks for the activities' work (`?activities`): every activity, whenever its work changes. */
  readonly onActivities?: (activities: ActivitiesWire) => void;
}

/**
 * Subscribes to the console's server-sent events (`/console/api/stream`): counts, and with
 * `execution` that execution's new history events after event `after`. Returns `close`.
 * EventSource reconnects by itself; the page resumes from the last event it holds.
 */
export function live(
  handlers: LiveHandlers,
  execution?: { arn: string; after: () => number },
): () => void {
  let source: EventSource | undefined;
  const open = () => {
    const params = [
      ...(execution
        ? [`execution=${encodeURIComponent(execution.arn)}`, `after=${execution.after()}`]
        : []),
      ...(handlers.onActivities ? ['activities'] : []),
    ];
    const query = params.length > 0 ? `?${params.join('&')}` : '';
    source = new EventSource(`/console/api/stream${query}`, { withCredentials: false });
    source.addEventListener('counts', (event) => {
      handlers.onCounts?.(JSON.parse((event as MessageEvent<string>).data) as Counts);
    });
    source.addEventListener('history', (event) => {
      handlers.onHistory?.(JSON.parse((event as MessageEvent<string>).data));
    });
    source.addEventListener('activities', (event) => {
      handlers.onActivities?.(JSON.parse((event as MessageEvent<string>).data) as ActivitiesWire);
    });
    source.addEventListener('error', () => {
      // Reopen from the last event held (EventSource would replay from its own URL's `after`).
      source?.close();
      setTimeout(() => {
        if (source) open();
      }, 1000);
    });
  };
  open();
  return () => {
    source?.close();
    source = undefined;
  };
}
