import { isJsonObject, type Json, type JsonObject } from '../json.js';
import { StatesError, StatesErrors } from '../states-error.js';
import type { ChildExecution } from './map-run.js';
import type { ObjectStore } from './object-store.js';

/** `ResultWriter.WriterConfig`. */
export interface WriterConfig {
  /** NONE: each child's execution record; COMPACT: its output; FLATTEN: outputs, arrays spread. */
  readonly Transformation?: 'NONE' | 'COMPACT' | 'FLATTEN';
  readonly OutputType?: 'JSON' | 'JSONL';
}

/** Where and how a ResultWriter writes, its `Parameters` / `Arguments` evaluated. */
export interface ResultWriterTarget {
  /** Undefined for the form with only `WriterConfig`, which shapes the state's output and writes nothing. */
  readonly bucket?: string;
  readonly prefix: string;
  readonly transformation: 'NONE' | 'COMPACT' | 'FLATTEN';
  readonly outputType: 'JSON' | 'JSONL';
}

const PUT_OBJECT = 'arn:aws:states:::s3:putObject';

/** `States.ResultWriterFailed` with a cause that says what to fix. */
export function resultWriterFailed(cause: string): StatesError {
  return new StatesError(StatesErrors.ResultWriterFailed, cause);
}

/** The ResultWriter's target, from its definition and its evaluated parameters. */
export function resultWriterTarget(
  writer: JsonObject,
  parameters: Json | undefined,
): ResultWriterTarget {
  const config = (isJsonObject(writer.WriterConfig) ? writer.WriterConfig : {}) as WriterConfig;
  const resource = writer.Resource;
  if (resource === undefined) {
    return {
      prefix: '',
      transformation: config.Transformation ?? 'COMPACT',
      outputType: config.OutputType ?? 'JSON',
    };
  }
  if (resource !== PUT_OBJECT) {
    throw resultWriterFailed(
      `The ResultWriter resource '${String(resource)}' is not supported: use ${PUT_OBJECT}.`,
    );
  }
  const fields = isJsonObject(parameters) ? parameters : {};
  if (typeof fields.Bucket !== 'string' || fields.Bucket === '') {
    throw resultWriterFailed(
      `The ResultWriter's parameters need a Bucket (a string), but got: ${JSON.stringify(parameters)}`,
    );
  }
  return {
    bucket: fields.Bucket,
    prefix: typeof fields.Prefix === 'string' ? fields.Prefix : '',
    transformation: config.Transformation ?? 'NONE',
    outputType: config.OutputType ?? 'JSON',
  };
}

/** A finished child in the NONE transformation: the execution record AWS writes. */
export function executionRecord(child: ChildExecution): JsonObject {
  const succeeded = child.status === 'SUCCEEDED';
  return {
    ExecutionArn: child.executionArn,
    Input: JSON.stringify(child.input),
    InputDetails: { Included: true },
    Name: child.name,
    ...(succeeded
      ? { Output: JSON.stringify(child.output ?? null), OutputDetails: { Included: true } }
      : {
          ...(child.error !== undefined ? { Error: child.error } : {}),
          ...(child.cause !== undefined ? { Cause: child.cause } : {}),
        }),
    RedriveCount: 0,
    RedriveStatus: succeeded ? 'NOT_REDRIVABLE' : 'REDRIVABLE_BY_MAP_RUN',
    ...(succeeded ? { RedriveStatusReason: 'Execution is SUCCEEDED and cannot be redriven' } : {}),
    StartDate: child.startDate.toISOString(),
    StateMachineArn: child.stateMachineArn,
    Status: child.status,
    ...(child.stopDate ? { StopDate: child.stopDate.toISOString() } : {}),
  };
}

/**
 * An item the Map Run never started (PENDING_n.json): its input, as a child would have had it,
 * and its status, in the shape of the execution records beside it (as AWS writes it).
 */
export function pendingRecord(input: Json): JsonObject {
  return { Input: JSON.stringify(input), InputDetails: { Included: true }, Status: 'PENDING' };
}

/**
 * The entries of one result list under a transformation. A failed child is always its full
 * record (AWS: "the results would be equivalent to having set Transformation to NONE").
 */
export function transformResults(
  children: readonly ChildExecution[],
  transformation: ResultWriterTarget['transformation'],
): Json[] {
  const entries: Json[] = [];
  for (const child of children) {
    if (transformation === 'NONE' || child.status !== 'SUCCEEDED') {
      entries.push(executionRecord(child));
    } else if (transformation === 'FLATTEN' && Array.isArray(child.output)) {
      for (const element of child.output) entries.push(element);
    } else {
      entries.push(child.output ?? null);
    }
  }
  return entries;
}

function serialise(entries: readonly Json[], outputType: ResultWriterTarget['outputType']): string {
  return outputType === 'JSONL'
    ? entries.map((entry) => JSON.stringify(entry)).join('\n')
    : JSON.stringify(entries);
}

/**
 * Writes the Map Run's results as AWS lays them out under `<Prefix>/<MapRunId>/`: one
 * `SUCCEEDED_0.json`, `FAILED_0.json`, `PENDING_0.json` for each status that has entries
 * (aborted and timed-out children count as FAILED; PENDING holds the inputs of the items never
 * started because the run failed or was aborted, always as {@link pendingRecord}s whatever the
 * transformation), then `manifest.json` listing them under `ResultFiles`. Returns the state's
 * output, `{MapRunArn, ResultWriterDetails}`.
 */
export async function writeResults(
  store: ObjectStore,
  target: ResultWriterTarget & { bucket: string },
  mapRunArn: string,
  mapRunId: string,
  children: {
    succeeded: readonly ChildExecution[];
    failed: readonly ChildExecution[];
    /** The inputs of the items never started. */
    pending: readonly Json[];
  },
): Promise<JsonObject> {
  const folder = `${target.prefix === '' || target.prefix.endsWith('/') ? target.prefix : `${target.prefix}/`}${mapRunId}/`;
  const files: Record<'SUCCEEDED' | 'FAILED' | 'PENDING', JsonObject[]> = {
    FAILED: [],
    PENDING: [],
    SUCCEEDED: [],
  };
  const lists = [
    ['SUCCEEDED', transformResults(children.succeeded, target.transformation)],
    ['FAILED', transformResults(children.failed, target.transformation)],
    ['PENDING', children.pending.map(pendingRecord)],
  ] as const;
  try {
    for (const [status, entries] of lists) {
      if (entries.length === 0) continue;
      const body = serialise(entries, target.outputType);
      const key = `${folder}${status}_0.json`;
      await store.putObject(target.bucket, key, body);
      files[status].push({ Key: key, Size: Buffer.byteLength(body) });
    }
    const manifestKey = `${folder}manifest.json`;
    const manifest = { DestinationBucket: target.bucket, MapRunArn: mapRunArn, ResultFiles: files };
    await store.putObject(target.bucket, manifestKey, JSON.stringify(manifest));
    return {
      MapRunArn: mapRunArn,
      ResultWriterDetails: { Bucket: target.bucket, Key: manifestKey },
    };
  } catch (thrown) {
    if (thrown instanceof StatesError) throw thrown;
    throw resultWriterFailed(thrown instanceof Error ? thrown.message : String(thrown));
  }
}
