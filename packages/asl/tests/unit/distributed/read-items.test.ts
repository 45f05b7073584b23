import { describe, expect, it } from 'vitest';
import { readItems } from '../../../src/distributed/read-items.js';
import { InMemoryObjectStore, type Json, StatesError } from '../../../src/index.js';

// The files and results AWS recorded (LocalStack's snapshots, test_base_scenarios).
const RECORDED_CSV =
  "Value1,Value2,Value3\nValue4,Value5,Value6\n,,,\ntrue,1,'HelloWorld'\nNull,None,\n   \n";

async function read(
  body: string,
  readerConfig: object,
  resource = 'arn:aws:states:::s3:getObject',
) {
  const store = new InMemoryObjectStore();
  await store.putObject('b', 'k', body);
  const items: Json[] = [];
  for await (const item of readItems(store, {
    resource,
    parameters: { Bucket: 'b', Key: 'k' },
    readerConfig,
  }))
    items.push(item);
  return items;
}

describe('readItems', () => {
  it('CSV with the headers in the first row (recorded)', async () => {
    expect(
      await read(`Col1,Col2,Col3\n${RECORDED_CSV}`, {
        InputType: 'CSV',
        CSVHeaderLocation: 'FIRST_ROW',
      }),
    ).toEqual([
      { Col1: 'Value1', Col2: 'Value2', Col3: 'Value3' },
      { Col1: 'Value4', Col2: 'Value5', Col3: 'Value6' },
      { Col1: '', Col2: '', Col3: '' },
      { Col1: 'true', Col2: '1', Col3: "'HelloWorld'" },
      { Col1: 'Null', Col2: 'None', Col3: '' },
      { Col1: '   ', Col2: '', Col3: '' },
    ]);
  });

  it('CSV with given headers: extra fields dropped; duplicate headers refused (recorded)', async () => {
    expect(
      await read(RECORDED_CSV, {
        InputType: 'CSV',
        CSVHeaderLocation: 'GIVEN',
        CSVHeaders: ['H1'],
      }),
    ).toEqual([
      { H1: 'Value1' },
      { H1: 'Value4' },
      { H1: '' },
      { H1: 'true' },
      { H1: 'Null' },
      { H1: '   ' },
    ]);
    await expect(
      read(RECORDED_CSV, {
        InputType: 'CSV',
        CSVHeaderLocation: 'GIVEN',
        CSVHeaders: ['H1', 'H1', 'H3'],
      }),
    ).rejects.toMatchObject({
      error: 'States.ItemReaderFailed',
      cause: 'CSV headers cannot contain duplicates.',
    });
  });

  it('CSV with an empty header in the first row keys its column "" (recorded)', async () => {
    expect((await read('H1,\nValue4,Value5,Value6\n', { InputType: 'CSV' }))[0]).toEqual({
      H1: 'Value4',
      '': 'Value5',
    });
  });

  it('CSVDelimiter', async () => {
    expect(await read('a;b\n1;2\n', { InputType: 'CSV', CSVDelimiter: 'SEMICOLON' })).toEqual([
      { a: '1', b: '2' },
    ]);
    await expect(read('a\n', { InputType: 'CSV', CSVDelimiter: 'COLON' })).rejects.toThrow(
      /COMMA, PIPE/,
    );
  });

  it('a CSV that is not CSV fails with States.ItemReaderFailed saying where', async () => {
    const error = await read('a,b\n"1,2\n', { InputType: 'CSV' }).catch(
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(StatesError);
    expect(error).toMatchObject({
      error: 'States.ItemReaderFailed',
      cause: expect.stringMatching(/never closed/),
    });
  });

  it('JSON: the array elements; anything else fails with the recorded cause', async () => {
    expect(await read('[1,{"a":2}]', { InputType: 'JSON' })).toEqual([1, { a: 2 }]);
    await expect(read('{"a":1}', { InputType: 'JSON' })).rejects.toMatchObject({
      cause: 'Attempting to map over non-iterable node.',
    });
    await expect(read('[1,', { InputType: 'JSON' })).rejects.toMatchObject({
      error: 'States.ItemReaderFailed',
      cause: expect.stringMatching(/^The object ends before its JSON array is closed/),
    });
  });

  it('JSONL: one value per line, blank lines skipped; a bad line is named', async () => {
    expect(await read('{"a":1}\r\n\n[2]\n3', { InputType: 'JSONL' })).toEqual([{ a: 1 }, [2], 3]);
    await expect(read('1\nnope\n', { InputType: 'JSONL' })).rejects.toMatchObject({
      cause: expect.stringMatching(/^Line 2 of the JSONL object is not JSON/),
    });
  });

  it('refuses an unknown InputType, an unknown resource and parameters without a Bucket', async () => {
    await expect(read('x', { InputType: 'PARQUET' })).rejects.toThrow(
      /InputType 'PARQUET' is not supported/,
    );
    await expect(read('x', {}, 'arn:aws:states:::athena:getQueryResults')).rejects.toThrow(
      /is not supported here/,
    );
    const store = new InMemoryObjectStore();
    const iterator = readItems(store, {
      resource: 'arn:aws:states:::s3:getObject',
      parameters: {},
      readerConfig: {},
    });
    await expect(iterator.next()).rejects.toThrow(/need a Bucket/);
  });
});
