import type { TaskResponseResult, TaskTokenClient } from '@sfn-callback/task-token';
import { redactToken, TaskClosedError } from '@sfn-callback/task-token';
import type { Context, SQSRecord } from 'aws-lambda';
import type { OutcomeTally } from './outcome-tally.js';
import type { TimeGuard } from './time-guard.js';
import type { CallbackContext } from './types.js';

/**
 * The {@link CallbackContext} given to the function. Its abort signal, the heartbeat
 * function and the redacted token are created on first use: most functions read none of
 * them, and the allocations are a measurable share of the per-record cost.
 */
export class RecordContext implements CallbackContext {
  readonly record: SQSRecord;
  readonly lambdaContext: Context;
  readonly #token: string;
  readonly #client: TaskTokenClient;
  readonly #guard: TimeGuard;
  readonly #tally: OutcomeTally | undefined;
  #controller: AbortController | undefined;
  #unlink: (() => void) | undefined;
  #signalOverride: AbortSignal | undefined;
  #heartbeat: (() => Promise<TaskResponseResult>) | undefined;
  #redacted: string | undefined;

  constructor(
    record: SQSRecord,
    lambdaContext: Context,
    token: string,
    client: TaskTokenClient,
    guard: TimeGuard,
    tally?: OutcomeTally,
  ) {
    this.record = record;
    this.#tally = tally;
    this.lambdaContext = lambdaContext;
    this.#token = token;
    this.#client = client;
    this.#guard = guard;
  }

  get messageId(): string {
    return this.record.messageId;
  }

  get redactedToken(): string {
    this.#redacted ??= redactToken(this.#token);
    return this.#redacted;
  }

  get heartbeat(): () => Promise<TaskResponseResult> {
    this.#heartbeat ??= async () => {
      let result: TaskResponseResult;
      try {
        result = await this.#client.heartbeat(this.#token);
      } catch (error) {
        this.heartbeatFailed();
        throw error;
      }
      if (result.status === 'already-closed') {
        this.#ownController().abort(new TaskClosedError(result.reason));
      }
      return result;
    };
    return this.#heartbeat;
  }

  get signal(): AbortSignal {
    return this.#signalOverride ?? this.ownSignal;
  }

  /** This record's own signal: aborted by a closed-task heartbeat or by the time guard. */
  get ownSignal(): AbortSignal {
    return this.#ownController().signal;
  }

  /** Gives the function another signal (the heartbeat helper's, which follows ours). */
  useSignal(signal: AbortSignal): void {
    this.#signalOverride = signal;
  }

  /** Why the function's signal aborted, if it was created and did. */
  get abortReason(): unknown {
    const signal = this.#signalOverride ?? this.#controller?.signal;
    return signal?.aborted ? signal.reason : undefined;
  }

  /** Counts a heartbeat of this record that did not get through. */
  heartbeatFailed(): void {
    this.#tally?.heartbeatFailed();
  }

  dispose(): void {
    this.#unlink?.();
  }

  #ownController(): AbortController {
    if (this.#controller === undefined) {
      const controller = new AbortController();
      this.#controller = controller;
      const parent = this.#guard.signal;
      if (parent.aborted) controller.abort(parent.reason);
      else {
        const forward = () => controller.abort(parent.reason);
        parent.addEventListener('abort', forward, { once: true });
        this.#unlink = () => parent.removeEventListener('abort', forward);
      }
    }
    return this.#controller;
  }
}
