import { TaskTokenError } from '@sfn-callback/task-token';
import { describe, expect, it } from 'vitest';
import * as middySqs from '../../src/index.js';

// The error convention: every error of the package extends SqsCallbackError, has a stable
// `code` of its own and a literal `name` equal to its class name (so a minified bundle,
// which renames classes, keeps it).

type ErrorClass = new (...args: unknown[]) => middySqs.SqsCallbackError;
const errorClasses = (Object.entries(middySqs) as Array<[string, unknown]>).filter(
  (entry): entry is [string, ErrorClass] =>
    typeof entry[1] === 'function' && entry[1].prototype instanceof middySqs.SqsCallbackError,
);

describe('errors', () => {
  it('are all found', () => {
    expect(errorClasses.map(([name]) => name).sort()).toEqual([
      'InvalidHandlerResponseError',
      'InvalidSqsEventError',
      'RecordNotProcessedError',
      'RetryableError',
      'TimeRunningOutError',
    ]);
  });

  it.each(errorClasses)(
    '%s has its class name as a literal name, and a code',
    (name, ErrorClass) => {
      const error = new ErrorClass('unexpected', 'm-1', 'message');
      expect(Object.hasOwn(error, 'name')).toBe(true);
      expect(error.name).toBe(name);
      expect(error.code).toBe(name.replace(/Error$/, ''));
      expect(error).not.toBeInstanceOf(TaskTokenError);
    },
  );

  it("RetryableError's stack starts with its name", () => {
    expect(new middySqs.RetryableError('later').stack).toMatch(/^RetryableError: later\n/);
  });
});
