import { isJsonObject, type Json, type JsonObject } from '../json.js';
import { StatesError } from '../states-error.js';
import { CSV_DELIMITERS, CsvFormatError, csvRows } from './csv-rows.js';
import { itemReaderFailed } from './item-reader-failed.js';
import { jsonArrayItems } from './json-array-items.js';
import type { ListedObject, ObjectStore } from './object-store.js';

/** `ItemReader.ReaderConfig`, as the definition gives it (MaxItems is applied by the caller). */
export interface ReaderConfig {
  readonly InputType?: string;
  readonly CSVHeaderLocation?: string;
  readonly CSVHeaders?: readonly string[];
  readonly CSVDelimiter?: string;
}

/** What to read: the ItemReader's `Resource` and its evaluated `Parameters` / `Arguments`. */
export interface ItemReadRequest {
  readonly resource: string;
  readonly parameters: Json;
  readonly readerConfig: ReaderConfig;
}

const GET_OBJECT = 'arn:aws:states:::s3:getObject';
const LIST_OBJECTS = 'arn:aws:states:::s3:listObjectsV2';

export { itemReaderFailed };

/**
 * The items an `ItemReader` yields, one at a time: `s3:getObject` parsed as its
 * `ReaderConfig.InputType` says (CSV, JSONL and a JSON array all streamed: items are handed
 * on as they are parsed, the object is never held whole), or `s3:listObjectsV2`'s objects.
 *
 * @throws StatesError `States.ItemReaderFailed` when the store, the resource or the content
 *   fails (the iteration throws it when it reaches the fault).
 */
export async function* readItems(
  store: ObjectStore,
  request: ItemReadRequest,
): AsyncGenerator<Json> {
  const parameters = isJsonObject(request.parameters) ? request.parameters : {};
  const bucket = parameters.Bucket;
  if (typeof bucket !== 'string' || bucket === '') {
    throw itemReaderFailed(
      `The ItemReader's parameters need a Bucket (a string), but got: ${JSON.stringify(request.parameters)}`,
    );
  }
  try {
    if (request.resource === LIST_OBJECTS) {
      const prefix = typeof parameters.Prefix === 'string' ? parameters.Prefix : '';
      for await (const object of store.listObjects(bucket, prefix)) yield listedObjectItem(object);
      return;
    }
    if (request.resource !== GET_OBJECT) {
      throw itemReaderFailed(
        `The ItemReader resource '${request.resource}' is not supported here: use ${GET_OBJECT} or ${LIST_OBJECTS}.`,
      );
    }
    const key = parameters.Key;
    if (typeof key !== 'string' || key === '') {
      throw itemReaderFailed(
        `The ItemReader's parameters need a Key (a string) for s3:getObject, but got: ${JSON.stringify(request.parameters)}`,
      );
    }
    const chunks = store.getObject(bucket, key);
    const config = request.readerConfig;
    switch (config.InputType ?? 'JSON') {
      case 'CSV':
        yield* csvItems(chunks, config);
        return;
      case 'JSONL':
        yield* jsonLinesItems(chunks);
        return;
      case 'JSON':
        yield* jsonArrayItems(chunks);
        return;
      default:
        throw itemReaderFailed(
          `ReaderConfig.InputType '${config.InputType}' is not supported here: use CSV, JSON or JSONL.`,
        );
    }
  } catch (thrown) {
    if (thrown instanceof StatesError) throw thrown;
    throw itemReaderFailed(thrown instanceof Error ? thrown.message : String(thrown));
  }
}

/** An object as `s3:listObjectsV2` gives it to a Distributed Map. */
export function listedObjectItem(object: ListedObject): JsonObject {
  return {
    Etag: object.etag,
    Key: object.key,
    LastModified: Math.floor(object.lastModified.getTime() / 1000),
    Size: object.size,
    StorageClass: object.storageClass ?? 'STANDARD',
  };
}

/**
 * CSV rows as objects keyed by the headers (the first row, or `CSVHeaders` with
 * `CSVHeaderLocation: GIVEN`). Recorded: every value is a string, a missing field is "",
 * fields beyond the headers are dropped.
 */
export async function* csvItems(
  chunks: AsyncIterable<Uint8Array | string>,
  config: ReaderConfig,
): AsyncGenerator<JsonObject> {
  const delimiter = CSV_DELIMITERS[config.CSVDelimiter ?? 'COMMA'];
  if (delimiter === undefined) {
    throw itemReaderFailed(
      `ReaderConfig.CSVDelimiter '${config.CSVDelimiter}' is not one of ${Object.keys(CSV_DELIMITERS).join(', ')}.`,
    );
  }
  let headers: readonly string[] | undefined;
  if ((config.CSVHeaderLocation ?? 'FIRST_ROW') === 'GIVEN') {
    headers = config.CSVHeaders;
    if (!headers || headers.length === 0) {
      throw itemReaderFailed('CSVHeaderLocation GIVEN needs CSVHeaders: the list of column names.');
    }
    checkHeaders(headers);
  }
  try {
    for await (const row of csvRows(chunks, delimiter)) {
      if (!headers) {
        headers = row;
        checkHeaders(headers);
        continue;
      }
      const item: JsonObject = {};
      headers.forEach((header, index) => {
        item[header] = row[index] ?? '';
      });
      yield item;
    }
  } catch (thrown) {
    if (thrown instanceof CsvFormatError)
      throw itemReaderFailed(`The CSV cannot be read: ${thrown.message}`);
    throw thrown;
  }
}

function checkHeaders(headers: readonly string[]): void {
  // Recorded cause.
  if (new Set(headers).size !== headers.length)
    throw itemReaderFailed('CSV headers cannot contain duplicates.');
}

/** One JSON value per non-empty line, streamed. */
export async function* jsonLinesItems(
  chunks: AsyncIterable<Uint8Array | string>,
): AsyncGenerator<Json> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let rest = '';
  let line = 0;
  const parse = (text: string): Json | undefined => {
    line++;
    const trimmed = text.trim();
    if (trimmed === '') return undefined;
    try {
      return JSON.parse(trimmed) as Json;
    } catch {
      throw itemReaderFailed(
        `Line ${line} of the JSONL object is not JSON: ${trimmed.slice(0, 80)}`,
      );
    }
  };
  for await (const chunk of chunks) {
    rest += typeof chunk === 'string' ? chunk : decodeOrFail(decoder, chunk, true);
    let end = rest.indexOf('\n');
    while (end !== -1) {
      const value = parse(rest.slice(0, end));
      if (value !== undefined) yield value;
      rest = rest.slice(end + 1);
      end = rest.indexOf('\n');
    }
  }
  rest += decodeOrFail(decoder, new Uint8Array(), false);
  const last = parse(rest);
  if (last !== undefined) yield last;
}

function decodeOrFail(
  decoder: InstanceType<typeof TextDecoder>,
  chunk: Uint8Array,
  stream: boolean,
): string {
  try {
    return decoder.decode(chunk, { stream });
  } catch {
    throw itemReaderFailed('The object is not UTF-8 text.');
  }
}
