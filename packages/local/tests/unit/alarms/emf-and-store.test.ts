import { describe, expect, it } from 'vitest';
import { parseEmfLine } from '../../../src/alarms/emf-parser.js';
import { MetricStore, metricKey } from '../../../src/alarms/metric-store.js';

const doc = (extra: Record<string, unknown> = {}, directive: Record<string, unknown> = {}) =>
  JSON.stringify({
    _aws: {
      Timestamp: 1000,
      CloudWatchMetrics: [
        {
          Namespace: 'SfnCallback',
          Dimensions: [['Service']],
          Metrics: [
            { Name: 'PoisonMessages', Unit: 'Count' },
            { Name: 'CallbackLatency', Unit: 'Milliseconds' },
          ],
          ...directive,
        },
      ],
    },
    Service: 'worker',
    PoisonMessages: 1,
    CallbackLatency: [5, 7],
    records: [{ executionArn: 'arn:x' }],
    ...extra,
  });

describe('parseEmfLine', () => {
  it('reads each metric with its namespace, dimensions, unit, timestamp and values (arrays are samples)', () => {
    expect(parseEmfLine(doc())).toEqual([
      {
        namespace: 'SfnCallback',
        metricName: 'PoisonMessages',
        dimensions: { Service: 'worker' },
        timestamp: 1000,
        values: [1],
        unit: 'Count',
      },
      {
        namespace: 'SfnCallback',
        metricName: 'CallbackLatency',
        dimensions: { Service: 'worker' },
        timestamp: 1000,
        values: [5, 7],
        unit: 'Milliseconds',
      },
    ]);
  });

  it('gives one metric per dimension set, and none for a set whose value is missing', () => {
    const data = parseEmfLine(
      doc({ Stage: 'prod' }, { Dimensions: [['Service'], ['Service', 'Stage'], ['Missing']] }),
    );
    expect(data?.filter((d) => d.metricName === 'PoisonMessages').map((d) => d.dimensions)).toEqual(
      [{ Service: 'worker' }, { Service: 'worker', Stage: 'prod' }],
    );
  });

  it('ignores log lines, broken JSON, and metrics without a numeric value', () => {
    expect(parseEmfLine('{"level":"INFO","message":"task succeeded"}')).toBeUndefined();
    expect(parseEmfLine('{"_aws": broken')).toBeUndefined();
    expect(parseEmfLine('plain text mentioning "_aws"')).toBeUndefined();
    expect(parseEmfLine(doc({ PoisonMessages: 'one', CallbackLatency: undefined }))).toEqual([]);
  });
});

describe('MetricStore', () => {
  const metric = { namespace: 'AWS/SQS', metricName: 'X', dimensions: { QueueName: 'q' } };

  it('answers the values of exactly that metric in (from, to]', () => {
    const store = new MetricStore();
    store.record({ ...metric, timestamp: 10, values: [1] });
    store.record({ ...metric, timestamp: 20, values: [2, 3] });
    store.record({ ...metric, dimensions: { QueueName: 'other' }, timestamp: 20, values: [9] });
    store.record({
      ...metric,
      dimensions: { QueueName: 'q', Extra: 'x' },
      timestamp: 20,
      values: [9],
    });
    expect(store.values(metric, 10, 20)).toEqual([2, 3]);
    expect(store.values(metric, 0, 20)).toEqual([1, 2, 3]);
    expect(store.values({ ...metric, metricName: 'Y' }, 0, 20)).toEqual([]);
    expect(store.metrics()).toHaveLength(3);
  });

  it('the identity does not depend on the order of the dimensions', () => {
    expect(metricKey({ namespace: 'n', metricName: 'm', dimensions: { a: '1', b: '2' } })).toBe(
      metricKey({ namespace: 'n', metricName: 'm', dimensions: { b: '2', a: '1' } }),
    );
  });

  it('drops datapoints past the retention and beyond the cap', () => {
    const store = new MetricStore({ retentionMs: 100, maxPointsPerMetric: 3 });
    store.record({ ...metric, timestamp: 0, values: [1] });
    store.record({ ...metric, timestamp: 150, values: [2] });
    expect(store.values(metric, -1, 1000)).toEqual([2]);
    store.record({ ...metric, timestamp: 160, values: [3, 4, 5] });
    expect(store.values(metric, -1, 1000)).toEqual([3, 4, 5]);
  });
});
