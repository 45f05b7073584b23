import { redactTokensIn } from '../model/token-redaction.js';

/** One line a function printed, as the console shows it (tokens redacted). */
export interface FunctionLogLine {
  /** 1, 2, …: the line's number since the start. */
  readonly seq: number;
  /** Epoch milliseconds. */
  readonly at: number;
  readonly functionName: string;
  readonly line: string;
}

/**
 * The functions' last log lines, kept for the console (a ring of `retain` lines). Tokens are
 * redacted as each line comes in, so no full token is ever kept or shown.
 */
export class FunctionLog {
  readonly #lines: FunctionLogLine[] = [];
  readonly #retain: number;
  #seq = 0;

  constructor(retain = 500) {
    this.#retain = retain;
  }

  /** How many lines came in since the start. */
  get count(): number {
    return this.#seq;
  }

  /** Records a line; use as the runner's `onFunctionLog`. */
  push(functionName: string, line: string): void {
    this.#seq += 1;
    this.#lines.push({ seq: this.#seq, at: Date.now(), functionName, line: redactTokensIn(line) });
    if (this.#lines.length > this.#retain) this.#lines.splice(0, this.#lines.length - this.#retain);
  }

  /** The kept lines, oldest first, after line `after`. */
  lines(after = 0): FunctionLogLine[] {
    return this.#lines.filter((l) => l.seq > after);
  }
}
