import { createHash } from 'node:crypto';
import { createReadStream, existsSync, realpathSync, statSync } from 'node:fs';
import { mkdir, readdir, realpath, stat, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { ListedObject, ObjectStore } from '@sfn-callback/asl';

/** S3's bucket naming rules, as far as a folder name must follow them. */
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/**
 * The S3 a Distributed Map sees, as a folder (`serve --buckets <dir>`): each sub-folder is a
 * bucket, each file under it an object whose key is its path from the bucket folder with `/`
 * between folders. Objects are read as a stream of chunks (never a whole file), so an
 * `ItemReader` over a large CSV holds only what it parses. A key or prefix that would leave
 * its bucket folder (`..`, an absolute path, a symbolic link that points outside) is refused,
 * and so is a bucket without its folder, with a message that says how to create it; the
 * engine fails the Map with `States.ItemReaderFailed` / `States.ResultWriterFailed` and that
 * message as the cause.
 */
export class BucketFolderStore implements ObjectStore {
  /** The folder holding one folder per bucket, absolute. */
  readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  /** Creates the folder, and those of these buckets (the app's `AWS::S3::Bucket`s), when missing. */
  async createBuckets(names: readonly string[]): Promise<void> {
    await mkdir(this.root, { recursive: true });
    for (const name of names)
      await mkdir(join(this.root, checkBucketName(name)), { recursive: true });
  }

  async *getObject(bucket: string, key: string): AsyncIterable<Uint8Array> {
    const path = this.#objectPath(bucket, key);
    if (!existsSync(path) || !statSync(path).isFile()) {
      throw new Error(
        `The specified key does not exist: '${key}' in bucket '${bucket}' (no file ${path}).`,
      );
    }
    this.#checkInside(bucket, realpathSync(path), key);
    yield* createReadStream(path) as AsyncIterable<Buffer>;
  }

  async *listObjects(bucket: string, prefix: string): AsyncIterable<ListedObject> {
    if (prefix !== '') checkKey(prefix, bucket);
    const folder = this.#bucketFolder(bucket);
    const real = await realpath(folder);
    const keys: string[] = [];
    await this.#walk(folder, '', keys);
    for (const key of keys.sort()) {
      if (!key.startsWith(prefix)) continue;
      const path = join(folder, ...key.split('/'));
      this.#checkInside(bucket, await realpath(path), key, real);
      const stats = await stat(path);
      yield {
        key,
        size: stats.size,
        etag: `"${await md5(path)}"`,
        lastModified: stats.mtime,
      };
    }
  }

  async putObject(bucket: string, key: string, body: string): Promise<void> {
    const path = this.#objectPath(bucket, key);
    await mkdir(dirname(path), { recursive: true });
    this.#checkInside(bucket, await realpath(dirname(path)), key);
    await writeFile(path, body);
  }

  /** Every file under `folder`, as keys; symbolic links to folders are not followed. */
  async #walk(folder: string, keyPrefix: string, keys: string[]): Promise<void> {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const key = `${keyPrefix}${entry.name}`;
      if (entry.isDirectory()) await this.#walk(join(folder, entry.name), `${key}/`, keys);
      else if (entry.isFile()) keys.push(key);
      else if (entry.isSymbolicLink()) {
        const target = await stat(join(folder, entry.name)).catch(() => undefined);
        if (target?.isFile()) keys.push(key);
      }
    }
  }

  #bucketFolder(bucket: string): string {
    const folder = join(this.root, checkBucketName(bucket));
    if (!existsSync(folder) || !statSync(folder).isDirectory()) {
      throw new Error(
        `The specified bucket does not exist: '${bucket}'. Buckets are the folders of ${this.root}: create it with \`mkdir -p ${folder}\` and put the objects in it.`,
      );
    }
    return folder;
  }

  #objectPath(bucket: string, key: string): string {
    return join(this.#bucketFolder(bucket), ...checkKey(key, bucket).split('/'));
  }

  /** Refuses a path (resolved, links followed) outside the bucket's folder. */
  #checkInside(bucket: string, realPath: string, key: string, realFolder?: string): void {
    const folder = realFolder ?? realpathSync(this.#bucketFolder(bucket));
    const rel = relative(folder, realPath);
    if (rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel))) return;
    throw new Error(
      `The key '${key}' of bucket '${bucket}' leads outside the bucket's folder (through a symbolic link to ${realPath}): only files inside ${folder} can be read or written.`,
    );
  }
}

function checkBucketName(bucket: string): string {
  if (!BUCKET_NAME.test(bucket) || bucket.includes('..')) {
    throw new Error(
      `Invalid bucket name '${bucket}': a bucket is a folder named with 3 to 63 lowercase letters, digits, dots and hyphens.`,
    );
  }
  return bucket;
}

/** Refuses a key that would leave its bucket folder, before any file is touched. */
function checkKey(key: string, bucket: string): string {
  const segments = key.split('/');
  if (
    key === '' ||
    key.startsWith('/') ||
    isAbsolute(key) ||
    key.includes('\\') ||
    key.includes('\0') ||
    segments.some((segment) => segment === '..' || segment === '.')
  ) {
    throw new Error(
      `The key '${key}' of bucket '${bucket}' would leave the bucket's folder: keys are relative paths inside it, without '..', '.', '\\' or a leading '/'.`,
    );
  }
  return key;
}

/** The MD5 of a file, read as a stream: S3's ETag of an object put in one part. */
async function md5(path: string): Promise<string> {
  const hash = createHash('md5');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
