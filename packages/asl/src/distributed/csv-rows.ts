/** A CSV that cannot be parsed: where, and what was wrong. */
export class CsvFormatError extends Error {
  override readonly name = 'CsvFormatError';
}

/** The delimiters `ReaderConfig.CSVDelimiter` names. */
export const CSV_DELIMITERS: Readonly<Record<string, string>> = {
  COMMA: ',',
  PIPE: '|',
  SEMICOLON: ';',
  SPACE: ' ',
  TAB: '\t',
};

enum At {
  FieldStart,
  Unquoted,
  Quoted,
  /** Just read a `"` inside a quoted field: a second one is an escaped quote. */
  QuoteInQuoted,
}

/**
 * The rows of a CSV (RFC 4180: quoted fields with `""` for a quote, embedded delimiters and
 * line breaks, LF or CRLF line ends), read chunk by chunk: only the current row is held, so a
 * file of any length streams through. Empty lines are skipped; a line of spaces is a row.
 *
 * @throws CsvFormatError for a quote left open, text after a closing quote, or bytes that are
 *   not UTF-8.
 */
export async function* csvRows(
  chunks: AsyncIterable<Uint8Array | string>,
  delimiter = ',',
): AsyncGenerator<string[]> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let state = At.FieldStart;
  let field = '';
  let row: string[] = [];
  let lineHasContent = false;
  let skipLineFeed = false;
  let line = 1;
  const decode = (chunk: Uint8Array | string, stream: boolean) => {
    if (typeof chunk === 'string') return chunk;
    try {
      return decoder.decode(chunk, { stream });
    } catch {
      throw new CsvFormatError(`The CSV is not UTF-8 text (line ${line}).`);
    }
  };
  const rows: string[][] = [];
  const feed = (text: string) => {
    for (let i = 0; i < text.length; i++) {
      const c = text[i] as string;
      if (skipLineFeed) {
        skipLineFeed = false;
        if (c === '\n') continue;
      }
      switch (state) {
        case At.Quoted:
          if (c === '"') state = At.QuoteInQuoted;
          else {
            if (c === '\n') line++;
            field += c;
          }
          break;
        case At.QuoteInQuoted:
          if (c === '"') {
            field += '"';
            state = At.Quoted;
          } else if (c === delimiter) {
            row.push(field);
            field = '';
            state = At.FieldStart;
          } else if (c === '\n' || c === '\r') {
            endRow(c);
          } else {
            throw new CsvFormatError(
              `Unexpected character '${c}' after a closing quote on line ${line}: a quote inside a quoted field is written "".`,
            );
          }
          break;
        default:
          if (c === delimiter) {
            row.push(field);
            field = '';
            lineHasContent = true;
            state = At.FieldStart;
          } else if (c === '\n' || c === '\r') {
            endRow(c);
          } else if (c === '"' && state === At.FieldStart) {
            lineHasContent = true;
            state = At.Quoted;
          } else {
            lineHasContent = true;
            field += c;
            state = At.Unquoted;
          }
      }
    }
  };
  const endRow = (c: string) => {
    if (lineHasContent) {
      row.push(field);
      rows.push(row);
    }
    row = [];
    field = '';
    lineHasContent = false;
    state = At.FieldStart;
    skipLineFeed = c === '\r';
    line++;
  };
  for await (const chunk of chunks) {
    feed(decode(chunk, true));
    // Hand over what the chunk completed before reading the next one.
    for (const complete of rows) yield complete;
    rows.length = 0;
  }
  feed(decode(new Uint8Array(), false));
  if ((state as At) === At.Quoted) {
    throw new CsvFormatError(`A quoted field opened on or before line ${line} is never closed.`);
  }
  if (lineHasContent) {
    row.push(field);
    rows.push(row);
  }
  for (const complete of rows) yield complete;
}
