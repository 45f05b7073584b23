import { reindentJson } from './reindent-json.js';

/** The result of checking a JSON text: the value, or where and why it is not JSON. */
export type JsonCheck =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly message: string; readonly position?: number };

/** Parses `text` as JSON, with the parser's message (line and column when it gives a position). */
export function checkJson(text: string): JsonCheck {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const message = (error as Error).message;
    const at = /position (\d+)/.exec(message);
    if (!at) return { ok: false, message };
    const position = Number(at[1]);
    const before = text.slice(0, position).split('\n');
    const line = before.length;
    const column = (before.at(-1)?.length ?? 0) + 1;
    // Newer engines say the line and column themselves.
    const where = /line \d+/.test(message)
      ? message
      : `${message} (line ${line}, column ${column})`;
    return { ok: false, message: where, position };
  }
}

/** `text` pretty-printed when it is JSON, else as it is. */
export function prettyJson(text: string | undefined): string {
  if (text === undefined) return '';
  // Laid out, not re-serialised: numbers beyond double precision stay as they were sent.
  return checkJson(text).ok ? reindentJson(text) : text;
}
