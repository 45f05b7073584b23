import type { Json } from '../../src/json.ts';

/**
 * What one Task attempt does, whether replayed from the recorded history or emulated:
 * answer, fail, never answer (a timeout or an abort ends it), or submit first (the
 * `TaskSubmitted` of `.sync` and `.waitForTaskToken` tasks) and end later.
 */
export type Outcome =
  | { readonly kind: 'succeed'; readonly output: Json }
  | { readonly kind: 'fail'; readonly error?: string; readonly cause?: string }
  | { readonly kind: 'hang' }
  | { readonly kind: 'submit'; readonly output: Json; readonly after: Outcome }
  | { readonly kind: 'sleep'; readonly ms: number; readonly after: Outcome };

/** How a `.waitForTaskToken` task's token gets answered, after it is open. */
export interface TokenAnswer {
  /** Virtual milliseconds before the first call. */
  readonly delayMs: number;
  readonly heartbeats: number;
  /** `hang`: nothing answers. */
  readonly after: Outcome;
}

export const succeed = (output: Json): Outcome => ({ kind: 'succeed', output });
export const fail = (error?: string, cause?: string): Outcome => ({ kind: 'fail', error, cause });
export const hang: Outcome = { kind: 'hang' };
