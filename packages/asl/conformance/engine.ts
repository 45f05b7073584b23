/**
 * The engine under test, imported in one place: `run.ts` loads this module only after
 * `ts-resolve.ts` has taught Node to find the sources' `.js` imports as `.ts` files.
 */
export {
  InvalidDefinitionError,
  StateMachine,
  TestStateRequestError,
  testState,
  VirtualClock,
} from '../src/index.ts';
