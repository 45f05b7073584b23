import { holdVirtualTime } from '@sfn-callback/asl';

/** The kinds of work the runner counts while it is in flight. */
export type InFlightKind = 'invocation' | 'delivery' | 'request';

/**
 * The work a runner has in flight — function invocations running in worker threads, queue
 * batches being delivered, requests to the endpoint being answered — counted, not guessed
 * from an idle event loop. On virtual time each unit also holds the engine's clock
 * (`holdVirtualTime` of `@sfn-callback/asl`), so that a Wait, a retry interval, a heartbeat or
 * a visibility timeout never passes while something that could still answer is running: a
 * worker that takes 300 ms of real time to call SendTaskSuccess is never beaten to it by a
 * one-second heartbeat.
 */
export class InFlightWork {
  readonly #holdsTime: boolean;
  readonly #counts: Record<InFlightKind, number> = { invocation: 0, delivery: 0, request: 0 };

  /** @param holdsTime whether each unit holds virtual time (a runner on virtual time). */
  constructor(holdsTime: boolean) {
    this.#holdsTime = holdsTime;
  }

  /** Units in flight, by kind. */
  get counts(): Readonly<Record<InFlightKind, number>> {
    return { ...this.#counts };
  }

  /** Units in flight in all. */
  get total(): number {
    return this.#counts.invocation + this.#counts.delivery + this.#counts.request;
  }

  /**
   * Counts one unit of `kind` from now; call the function it returns once the work is done
   * (a second call does nothing).
   */
  begin(kind: InFlightKind): () => void {
    this.#counts[kind] += 1;
    const releaseTime = this.#holdsTime ? holdVirtualTime() : undefined;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.#counts[kind] -= 1;
      releaseTime?.();
    };
  }

  /** Counts `work` as one unit of `kind` until the promise it returns settles. */
  async during<T>(kind: InFlightKind, work: () => Promise<T>): Promise<T> {
    const end = this.begin(kind);
    try {
      return await work();
    } finally {
      end();
    }
  }
}
