import type { Json } from '../json.js';
import { utf8Bytes } from '../limits.js';
import type { MapUnit } from './distributed-map.js';

/** `ItemBatcher`, its fields evaluated. */
export interface BatchSettings {
  readonly maxItemsPerBatch?: number;
  readonly maxInputBytesPerBatch?: number;
  /** Added to every batch as `BatchInput`. */
  readonly batchInput?: Json;
}

/**
 * Groups the items into batches, each a child's input `{BatchInput?, Items}` (recorded key
 * order): a batch closes at `MaxItemsPerBatch` items, or before the item that would take its
 * JSON past `MaxInputBytesPerBatch` bytes (an item larger than that alone is a batch of one).
 */
export async function* batchItems(
  items: AsyncIterable<Json>,
  settings: BatchSettings,
): AsyncGenerator<MapUnit> {
  const maxItems =
    settings.maxItemsPerBatch && settings.maxItemsPerBatch > 0
      ? settings.maxItemsPerBatch
      : Number.POSITIVE_INFINITY;
  const maxBytes =
    settings.maxInputBytesPerBatch && settings.maxInputBytesPerBatch > 0
      ? settings.maxInputBytesPerBatch
      : Number.POSITIVE_INFINITY;
  const wrap = (batch: Json[]): Json =>
    settings.batchInput !== undefined
      ? { BatchInput: settings.batchInput, Items: batch }
      : { Items: batch };
  // The bytes of an empty batch, then each item adds its JSON and a comma.
  const emptyBytes = utf8Bytes(JSON.stringify(wrap([])));
  let batch: Json[] = [];
  let bytes = emptyBytes;
  let index = 0;
  for await (const item of items) {
    const itemBytes = utf8Bytes(JSON.stringify(item)) + (batch.length > 0 ? 1 : 0);
    if (batch.length > 0 && bytes + itemBytes > maxBytes) {
      yield { index: index++, input: wrap(batch), itemCount: batch.length };
      batch = [];
      bytes = emptyBytes;
    }
    batch.push(item);
    bytes += utf8Bytes(JSON.stringify(item)) + (batch.length > 1 ? 1 : 0);
    if (batch.length >= maxItems) {
      yield { index: index++, input: wrap(batch), itemCount: batch.length };
      batch = [];
      bytes = emptyBytes;
    }
  }
  if (batch.length > 0) yield { index: index++, input: wrap(batch), itemCount: batch.length };
}
