import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { type Execution, type Json, TaskTokenError, type TaskTokenTiming } from '@sfn-callback/asl';

/** Why a Send* call was refused, named as the Step Functions API names its errors. */
export type TokenRefusal = 'TaskTimedOut' | 'InvalidToken';

/** An open task as {@link TokenRegistry.pending} lists it. */
export interface PendingTask {
  readonly token: string;
  /** Epoch milliseconds the task opened at. */
  readonly openedAt: number;
  /** Epoch milliseconds the task times out at (TimeoutSeconds), when it has one. */
  readonly timeoutAt?: number;
  /** Epoch milliseconds the next heartbeat is due by (HeartbeatSeconds), if any. */
  readonly heartbeatDueAt?: number;
}

interface OpenTask {
  readonly execution: Execution;
  readonly openedAt: number;
  readonly timeoutAt: number | undefined;
  readonly heartbeatMs: number | undefined;
  heartbeatDueAt: number | undefined;
}

const TOKEN_PREFIX = 'AQCLocal';

/**
 * Issues task tokens and routes SendTaskSuccess, SendTaskFailure and SendTaskHeartbeat to
 * the execution that waits on each open one. The engine enforces the task's timeouts and
 * heartbeats and tells the registry when a token opens and closes.
 *
 * A token is opaque to its holder but self-checking (an HMAC with a per-registry key), so a
 * closed token can be told from a forged one without remembering every token ever issued:
 * memory stays flat however many executions run. The answers follow the service: a token
 * that is well formed but no longer open (completed, timed out, or never opened) gets
 * `TaskTimedOut`; anything else gets `InvalidToken`.
 */
export class TokenRegistry {
  readonly #key = randomBytes(32);
  readonly #open = new Map<string, OpenTask>();
  #sequence = 0;
  readonly #now: () => number;

  /** @param now the runner's time (its deadlines are on it). @default Date.now */
  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /** Tokens currently open (waiting for an answer). */
  get openCount(): number {
    return this.#open.size;
  }

  /** The open tokens. */
  openTokens(): IterableIterator<string> {
    return this.#open.keys();
  }

  /** The open tasks, oldest first: what the console lists as pending callbacks. */
  pending(): PendingTask[] {
    return [...this.#open].map(([token, task]) => ({
      token,
      openedAt: task.openedAt,
      ...(task.timeoutAt !== undefined ? { timeoutAt: task.timeoutAt } : {}),
      ...(task.heartbeatDueAt !== undefined ? { heartbeatDueAt: task.heartbeatDueAt } : {}),
    }));
  }

  /** Issues a new token. It is not open until {@link open} is called with it. */
  issue(): string {
    this.#sequence += 1;
    const body = `${TOKEN_PREFIX}${this.#sequence.toString(36)}.${randomBytes(24).toString('base64url')}`;
    return `${body}.${this.#sign(body)}`;
  }

  /** `execution` now waits for an answer to `token`, within the task's timeout and heartbeat. */
  open(token: string, execution: Execution, timing: TaskTokenTiming = {}): void {
    const now = this.#now();
    const heartbeatMs =
      timing.heartbeatSeconds !== undefined ? timing.heartbeatSeconds * 1000 : undefined;
    this.#open.set(token, {
      execution,
      openedAt: now,
      timeoutAt:
        timing.timeoutSeconds !== undefined ? now + timing.timeoutSeconds * 1000 : undefined,
      heartbeatMs,
      heartbeatDueAt: heartbeatMs !== undefined ? now + heartbeatMs : undefined,
    });
  }

  /** The task of `token` ended (answered, timed out, or its execution ended). */
  close(token: string): void {
    this.#open.delete(token);
  }

  /** SendTaskSuccess with `output` (already parsed). */
  succeed(token: string, output: Json): TokenRefusal | undefined {
    return this.#route(token, (execution) => execution.sendTaskSuccess(token, output));
  }

  /** SendTaskFailure with an error name and cause (either may be absent). */
  fail(token: string, error?: string, cause?: string): TokenRefusal | undefined {
    return this.#route(token, (execution) => execution.sendTaskFailure(token, error, cause));
  }

  /** SendTaskHeartbeat: restarts the task's heartbeat clock (never extends its timeout). */
  heartbeat(token: string): TokenRefusal | undefined {
    const refusal = this.#route(token, (execution) => execution.sendTaskHeartbeat(token));
    const task = this.#open.get(token);
    if (!refusal && task?.heartbeatMs !== undefined)
      task.heartbeatDueAt = this.#now() + task.heartbeatMs;
    return refusal;
  }

  #route(token: string, send: (execution: Execution) => void): TokenRefusal | undefined {
    const task = this.#open.get(token);
    if (!task) return this.#isGenuine(token) ? 'TaskTimedOut' : 'InvalidToken';
    try {
      send(task.execution);
      return undefined;
    } catch (error) {
      if (error instanceof TaskTokenError) {
        return error.code === 'InvalidToken' ? 'InvalidToken' : 'TaskTimedOut';
      }
      throw error;
    }
  }

  #sign(body: string): string {
    return createHmac('sha256', this.#key).update(body).digest('base64url').slice(0, 32);
  }

  #isGenuine(token: string): boolean {
    const dot = token.lastIndexOf('.');
    if (dot <= 0 || !token.startsWith(TOKEN_PREFIX)) return false;
    const expected = Buffer.from(this.#sign(token.slice(0, dot)));
    const given = Buffer.from(token.slice(dot + 1));
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}
