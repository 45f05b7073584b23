import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ActivitiesWire } from '../model/activity-work.js';
import { redactTokensIn } from '../model/token-redaction.js';
import { consoleActivities } from './console-activities.js';
import { consoleCounts } from './console-overview.js';
import type { ConsoleSource } from './console-source.js';
import type { FunctionLog } from './function-log.js';
import { eventToWire, executionToWire } from './history-wire.js';
import { SECURITY_HEADERS } from './security-headers.js';

/** How often the stream looks for changes, in milliseconds. */
const TICK_MS = 200;
/** A comment line every so often keeps proxies and the browser from closing an idle stream. */
const KEEPALIVE_TICKS = 75;
/** History events sent in one message at most (a long history arrives in a few). */
const EVENTS_PER_MESSAGE = 500;

interface Client {
  readonly response: ServerResponse;
  /** The execution whose history the page follows, if any. */
  readonly executionArn: string | undefined;
  /** The page follows the activities' work (`?activities`). */
  readonly activities: boolean;
  /** The activities last sent (without their time), to send them again only on change. */
  sentActivities: string;
  /** Id of the last history event sent. */
  sentEventId: number;
  sentStatus: string | undefined;
  sentCounts: string;
}

/**
 * The console's live updates, as server-sent events (`GET /console/api/stream`):
 *
 * - `counts`: executions, running, pending tokens, queue counts, notifications, log lines,
 *   whenever one changes (the page then refreshes what it shows);
 * - `history` (with `?execution=<arn>&after=<event id>`): the execution's new history events
 *   in GetExecutionHistory's shape, and its description when its status changes;
 * - `activities` (with `?activities`): every activity with the tasks waiting at it and the
 *   workers' polls held (tokens redacted), whenever that changes.
 *
 * The stream polls the runner's read-only views every {@link TICK_MS} ms, and only while a
 * page is connected: it needs no hook in the engine, and costs nothing when no console is open.
 */
export class EventStream {
  readonly #source: ConsoleSource;
  readonly #log: FunctionLog;
  readonly #clients = new Set<Client>();
  #timer: NodeJS.Timeout | undefined;
  #ticks = 0;

  constructor(source: ConsoleSource, log: FunctionLog) {
    this.#source = source;
    this.#log = log;
  }

  /** Pages connected. */
  get clientCount(): number {
    return this.#clients.size;
  }

  /** Takes a `GET /console/api/stream` request and keeps it open. */
  connect(_request: IncomingMessage, response: ServerResponse, url: URL): void {
    response.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': 'text/event-stream; charset=utf-8',
      Connection: 'keep-alive',
    });
    response.write('retry: 1000\n\n');
    const after = Number(url.searchParams.get('after') ?? 0);
    const client: Client = {
      response,
      executionArn: url.searchParams.get('execution') ?? undefined,
      activities: url.searchParams.has('activities'),
      sentActivities: '',
      sentEventId: Number.isInteger(after) && after > 0 ? after : 0,
      sentStatus: undefined,
      sentCounts: '',
    };
    this.#clients.add(client);
    // The response closes when the page goes (the request closes as soon as it is read).
    response.on('close', () => {
      this.#clients.delete(client);
      if (this.#clients.size === 0) this.#stop();
    });
    this.#send(client);
    this.#timer ??= setInterval(() => this.#tick(), TICK_MS).unref();
  }

  /** Ends every stream (the server is closing). */
  close(): void {
    for (const client of this.#clients) client.response.end();
    this.#clients.clear();
    this.#stop();
  }

  #stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #tick(): void {
    this.#ticks += 1;
    const keepalive = this.#ticks % KEEPALIVE_TICKS === 0;
    let counts: string;
    let activities: ActivitiesWire | undefined;
    try {
      counts = JSON.stringify(consoleCounts(this.#source, this.#log));
      if ([...this.#clients].some((client) => client.activities)) {
        activities = consoleActivities(this.#source);
      }
    } catch (error) {
      // A timer's exception would end the process: the streams end instead, the pages reconnect.
      this.#drop(error);
      return;
    }
    for (const client of this.#clients) {
      try {
        this.#send(client, counts, activities);
        if (keepalive) client.response.write(': keepalive\n\n');
      } catch (error) {
        this.#drop(error, client);
      }
    }
  }

  /** Ends one stream (or all) after an unexpected exception, with a line on stderr. */
  #drop(error: unknown, client?: Client): void {
    process.stderr.write(
      `sfn-callback-local: console stream ended after an internal failure: ${redactTokensIn(error instanceof Error ? error.message : String(error))}\n`,
    );
    for (const each of client ? [client] : [...this.#clients]) {
      this.#clients.delete(each);
      each.response.destroy();
    }
    if (this.#clients.size === 0) this.#stop();
  }

  #send(
    client: Client,
    counts = JSON.stringify(consoleCounts(this.#source, this.#log)),
    activities = client.activities ? consoleActivities(this.#source) : undefined,
  ): void {
    if (counts !== client.sentCounts) {
      client.sentCounts = counts;
      client.response.write(`event: counts\ndata: ${counts}\n\n`);
    }
    if (client.activities && activities) {
      const key = JSON.stringify(activities.activities);
      if (key !== client.sentActivities) {
        client.sentActivities = key;
        client.response.write(`event: activities\ndata: ${JSON.stringify(activities)}\n\n`);
      }
    }
    if (client.executionArn === undefined) return;
    const execution = this.#source.describeExecution(client.executionArn);
    if (!execution) return;
    const events = execution.events;
    // An execution has ended once it has a stop date (its history is then complete).
    const status = execution.stopDate ? execution.status : 'RUNNING';
    while (client.sentEventId < events.length || client.sentStatus !== status) {
      const batch = events.slice(client.sentEventId, client.sentEventId + EVENTS_PER_MESSAGE);
      const statusChanged = client.sentStatus !== status;
      // Send the description with the last batch, so that the page never shows an ended
      // status before the events that led to it.
      const last = client.sentEventId + batch.length >= events.length;
      const payload = {
        events: batch.map(eventToWire),
        ...(last && statusChanged ? { execution: { ...executionToWire(execution), status } } : {}),
      };
      client.response.write(`event: history\ndata: ${JSON.stringify(payload)}\n\n`);
      client.sentEventId += batch.length;
      if (last) client.sentStatus = status;
    }
  }
}
