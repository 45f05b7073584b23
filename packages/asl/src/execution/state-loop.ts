import type { StatesBlock } from '../definition.js';
import type { Json } from '../json.js';
import type { Frame } from './frame.js';
import { runStateLifecycle } from './state-lifecycle.js';

/**
 * Runs a `States` block from its `StartAt` (or `startAt`) to a state that ends it; resolves with the
 * block's output, or rejects with the StatesError no catcher took.
 */
export async function runStateLoop(
  block: StatesBlock,
  input: Json,
  frame: Frame,
  /** Where to begin instead of `StartAt` (a redriven execution). */
  startAt: string = block.StartAt,
): Promise<Json> {
  let name: string | undefined = startAt;
  let value = input;
  while (name !== undefined) {
    // Yield to the event loop every few transitions: a loop that never waits must not starve
    // timers, I/O or the stop() that would end it.
    const wait = frame.run.pacer.pace();
    if (wait) await wait;
    if (frame.signal.aborted) throw frame.signal.reason;
    // Own names only: a state named `toString` is a state, an inherited `toString` is not.
    const state = Object.hasOwn(block.States, name) ? block.States[name] : undefined;
    if (!state) throw new Error(`State '${name}' is not in the definition`);
    const outcome = await runStateLifecycle(frame, name, state, value);
    value = outcome.output;
    name = outcome.next;
  }
  return value;
}
