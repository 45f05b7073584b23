import { Tokenizer, TokenParser, TokenType } from '@streamparser/json';
import type { Json } from '../json.js';
import { StatesError } from '../states-error.js';
import { itemReaderFailed } from './item-reader-failed.js';

/** AWS's cause when the object's top-level value is not an array (as other emulators record it). */
export const NOT_AN_ARRAY_CAUSE = 'Attempting to map over non-iterable node.';

/**
 * The elements of a JSON array, streamed: each chunk is parsed as it arrives
 * (@streamparser/json, which keeps multi-byte UTF-8 characters and tokens split across chunks
 * whole) and the elements it completes are yielded before the next chunk is pulled, so memory
 * holds one chunk's elements, never the file. The top-level value is known to be an array from
 * its first token.
 *
 * @throws StatesError `States.ItemReaderFailed` when the top level is not an array
 *   ({@link NOT_AN_ARRAY_CAUSE}, at once, without reading on), or when the text is not UTF-8 or
 *   not JSON, is truncated, or goes on after the array: the cause names the byte offset.
 */
export async function* jsonArrayItems(
  chunks: AsyncIterable<Uint8Array | string>,
): AsyncGenerator<Json> {
  const reader = new JsonArrayReader();
  for await (const chunk of chunks) yield* reader.write(chunk);
  yield* reader.end();
}

/** One streaming parse of a JSON array: bytes in, complete elements out. */
class JsonArrayReader {
  readonly #tokenizer = new Tokenizer();
  readonly #elements = new TokenParser({ paths: ['$.*'], keepStack: false });
  #parsed: Json[] = [];
  #itemCount = 0;
  #started = false;
  #bytesRead = 0;
  /** Where the last token began: the token parser's errors name the token, not its place. */
  #tokenOffset = 0;

  constructor() {
    this.#tokenizer.onToken = (token) => {
      this.#tokenOffset = token.offset;
      if (!this.#started) {
        this.#started = true;
        if (token.token !== TokenType.LEFT_BRACKET) throw itemReaderFailed(NOT_AN_ARRAY_CAUSE);
      }
      this.#elements.write(token);
    };
    this.#tokenizer.onEnd = () => {
      if (!this.#elements.isEnded) this.#elements.end();
    };
    this.#elements.onEnd = () => {
      if (!this.#tokenizer.isEnded) this.#tokenizer.end();
    };
    this.#elements.onError = (error) => this.#tokenizer.error(error);
    this.#elements.onValue = ({ value }) => {
      this.#itemCount++;
      this.#parsed.push(value as Json);
    };
  }

  /** Parses one chunk and returns the elements it completed. */
  write(chunk: Uint8Array | string): Json[] {
    if (this.#tokenizer.isEnded) {
      // The array closed in an earlier chunk: only whitespace may follow.
      if (typeof chunk === 'string' ? chunk.trim() === '' : isWhitespace(chunk)) return [];
    }
    this.#guard(() => this.#tokenizer.write(chunk));
    this.#bytesRead += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength;
    return this.#take();
  }

  /** Ends the parse: the elements still held, or the error of a truncated or empty object. */
  end(): Json[] {
    // Ending emits a last token the end of the text closes (a bare number at the top level).
    if (!this.#tokenizer.isEnded) this.#guard(() => this.#tokenizer.end());
    if (!this.#started) {
      throw itemReaderFailed(
        'The object is empty: ReaderConfig.InputType JSON needs a JSON array of items, such as [{"id": 1}, {"id": 2}].',
      );
    }
    if (!this.#elements.isEnded) throw this.#truncated();
    return this.#take();
  }

  #take(): Json[] {
    const parsed = this.#parsed;
    this.#parsed = [];
    return parsed;
  }

  #guard(parse: () => void): void {
    try {
      parse();
    } catch (thrown) {
      if (thrown instanceof StatesError) throw thrown;
      throw this.#describe(thrown instanceof Error ? thrown.message : String(thrown));
    }
  }

  #describe(message: string): StatesError {
    if (/ended in (the middle of a token|mid-parsing)/.test(message)) return this.#truncated();
    if (/not valid for encoding utf-8/.test(message)) {
      return itemReaderFailed(
        `The object is not UTF-8 text (in the bytes after item ${this.#itemCount}, from byte ${this.#bytesRead}).`,
      );
    }
    // The tokenizer's errors give the byte offset; the token parser's give the token only.
    const character =
      /Unexpected "(.*)" at chunk position "\d+" \(absolute position "(\d+)"\)/s.exec(message);
    const token = /Unexpected [A-Z_]+ \((.*)\) in state/s.exec(message);
    const [text, offset] = character
      ? [character[1], character[2]]
      : token
        ? [tokenText(token[1] as string), String(this.#tokenOffset)]
        : [];
    if (text !== undefined) {
      return itemReaderFailed(
        `The object is not a valid JSON array: unexpected ${JSON.stringify(text)} at byte ${offset}, after item ${this.#itemCount}.`,
      );
    }
    return itemReaderFailed(
      `The object is not a valid JSON array (after item ${this.#itemCount}): ${message}`,
    );
  }

  #truncated(): StatesError {
    return itemReaderFailed(
      `The object ends before its JSON array is closed (${this.#bytesRead} bytes, ${this.#itemCount} items read): it is truncated or not valid JSON.`,
    );
  }
}

/** The token as the parser quotes it (`"}"`, or a string token's JSON). */
function tokenText(quoted: string): string {
  try {
    const value: unknown = JSON.parse(quoted);
    return typeof value === 'string' ? value : quoted;
  } catch {
    return quoted;
  }
}

function isWhitespace(bytes: Uint8Array): boolean {
  // JSON's whitespace: space, tab, line feed, carriage return.
  return bytes.every((byte) => byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d);
}
