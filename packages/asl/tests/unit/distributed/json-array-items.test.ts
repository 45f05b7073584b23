import { describe, expect, it } from 'vitest';
import { jsonArrayItems, NOT_AN_ARRAY_CAUSE } from '../../../src/distributed/json-array-items.js';
import { type Json, StatesError } from '../../../src/index.js';

async function collect(chunks: Iterable<Uint8Array | string>): Promise<Json[]> {
  const items: Json[] = [];
  async function* source() {
    yield* chunks;
  }
  for await (const item of jsonArrayItems(source())) items.push(item);
  return items;
}

async function failure(chunks: Iterable<Uint8Array | string>): Promise<StatesError> {
  const thrown = await collect(chunks).then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(thrown).toBeInstanceOf(StatesError);
  expect((thrown as StatesError).error).toBe('States.ItemReaderFailed');
  return thrown as StatesError;
}

const bytes = (text: string) => new TextEncoder().encode(text);

// Two-, three- and four-byte characters, escapes, numbers and nesting: every split point
// lands inside a token somewhere.
const SMALL =
  '[ "héllo", {"名前": "渋谷😀", "n": -1.5e3, "esc": "tab\\t quote\\" \\u00e9"},\n [true, false, null, []], {}, "", 0, "Ω≈ç√"]';

describe('jsonArrayItems', () => {
  it('yields the elements of a top-level array, as JSON.parse reads them', async () => {
    expect(await collect([SMALL])).toEqual(JSON.parse(SMALL));
    expect(await collect(['[]'])).toEqual([]);
    expect(await collect(['  \n[1]\n  '])).toEqual([1]);
    // A key named __proto__ stays an own property, as with JSON.parse.
    const [item] = await collect(['[{"__proto__": {"x": 1}}]']);
    expect(Object.keys(item as object)).toEqual(['__proto__']);
    expect((item as { x?: number }).x).toBeUndefined();
  });

  it('reads the same elements wherever the bytes are cut in two', async () => {
    const whole = bytes(SMALL);
    const expected = JSON.parse(SMALL);
    for (let cut = 0; cut <= whole.length; cut++) {
      expect(await collect([whole.slice(0, cut), whole.slice(cut)]), `cut at byte ${cut}`).toEqual(
        expected,
      );
    }
  });

  it('reads the same elements from one-byte chunks, and skips a byte-order mark', async () => {
    const whole = bytes(SMALL);
    const oneByte = Array.from(whole, (byte) => Uint8Array.of(byte));
    expect(await collect(oneByte)).toEqual(JSON.parse(SMALL));
    expect(await collect([Uint8Array.of(0xef, 0xbb), Uint8Array.of(0xbf), bytes('[1]')])).toEqual([
      1,
    ]);
  });

  it('a top level that is not an array fails with the recorded cause, without reading on', async () => {
    for (const text of ['{"a": [1]}', '"text"', '5', 'null', ' \n true']) {
      expect((await failure([text])).cause, text).toBe(NOT_AN_ARRAY_CAUSE);
    }
    let pulled = 0;
    async function* objectThenMore() {
      for (const chunk of ['{"a":', ' 1}', ' ']) {
        pulled++;
        yield chunk;
      }
    }
    await expect(async () => {
      for await (const _ of jsonArrayItems(objectThenMore()));
    }).rejects.toMatchObject({ cause: NOT_AN_ARRAY_CAUSE });
    expect(pulled).toBe(1);
  });

  it('an empty object says a JSON array is needed', async () => {
    expect((await failure([''])).cause).toMatch(/^The object is empty: .*needs a JSON array/);
    expect((await failure([' \n ', '\t'])).cause).toMatch(/^The object is empty/);
  });

  it('a truncated array fails after the items before the cut, saying so', async () => {
    const read: Json[] = [];
    async function* truncated() {
      yield '[1, {"a": 2}, ';
      yield '{"b": "unfinished';
    }
    const thrown = await (async () => {
      for await (const item of jsonArrayItems(truncated())) read.push(item);
    })().catch((error: unknown) => error);
    // The items before the cut were handed on as they came.
    expect(read).toEqual([1, { a: 2 }]);
    expect(thrown).toMatchObject({
      error: 'States.ItemReaderFailed',
      cause:
        'The object ends before its JSON array is closed (31 bytes, 2 items read): it is truncated or not valid JSON.',
    });
    expect((await failure(['[1, 2'])).cause).toMatch(/ends before its JSON array is closed/);
    expect((await failure(['['])).cause).toMatch(/ends before its JSON array is closed/);
  });

  it('a bad token names its byte offset and the items before it', async () => {
    expect((await failure(['[1, 2, x]'])).cause).toBe(
      'The object is not a valid JSON array: unexpected "x" at byte 7, after item 2.',
    );
    // Offsets count bytes, across chunks: "é" is two.
    expect((await failure([bytes('["é", '), bytes('tru]')])).cause).toMatch(
      /unexpected "\]" at byte 10, after item 1\./,
    );
    expect((await failure(['[1} '])).cause).toMatch(/unexpected "}" at byte 2, after item 1/);
  });

  it('text after the array fails; whitespace after it does not', async () => {
    expect(await collect(['[1]', '\n  \r\n', bytes('\t')])).toEqual([1]);
    expect((await failure(['[1] x'])).cause).toMatch(/unexpected "x" at byte 4/);
    expect((await failure(['[1]', ' [2]'])).cause).toMatch(/not a valid JSON array/);
  });

  it('bytes that are not UTF-8 fail saying so', async () => {
    const cause = (await failure([bytes('["a", "'), Uint8Array.of(0xff), bytes('bcd", 1]')])).cause;
    expect(cause).toMatch(/^The object is not UTF-8 text \(in the bytes after item 1/);
  });

  it('pulls at most one chunk ahead of the items handed on (memory follows the items in flight)', async () => {
    const ITEMS_PER_CHUNK = 50;
    const CHUNKS = 40;
    let pulled = 0;
    async function* manyChunks() {
      pulled++;
      yield '[';
      for (let chunk = 0; chunk < CHUNKS; chunk++) {
        let text = '';
        for (let i = 0; i < ITEMS_PER_CHUNK; i++) {
          const index = chunk * ITEMS_PER_CHUNK + i;
          text += `${index === 0 ? '' : ','}{"id":${index},"name":"item-${index}"}`;
        }
        pulled++;
        yield bytes(text);
      }
      pulled++;
      yield ']';
    }
    let consumed = 0;
    let mostAhead = 0;
    for await (const item of jsonArrayItems(manyChunks())) {
      expect(item).toEqual({ id: consumed, name: `item-${consumed}` });
      consumed++;
      // Chunks pulled beyond those the consumed items needed (the opening '[' and the chunk
      // the current item came from).
      mostAhead = Math.max(mostAhead, pulled - (1 + Math.ceil(consumed / ITEMS_PER_CHUNK)));
    }
    expect(consumed).toBe(ITEMS_PER_CHUNK * CHUNKS);
    // An item's last digit can close only when the next chunk's comma arrives: one chunk ahead.
    expect(mostAhead).toBeLessThanOrEqual(1);
  });
});
