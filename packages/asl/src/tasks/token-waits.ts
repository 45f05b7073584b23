import type { Json } from '../json.js';
import { TaskTokenError } from '../task-token-error.js';

/** How a `.waitForTaskToken` task was answered. */
export type TokenAnswer =
  | { readonly kind: 'success'; readonly output: Json }
  | { readonly kind: 'failure'; readonly error?: string; readonly cause?: string };

/** The limits of a task waiting for its token, for whoever lists open tasks. */
export interface TaskTokenTiming {
  /** The task's `TimeoutSeconds`, when it has one. */
  readonly timeoutSeconds?: number;
  /** The task's `HeartbeatSeconds`, when it has one. */
  readonly heartbeatSeconds?: number;
}

interface OpenToken {
  readonly answer: (answer: TokenAnswer) => void;
  readonly heartbeat: () => void;
}

/**
 * The task tokens of one execution: open while their task waits, closed once answered,
 * timed out, or the execution ended. Answers to a closed token are refused as AWS refuses
 * them (`TaskTimedOut`); a token never issued here is `InvalidToken`.
 */
export class TokenWaits {
  readonly #open = new Map<string, OpenToken>();
  readonly #closed = new Set<string>();
  readonly #onChange:
    | ((token: string, open: boolean, timing?: TaskTokenTiming) => void)
    | undefined;

  constructor(onChange?: (token: string, open: boolean, timing?: TaskTokenTiming) => void) {
    this.#onChange = onChange;
  }

  /** Opens `token` for answers until `close`. */
  open(token: string, handlers: OpenToken, timing: TaskTokenTiming = {}): void {
    this.#open.set(token, handlers);
    this.#onChange?.(token, true, timing);
  }

  close(token: string): void {
    if (!this.#open.delete(token)) return;
    this.#closed.add(token);
    this.#onChange?.(token, false);
  }

  /** Closes every open token (the execution ended). */
  closeAll(): void {
    for (const token of [...this.#open.keys()]) this.close(token);
  }

  answer(token: string, answer: TokenAnswer): void {
    const open = this.#find(token);
    this.close(token);
    open.answer(answer);
  }

  heartbeat(token: string): void {
    this.#find(token).heartbeat();
  }

  #find(token: string): OpenToken {
    const open = this.#open.get(token);
    if (open) return open;
    if (this.#closed.has(token)) {
      throw new TaskTokenError('TaskTimedOut', 'Task Timed Out: the task does not exist anymore');
    }
    throw new TaskTokenError(
      'InvalidToken',
      'Invalid Token: the token was not issued by this execution',
    );
  }
}
