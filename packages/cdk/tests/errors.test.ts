import { describe, expect, it } from 'vitest';
import * as cdk from '../src/index.js';

// The error convention: every construct-time error extends CallbackConstructError, has a
// stable `code` of its own and a literal `name` equal to its class name (so a minified
// build keeps it).

type ErrorClass = new (...args: unknown[]) => cdk.CallbackConstructError;
const errorClasses = (Object.entries(cdk) as Array<[string, unknown]>).filter(
  (entry): entry is [string, ErrorClass] =>
    typeof entry[1] === 'function' && entry[1].prototype instanceof cdk.CallbackConstructError,
);

describe('construct-time errors', () => {
  it('are all found (the list below is not empty by accident)', () => {
    expect(errorClasses.map(([name]) => name).sort()).toEqual([
      'ConflictingPropsError',
      'ExpressStateMachineError',
      'FifoQueueError',
      'HeartbeatNotBelowTimeoutError',
      'InvalidPropError',
      'InvalidTaskTimeoutError',
      'MissingPropError',
      'VisibilityTimeoutTooShortError',
    ]);
  });

  it.each(errorClasses)(
    '%s has its class name as a literal name, and a code',
    (name, ErrorClass) => {
      const error = new ErrorClass('Stack/Construct', 'a', 'b');
      expect(error).toBeInstanceOf(Error);
      expect(Object.hasOwn(error, 'name')).toBe(true); // an own field, not the class's name
      expect(error.name).toBe(name);
      expect(error.code).toBe(name.replace(/Error$/, ''));
    },
  );
});
