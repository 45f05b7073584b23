// `import '@sfn-callback/testing/vitest'` (in a test file or a `setupFiles` entry) installs
// the state machine matchers in vitest's `expect`, with their types.
import { expect } from 'vitest';
import { type StateMachineMatchers, stateMachineMatchers } from './index.js';

expect.extend(stateMachineMatchers);

declare module 'vitest' {
  interface Matchers<R extends void | Promise<void> = void | Promise<void>, T = unknown>
    extends StateMachineMatchers<R> {}
}
