import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** How an open task ended, as the waiting Task state sees it. */
export type TaskOutcome =
  | { readonly kind: 'success'; readonly output: unknown }
  | { readonly kind: 'failure'; readonly error: string; readonly cause: string }
  | { readonly kind: 'heartbeat-timeout' }
  /** The task's TimeoutSeconds passed; the engine raises States.Timeout itself. */
  | { readonly kind: 'timeout' };

/** Why a Send* call was refused, named as the Step Functions API names its errors. */
export type TokenRefusal = 'TaskTimedOut' | 'InvalidToken';

/** Options of {@link TokenRegistry.open}. */
export interface OpenTaskOptions {
  /** Milliseconds until the task times out (the state's TimeoutSeconds). */
  readonly timeoutMs: number;
  /** Milliseconds allowed between heartbeats (the state's HeartbeatSeconds), if any. */
  readonly heartbeatMs?: number;
  /** Called once, with how the task ended. */
  readonly onClose: (outcome: TaskOutcome) => void;
}

/** An open task as {@link TokenRegistry.pending} lists it. */
export interface PendingTask {
  readonly token: string;
  /** Epoch milliseconds the task opened at. */
  readonly openedAt: number;
  /** Epoch milliseconds the task times out at (TimeoutSeconds). */
  readonly timeoutAt: number;
  /** Epoch milliseconds the next heartbeat is due by (HeartbeatSeconds), if any. */
  readonly heartbeatDueAt?: number;
}

interface OpenTask {
  readonly openedAt: number;
  readonly onClose: (outcome: TaskOutcome) => void;
  readonly deadline: number;
  readonly heartbeatMs: number | undefined;
  heartbeatDeadline: number;
  timeoutTimer: NodeJS.Timeout;
  heartbeatTimer: NodeJS.Timeout | undefined;
}

const TOKEN_PREFIX = 'AQCLocal';

/**
 * Issues task tokens and tracks the open ones: the local side of SendTaskSuccess,
 * SendTaskFailure and SendTaskHeartbeat.
 *
 * A token is opaque to its holder but self-checking (an HMAC with a per-registry key), so a
 * closed token can be told from a forged one without remembering every token ever issued:
 * memory stays flat however many executions run. The answers follow the service: a token
 * that is well formed but no longer open (completed, timed out, or never opened) gets
 * `TaskTimedOut`; anything else gets `InvalidToken`.
 *
 * Heartbeat timeouts are enforced here (aws-local-stepfunctions ignores `HeartbeatSeconds`);
 * the task timeout is enforced by the engine, and the registry closes the token at the same
 * deadline.
 */
export class TokenRegistry {
  readonly #key = randomBytes(32);
  readonly #open = new Map<string, OpenTask>();
  #sequence = 0;

  /** Tokens currently open (waiting for an answer). */
  get openCount(): number {
    return this.#open.size;
  }

  /** The open tasks, oldest first: what the console lists as pending callbacks. */
  pending(): PendingTask[] {
    return [...this.#open].map(([token, task]) => ({
      token,
      openedAt: task.openedAt,
      timeoutAt: task.deadline,
      ...(task.heartbeatMs !== undefined ? { heartbeatDueAt: task.heartbeatDeadline } : {}),
    }));
  }

  /** Issues a new token. It is not open until {@link open} is called with it. */
  issue(): string {
    this.#sequence += 1;
    const body = `${TOKEN_PREFIX}${this.#sequence.toString(36)}.${randomBytes(24).toString('base64url')}`;
    return `${body}.${this.#sign(body)}`;
  }

  /** Opens `token`: the task now waits for an answer, a heartbeat timeout or its timeout. */
  open(token: string, options: OpenTaskOptions): void {
    const now = Date.now();
    const task: OpenTask = {
      openedAt: now,
      onClose: options.onClose,
      deadline: now + options.timeoutMs,
      heartbeatMs: options.heartbeatMs,
      heartbeatDeadline:
        options.heartbeatMs === undefined ? Number.POSITIVE_INFINITY : now + options.heartbeatMs,
      timeoutTimer: setTimeout(() => this.#close(token, { kind: 'timeout' }), options.timeoutMs),
      heartbeatTimer: undefined,
    };
    task.timeoutTimer.unref();
    if (options.heartbeatMs !== undefined) {
      task.heartbeatTimer = setTimeout(
        () => this.#close(token, { kind: 'heartbeat-timeout' }),
        options.heartbeatMs,
      );
      task.heartbeatTimer.unref();
    }
    this.#open.set(token, task);
  }

  /** SendTaskSuccess: closes the task with `output` (already parsed). */
  succeed(token: string, output: unknown): TokenRefusal | undefined {
    return this.#answer(token, { kind: 'success', output });
  }

  /** SendTaskFailure: closes the task with an error name and cause. */
  fail(token: string, error: string, cause: string): TokenRefusal | undefined {
    return this.#answer(token, { kind: 'failure', error, cause });
  }

  /** SendTaskHeartbeat: restarts the heartbeat clock (never extends the task timeout). */
  heartbeat(token: string): TokenRefusal | undefined {
    const task = this.#live(token);
    if (typeof task === 'string') return task;
    if (task.heartbeatMs !== undefined && task.heartbeatTimer) {
      task.heartbeatDeadline = Date.now() + task.heartbeatMs;
      task.heartbeatTimer.refresh();
    }
    return undefined;
  }

  /** Closes an open task without an answer (its execution stopped). */
  cancel(token: string): void {
    this.#close(token, { kind: 'timeout' });
  }

  /** Closes every open task as timed out, and stops every timer. */
  closeAll(): void {
    for (const token of [...this.#open.keys()]) this.#close(token, { kind: 'timeout' });
  }

  #answer(token: string, outcome: TaskOutcome): TokenRefusal | undefined {
    const task = this.#live(token);
    if (typeof task === 'string') return task;
    this.#close(token, outcome);
    return undefined;
  }

  /** The open task of `token`, or why it cannot be answered. Late answers close it. */
  #live(token: string): OpenTask | TokenRefusal {
    const task = this.#open.get(token);
    if (!task) return this.#isGenuine(token) ? 'TaskTimedOut' : 'InvalidToken';
    const now = Date.now();
    if (now >= task.deadline) {
      this.#close(token, { kind: 'timeout' });
      return 'TaskTimedOut';
    }
    if (now >= task.heartbeatDeadline) {
      this.#close(token, { kind: 'heartbeat-timeout' });
      return 'TaskTimedOut';
    }
    return task;
  }

  #close(token: string, outcome: TaskOutcome): void {
    const task = this.#open.get(token);
    if (!task) return;
    this.#open.delete(token);
    clearTimeout(task.timeoutTimer);
    if (task.heartbeatTimer) clearTimeout(task.heartbeatTimer);
    task.onClose(outcome);
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
