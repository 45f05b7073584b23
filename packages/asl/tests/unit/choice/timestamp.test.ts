import { describe, expect, it } from 'vitest';
import { compareInstants, parseTimestamp } from '../../../src/choice/timestamp.js';

describe('parseTimestamp', () => {
  it('parses RFC 3339 offset date-times', () => {
    expect(parseTimestamp('1970-01-01T00:00:00Z')).toEqual({ seconds: 0, nanos: 0 });
    expect(parseTimestamp('1970-01-01T01:00:00+01:00')).toEqual({ seconds: 0, nanos: 0 });
    expect(parseTimestamp('1970-01-01T00:00:01.25Z')).toEqual({ seconds: 1, nanos: 250_000_000 });
    expect(parseTimestamp('2024-02-29T12:00:00Z')).toBeDefined();
  });

  // wait/test_wait_timestamp_path: AWS rejects each of these.
  it.each([
    '2016-13-05T21:29:29Z',
    '2016-12-05T25:29:29Z',
    '2016-12-05T21:29:29',
    '2016-12-05 21:29:29Z',
    '05-12-2016T21:29:29Z',
    '2023-02-29T00:00:00Z',
    '2023-02-24 12:15:56.832957',
  ])('rejects %s', (text) => {
    expect(parseTimestamp(text)).toBeUndefined();
  });

  it('orders instants', () => {
    const a = parseTimestamp('2012-10-09T19:00:55Z');
    const b = parseTimestamp('2012-10-09T19:00:56Z');
    if (a === undefined || b === undefined) throw new Error('unparsed');
    expect(compareInstants(a, b)).toBeLessThan(0);
    expect(compareInstants(b, a)).toBeGreaterThan(0);
    expect(compareInstants(a, a)).toBe(0);
  });
});
