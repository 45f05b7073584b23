/** One object as `s3:listObjectsV2` lists it. */
export interface ListedObject {
  readonly key: string;
  /** Bytes. */
  readonly size: number;
  /** The entity tag, quotes included as S3 gives it (`"9b2cf535f27731c974343645a3985328"`). */
  readonly etag: string;
  readonly lastModified: Date;
  /** @default 'STANDARD' */
  readonly storageClass?: string;
}

/**
 * The storage a Distributed Map reads its items from (`ItemReader`) and writes its results to
 * (`ResultWriter`), in S3's terms: the engine parses and formats, the host only moves bytes.
 * A host backs it with a folder, a test with memory ({@link InMemoryObjectStore}).
 *
 * A method that cannot do what it is asked throws an `Error` whose message says why (no such
 * bucket, no such key, a key that leaves the folder): the engine fails the Map with
 * `States.ItemReaderFailed` or `States.ResultWriterFailed` and that message as the cause.
 */
export interface ObjectStore {
  /** The object's bytes, in chunks: a large object is never held whole. */
  getObject(bucket: string, key: string): AsyncIterable<Uint8Array | string>;
  /** The objects whose key starts with `prefix`, in key order. */
  listObjects(bucket: string, prefix: string): AsyncIterable<ListedObject>;
  putObject(bucket: string, key: string, body: string): Promise<void>;
}

/** An {@link ObjectStore} in memory: buckets are created by `putObject` or the constructor. */
export class InMemoryObjectStore implements ObjectStore {
  readonly #buckets = new Map<string, Map<string, { body: string; lastModified: Date }>>();

  /** @param buckets Bucket names, to exist empty from the start. */
  constructor(buckets: readonly string[] = []) {
    for (const name of buckets) this.#buckets.set(name, new Map());
  }

  /** The object's text, or undefined when there is none (tests read results back). */
  read(bucket: string, key: string): string | undefined {
    return this.#buckets.get(bucket)?.get(key)?.body;
  }

  /** Every key of `bucket`, sorted. */
  keys(bucket: string): string[] {
    return [...(this.#buckets.get(bucket)?.keys() ?? [])].sort();
  }

  async *getObject(bucket: string, key: string): AsyncIterable<string> {
    const object = this.#bucket(bucket).get(key);
    if (!object)
      throw new Error(`The specified key does not exist: '${key}' in bucket '${bucket}'.`);
    yield object.body;
  }

  async *listObjects(bucket: string, prefix: string): AsyncIterable<ListedObject> {
    const objects = this.#bucket(bucket);
    for (const key of [...objects.keys()].sort()) {
      if (!key.startsWith(prefix)) continue;
      const object = objects.get(key) as { body: string; lastModified: Date };
      yield {
        key,
        size: Buffer.byteLength(object.body),
        etag: `"${simpleHash(object.body)}"`,
        lastModified: object.lastModified,
      };
    }
  }

  async putObject(bucket: string, key: string, body: string): Promise<void> {
    let objects = this.#buckets.get(bucket);
    if (!objects) {
      objects = new Map();
      this.#buckets.set(bucket, objects);
    }
    objects.set(key, { body, lastModified: new Date(0) });
  }

  #bucket(bucket: string) {
    const objects = this.#buckets.get(bucket);
    if (!objects) throw new Error(`The specified bucket does not exist: '${bucket}'.`);
    return objects;
  }
}

/** A stable 32-hex-digit tag (not MD5: tests need only that equal bodies get equal tags). */
function simpleHash(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    a = Math.imul(a ^ text.charCodeAt(i), 0x01000193) >>> 0;
    b = Math.imul(b + text.charCodeAt(i), 0x85ebca6b) >>> 0;
  }
  return (a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0')).repeat(2);
}
