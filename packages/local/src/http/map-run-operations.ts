import { type MapRunDescription, type MapRunUpdate, MapRunUpdateError } from '@sfn-callback/asl';
import type { ExecutionDescription } from '../model/execution.js';
import { SfnApiError, validationError } from './api-error.js';
import {
  EXECUTION_ARN,
  epochSeconds,
  MAP_RUN_ARN,
  pageOf,
  requireArn,
} from './execution-operations.js';
import { checkInputShape, type InputShape } from './input-shape.js';
import type { SfnOperations } from './operation.js';

/** What the Map Run operations need: the runner's Map Runs, and its executions. */
export interface MapRunHost {
  readonly mapRuns: {
    describe(mapRunArn: string): MapRunDescription | undefined;
    ofExecution(executionArn: string): MapRunDescription[];
    /** False for a Map Run that does not exist; throws MapRunUpdateError when it cannot. */
    update(mapRunArn: string, update: MapRunUpdate): boolean;
  };
  describeExecution(executionArn: string): ExecutionDescription | undefined;
}

const SHAPES: Readonly<Record<string, InputShape>> = {
  DescribeMapRun: { mapRunArn: { type: 'string', required: true } },
  ListMapRuns: {
    executionArn: { type: 'string', required: true },
    maxResults: { type: 'integer' },
    nextToken: { type: 'string' },
  },
  UpdateMapRun: {
    mapRunArn: { type: 'string', required: true },
    maxConcurrency: { type: 'integer' },
    toleratedFailureCount: { type: 'integer' },
  },
};

/** The Map Run AWS answers `ResourceNotFound` for. */
function notFound(mapRunArn: string): SfnApiError {
  return new SfnApiError('ResourceNotFound', `Resource not found: '${mapRunArn}'`);
}

/** DescribeMapRun's answer on the wire (dates in epoch seconds). */
function describeToWire(description: MapRunDescription): Record<string, unknown> {
  const wire: Record<string, unknown> = { ...description };
  for (const key of ['startDate', 'stopDate', 'redriveDate'] as const) {
    const value = description[key];
    if (value instanceof Date) wire[key] = epochSeconds(value);
  }
  return wire;
}

/** The state machine a Map Run's children run: its ARN with `mapRun` and without the id. */
function mapRunStateMachineArn(mapRunArn: string): string {
  return mapRunArn.slice(0, mapRunArn.lastIndexOf(':')).replace(':mapRun:', ':stateMachine:');
}

/**
 * DescribeMapRun, ListMapRuns and UpdateMapRun over the runner's Map Runs (those of
 * Distributed Maps), with AWS's errors: `ResourceNotFound` for a Map Run that does not
 * exist, `ExecutionDoesNotExist` (ListMapRuns), `InvalidArn`, and `ValidationException` for
 * an update out of range, without any setting, or of a Map Run that has ended.
 */
export function mapRunOperations(host: MapRunHost): SfnOperations {
  const checked =
    (name: string, operation: (input: Record<string, unknown>) => unknown) =>
    (input: Record<string, unknown>) => {
      checkInputShape(input, SHAPES[name] as InputShape);
      return operation(input);
    };
  return {
    DescribeMapRun: checked('DescribeMapRun', (input) => {
      const arn = requireArn(input, 'mapRunArn', MAP_RUN_ARN);
      const description = host.mapRuns.describe(arn);
      if (!description) throw notFound(arn);
      return describeToWire(description);
    }),
    ListMapRuns: checked('ListMapRuns', (input) => {
      const executionArn = requireArn(input, 'executionArn', EXECUTION_ARN);
      if (!host.describeExecution(executionArn)) {
        throw new SfnApiError(
          'ExecutionDoesNotExist',
          `Execution Does Not Exist: '${executionArn}'`,
        );
      }
      // Newest first, as AWS lists them.
      const runs = host.mapRuns.ofExecution(executionArn).reverse();
      const { page, nextToken } = pageOf(runs, input, (run) => run.mapRunArn ?? '');
      return {
        mapRuns: page.map((run) => ({
          executionArn: run.executionArn,
          mapRunArn: run.mapRunArn,
          stateMachineArn: mapRunStateMachineArn(run.mapRunArn ?? ''),
          startDate: epochSeconds(run.startDate as Date),
          ...(run.stopDate ? { stopDate: epochSeconds(run.stopDate) } : {}),
        })),
        ...(nextToken ? { nextToken } : {}),
      };
    }),
    UpdateMapRun: checked('UpdateMapRun', (input) => {
      const arn = requireArn(input, 'mapRunArn', MAP_RUN_ARN);
      const update = mapRunUpdate(input);
      try {
        if (!host.mapRuns.update(arn, update)) throw notFound(arn);
      } catch (error) {
        if (error instanceof MapRunUpdateError) {
          throw new SfnApiError('ValidationException', error.message);
        }
        throw error;
      }
      return {};
    }),
  };
}

/** UpdateMapRun's settings, checked against the API's constraints. */
function mapRunUpdate(input: Record<string, unknown>): MapRunUpdate {
  const maxConcurrency = input.maxConcurrency as number | undefined | null;
  const count = input.toleratedFailureCount as number | undefined | null;
  const percentage = input.toleratedFailurePercentage as unknown;
  if (maxConcurrency != null && maxConcurrency < 0) {
    throw validationError(
      'maxConcurrency',
      'Member must have value greater than or equal to 0',
      maxConcurrency,
    );
  }
  if (count != null && count < 0) {
    throw validationError(
      'toleratedFailureCount',
      'Member must have value greater than or equal to 0',
      count,
    );
  }
  if (percentage != null) {
    if (typeof percentage !== 'number' || !Number.isFinite(percentage)) {
      throw new SfnApiError(
        'SerializationException',
        `Expected a number for 'toleratedFailurePercentage', got ${typeof percentage}`,
      );
    }
    if (percentage < 0 || percentage > 100) {
      throw validationError(
        'toleratedFailurePercentage',
        `Member must have value ${percentage < 0 ? 'greater than or equal to 0.0' : 'less than or equal to 100.0'}`,
        percentage,
      );
    }
  }
  if (maxConcurrency == null && count == null && percentage == null) {
    throw new SfnApiError(
      'ValidationException',
      'Give at least one of maxConcurrency, toleratedFailureCount or toleratedFailurePercentage to update the Map Run',
    );
  }
  return {
    ...(maxConcurrency != null ? { maxConcurrency } : {}),
    ...(count != null ? { toleratedFailureCount: count } : {}),
    ...(percentage != null ? { toleratedFailurePercentage: percentage as number } : {}),
  };
}
