import { describe, expect, it } from 'vitest';
import { evaluateAlarm } from '../../../src/alarms/alarm-evaluator.js';
import { evaluateExpression, parseExpression } from '../../../src/alarms/metric-math.js';
import { MetricStore } from '../../../src/alarms/metric-store.js';
import { statistic } from '../../../src/alarms/statistic.js';
import type { AlarmSpec } from '../../../src/index.js';

const NOW = 1_000_000;
const metric = {
  namespace: 'AWS/States',
  metricName: 'ExecutionsFailed',
  dimensions: { StateMachineArn: 'arn:m' },
};

function alarm(overrides: Partial<AlarmSpec> = {}): AlarmSpec {
  return {
    logicalId: 'A',
    name: 'a',
    metric: { ...metric, statistic: 'Sum', periodSeconds: 60 },
    threshold: 1,
    comparisonOperator: 'GreaterThanOrEqualToThreshold',
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    treatMissingData: 'notBreaching',
    alarmActions: [],
    okActions: [],
    ...overrides,
  };
}

/** A store with one value per listed second-offset before NOW. */
function storeWith(points: [secondsAgo: number, value: number][], m = metric): MetricStore {
  const store = new MetricStore();
  for (const [ago, value] of points)
    store.record({ ...m, timestamp: NOW - ago * 1000, values: [value] });
  return store;
}

describe('evaluateAlarm', () => {
  it('ALARM when the statistic of the period ending now crosses the threshold', () => {
    const result = evaluateAlarm(alarm(), storeWith([[1, 1]]), NOW);
    expect(result).toMatchObject({ state: 'ALARM', datapoints: [1], periodSeconds: 60 });
    expect(result.reason).toMatch(
      /1 out of the last 1 datapoints \[1\.0\] was greater than or equal to the threshold \(1\.0\)/,
    );
  });

  it('periods count back from now: a datapoint 61 s ago is outside a 60 s period', () => {
    expect(evaluateAlarm(alarm(), storeWith([[61, 5]]), NOW).state).toBe('OK');
    expect(evaluateAlarm(alarm(), storeWith([[59, 5]]), NOW).state).toBe('ALARM');
  });

  it('a metric with other dimensions does not count (the mistake alarms exist to catch)', () => {
    const store = storeWith([[1, 3]], { ...metric, dimensions: { StateMachineArn: 'arn:other' } });
    expect(evaluateAlarm(alarm(), store, NOW)).toMatchObject({ state: 'OK', datapoints: [null] });
    const misnamed = storeWith([[1, 3]], { ...metric, metricName: 'ExecutionsThrottled' });
    expect(
      evaluateAlarm(
        alarm({
          metric: {
            ...metric,
            metricName: 'ExecutionThrottled',
            statistic: 'Sum',
            periodSeconds: 60,
          },
        }),
        misnamed,
        NOW,
      ).state,
    ).toBe('OK');
  });

  it.each([
    ['GreaterThanThreshold', 1, 1, 'OK'],
    ['GreaterThanThreshold', 2, 1, 'ALARM'],
    ['LessThanThreshold', 0, 1, 'ALARM'],
    ['LessThanOrEqualToThreshold', 1, 1, 'ALARM'],
    ['GreaterThanOrEqualToThreshold', 0, 1, 'OK'],
  ])('%s: value %d vs threshold %d → %s', (comparisonOperator, value, threshold, state) => {
    expect(
      evaluateAlarm(alarm({ comparisonOperator, threshold }), storeWith([[1, value]]), NOW).state,
    ).toBe(state);
  });

  it('statistics: Sum, Maximum, Average, SampleCount, percentiles', () => {
    const store = storeWith([
      [1, 1],
      [2, 10],
      [3, 4],
    ]);
    const value = (s: string) =>
      evaluateAlarm(
        alarm({ metric: { ...metric, statistic: s, periodSeconds: 60 }, threshold: 0 }),
        store,
        NOW,
      ).datapoints[0];
    expect([
      value('Sum'),
      value('Maximum'),
      value('Minimum'),
      value('Average'),
      value('SampleCount'),
      value('p50'),
    ]).toEqual([15, 10, 1, 5, 3, 4]);
    expect(statistic('p99', [1, 2, 3])).toBe(3);
    expect(() => statistic('TM(10%:90%)', [1])).toThrow(RangeError);
  });

  it('M out of N: 3 breaching of 5 periods alarm, 2 do not', () => {
    const spec = alarm({ evaluationPeriods: 5, datapointsToAlarm: 3 });
    // periods end at now, now-60 s, …: 10 s, 70 s, 130 s ago fall in three distinct periods.
    expect(
      evaluateAlarm(
        spec,
        storeWith([
          [10, 1],
          [70, 1],
          [130, 1],
        ]),
        NOW,
      ),
    ).toMatchObject({
      state: 'ALARM',
      datapoints: [null, null, 1, 1, 1],
    });
    expect(
      evaluateAlarm(
        spec,
        storeWith([
          [10, 1],
          [70, 1],
        ]),
        NOW,
      ).state,
    ).toBe('OK');
  });

  it('treatMissingData: notBreaching, breaching, missing, ignore', () => {
    const empty = new MetricStore();
    expect(evaluateAlarm(alarm({ treatMissingData: 'notBreaching' }), empty, NOW).state).toBe('OK');
    expect(evaluateAlarm(alarm({ treatMissingData: 'breaching' }), empty, NOW).state).toBe('ALARM');
    expect(evaluateAlarm(alarm({ treatMissingData: 'missing' }), empty, NOW).state).toBe(
      'INSUFFICIENT_DATA',
    );
    expect(evaluateAlarm(alarm({ treatMissingData: 'ignore' }), empty, NOW, 'ALARM').state).toBe(
      'ALARM',
    );
    // breaching: 1 real breach + 1 missing period make 2 of 3
    const spec = alarm({
      evaluationPeriods: 3,
      datapointsToAlarm: 2,
      treatMissingData: 'breaching',
    });
    expect(
      evaluateAlarm(
        spec,
        storeWith([
          [10, 1],
          [70, 0],
        ]),
        NOW,
      ).state,
    ).toBe('ALARM');
    expect(
      evaluateAlarm(
        { ...spec, treatMissingData: 'missing' },
        storeWith([
          [10, 1],
          [70, 0],
        ]),
        NOW,
      ).state,
    ).toBe('OK');
  });

  it('metric math: a rate in percent over the answered records; no answers, no datapoint', () => {
    const service = { Service: 'w' };
    const q = (id: string, metricName: string) => ({
      id,
      returnData: false,
      metricStat: {
        metric: { namespace: 'SfnCallback', metricName, dimensions: service },
        stat: 'Sum',
        periodSeconds: 300,
      },
    });
    const spec = alarm({
      metric: undefined,
      metrics: [
        { id: 'e', expression: '100 * closed / (ok + closed)', returnData: true },
        q('closed', 'CallbackAlreadyClosed'),
        q('ok', 'CallbackSucceeded'),
      ],
      threshold: 5,
      comparisonOperator: 'GreaterThanThreshold',
    });
    const store = new MetricStore();
    const put = (metricName: string, value: number) =>
      store.record({
        namespace: 'SfnCallback',
        metricName,
        dimensions: service,
        timestamp: NOW - 1000,
        values: [value],
      });
    put('CallbackAlreadyClosed', 1);
    put('CallbackSucceeded', 9);
    expect(evaluateAlarm(spec, store, NOW)).toMatchObject({
      state: 'ALARM',
      datapoints: [10],
      periodSeconds: 300,
    });
    const quiet = new MetricStore();
    expect(evaluateAlarm(spec, quiet, NOW)).toMatchObject({ state: 'OK', datapoints: [null] });
  });

  it('UNSUPPORTED for what is not evaluated locally, saying why', () => {
    expect(
      evaluateAlarm(alarm({ unsupported: 'anomaly detection' }), new MetricStore(), NOW),
    ).toMatchObject({
      state: 'UNSUPPORTED',
      reason: 'not evaluated locally: anomaly detection',
    });
    const fill = alarm({
      metric: undefined,
      metrics: [{ id: 'e', expression: 'FILL(m, 0)', returnData: true }],
    });
    expect(evaluateAlarm(fill, new MetricStore(), NOW).reason).toMatch(/function FILL/);
  });
});

describe('metric math', () => {
  it('respects precedence, parentheses and unary minus; division by zero gives no value', () => {
    const values = (id: string) => ({ a: 6, b: 3, z: 0 })[id];
    const run = (text: string) => evaluateExpression(parseExpression(text), values);
    expect(run('a + b * 2')).toBe(12);
    expect(run('(a + b) * 2')).toBe(18);
    expect(run('-a / b')).toBe(-2);
    expect(run('a / z')).toBeUndefined();
    expect(run('a + missing')).toBeUndefined();
    expect(() => parseExpression('a +')).toThrow(/unexpected end/);
    expect(() => parseExpression('a b')).toThrow(/unexpected "b"/);
  });
});
