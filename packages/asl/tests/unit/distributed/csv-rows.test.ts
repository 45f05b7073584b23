import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvFormatError, csvRows } from '../../../src/index.js';

async function rows(chunks: (string | Uint8Array)[], delimiter = ','): Promise<string[][]> {
  const out: string[][] = [];
  async function* source() {
    yield* chunks;
  }
  for await (const row of csvRows(source(), delimiter)) out.push(row);
  return out;
}

describe('csvRows', () => {
  it('reads quoted fields, escaped quotes, embedded delimiters and line breaks, CRLF', async () => {
    const text = 'a,b,c\r\n"x, y","say ""hi""","line1\nline2"\r\nplain,,end\n';
    expect(await rows([text])).toEqual([
      ['a', 'b', 'c'],
      ['x, y', 'say "hi"', 'line1\nline2'],
      ['plain', '', 'end'],
    ]);
  });

  it('skips empty lines but keeps a line of spaces; the last line needs no line break', async () => {
    expect(await rows(['a,b\n\n   \nc,d'])).toEqual([['a', 'b'], ['   '], ['c', 'd']]);
  });

  it('reads other delimiters', async () => {
    expect(await rows(['a|b|"c|d"\n'], '|')).toEqual([['a', 'b', 'c|d']]);
    expect(await rows(['a\tb\n'], '\t')).toEqual([['a', 'b']]);
  });

  it('gives the same rows however the bytes are cut into chunks (UTF-8 split mid-character too)', async () => {
    const text = 'name,note\r\n"é, ü","a ""q""\r\nb"\nß,€\n';
    const whole = await rows([text]);
    const bytes = new TextEncoder().encode(text);
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.integer({ min: 1, max: bytes.length - 1 })),
        async (cuts) => {
          const points = [0, ...cuts.sort((a, b) => a - b), bytes.length];
          const chunks = points.slice(1).map((end, i) => bytes.slice(points[i], end));
          expect(await rows(chunks)).toEqual(whole);
        },
      ),
      { numRuns: 200 },
    );
    expect(whole).toEqual([
      ['name', 'note'],
      ['é, ü', 'a "q"\r\nb'],
      ['ß', '€'],
    ]);
  });

  it('refuses a quote left open, text after a closing quote, and bytes that are not UTF-8', async () => {
    await expect(rows(['a,"open\n'])).rejects.toThrow(CsvFormatError);
    await expect(rows(['"a"b,c\n'])).rejects.toThrow(/after a closing quote on line 1/);
    await expect(rows([new Uint8Array([0x61, 0xff, 0x0a])])).rejects.toThrow(/not UTF-8/);
  });

  it('streams: rows come out before the source ends', async () => {
    let pulled = 0;
    async function* endless() {
      for (;;) {
        pulled++;
        yield 'a,b\n';
      }
    }
    const iterator = csvRows(endless())[Symbol.asyncIterator]();
    expect((await iterator.next()).value).toEqual(['a', 'b']);
    expect(pulled).toBe(1);
    await iterator.return?.(undefined);
  });
});
