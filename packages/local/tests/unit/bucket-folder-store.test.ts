import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BucketFolderStore } from '../../src/integrations/bucket-folder-store.js';

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

async function failure(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('it did not fail');
}

describe('BucketFolderStore', () => {
  let root: string;
  let outside: string;
  let store: BucketFolderStore;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'bucket-folders-'));
    outside = mkdtempSync(join(tmpdir(), 'bucket-outside-'));
    mkdirSync(join(root, 'data', 'in'), { recursive: true });
    store = new BucketFolderStore(root);
  });

  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  it('streams an object in chunks, never as one whole file', async () => {
    const line = 'id,name\n';
    const body = line.repeat(100_000); // 800 KB
    writeFileSync(join(root, 'data', 'in', 'big.csv'), body);
    const chunks = await collect(store.getObject('data', 'in/big.csv'));
    expect(chunks.length).toBeGreaterThan(1);
    expect(Math.max(...chunks.map((c) => c.byteLength))).toBeLessThan(body.length);
    expect(Buffer.concat(chunks.map((c) => Buffer.from(c))).toString()).toBe(body);
  });

  it('lists objects by prefix in key order, with S3 ETags (MD5), and writes objects', async () => {
    writeFileSync(join(root, 'data', 'in', 'b.json'), '[]');
    writeFileSync(join(root, 'data', 'in', 'a.json'), '[1]');
    writeFileSync(join(root, 'data', 'top.txt'), 'x');
    await store.putObject('data', 'out/run/manifest.json', '{}');
    expect(readFileSync(join(root, 'data', 'out', 'run', 'manifest.json'), 'utf8')).toBe('{}');
    const listed = await collect(store.listObjects('data', 'in/'));
    expect(listed.map((o) => [o.key, o.size])).toEqual([
      ['in/a.json', 3],
      ['in/b.json', 2],
    ]);
    // MD5 of "[]".
    expect(listed[1]?.etag).toBe('"d751713988987e9331980363e24189ce"');
    expect((await collect(store.listObjects('data', ''))).map((o) => o.key)).toEqual([
      'in/a.json',
      'in/b.json',
      'out/run/manifest.json',
      'top.txt',
    ]);
  });

  it('refuses keys and prefixes that would leave the bucket folder', async () => {
    writeFileSync(join(outside, 'secret.csv'), 'secret');
    symlinkSync(join(outside, 'secret.csv'), join(root, 'data', 'link.csv'));
    symlinkSync(outside, join(root, 'data', 'linked-folder'));
    for (const key of ['../data/in/x', 'in/../../x', '/etc/passwd', 'in\\..\\x', './x']) {
      expect(await failure(() => collect(store.getObject('data', key)))).toMatch(
        /would leave the bucket's folder/,
      );
      expect(await failure(() => store.putObject('data', key, 'x'))).toMatch(
        /would leave the bucket's folder/,
      );
    }
    expect(await failure(() => collect(store.listObjects('data', '../')))).toMatch(
      /would leave the bucket's folder/,
    );
    expect(await failure(() => collect(store.getObject('data', 'link.csv')))).toMatch(
      /leads outside the bucket's folder/,
    );
    expect(await failure(() => store.putObject('data', 'linked-folder/x.json', '{}'))).toMatch(
      /leads outside the bucket's folder/,
    );
    expect(
      await failure(() => collect(store.getObject('data', 'linked-folder/secret.csv'))),
    ).toMatch(/leads outside the bucket's folder/);
    expect(await failure(() => collect(store.listObjects('data', '')))).toMatch(
      /leads outside the bucket's folder/,
    );
  });

  it('names a missing bucket folder and how to create it', async () => {
    expect(await failure(() => collect(store.getObject('missing', 'a.csv')))).toBe(
      `The specified bucket does not exist: 'missing'. Buckets are the folders of ${root}: create it with \`mkdir -p ${join(root, 'missing')}\` and put the objects in it.`,
    );
    expect(await failure(() => collect(store.getObject('../etc', 'passwd')))).toMatch(
      /Invalid bucket name '\.\.\/etc'/,
    );
  });

  it('creates the folders of the app buckets', async () => {
    const fresh = new BucketFolderStore(join(root, 'new'));
    await fresh.createBuckets(['app-bucket']);
    await fresh.putObject('app-bucket', 'k.json', '[]');
    expect(readFileSync(join(root, 'new', 'app-bucket', 'k.json'), 'utf8')).toBe('[]');
  });
});
