import type { Json } from '../../src/json.ts';
import { isJsonObject } from '../../src/json.ts';

/** Python's `repr()` of a string: single quotes unless the text holds one and no double quote. */
function pythonStringRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let result = quote;
  for (const char of text) {
    if (char === '\\') result += '\\\\';
    else if (char === quote) result += `\\${quote}`;
    else if (char === '\n') result += '\\n';
    else if (char === '\r') result += '\\r';
    else if (char === '\t') result += '\\t';
    else result += char;
  }
  return result + quote;
}

function pythonNumber(value: number): string {
  if (Number.isInteger(value)) return String(value);
  const text = String(value);
  return text.includes('e') ? text.replace(/e([+-])(\d)$/, 'e$10$2') : text;
}

/** Python's `str()` of the value `json.loads` gives for this JSON (what a Lambda's event is). */
export function pythonStr(value: Json): string {
  if (typeof value === 'string') return value;
  return pythonRepr(value);
}

/** Python's `repr()` of the value `json.loads` gives for this JSON. */
export function pythonRepr(value: Json): string {
  if (value === null) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return pythonNumber(value);
  if (typeof value === 'string') return pythonStringRepr(value);
  if (Array.isArray(value)) return `[${value.map(pythonRepr).join(', ')}]`;
  if (isJsonObject(value)) {
    return `{${Object.entries(value)
      .map(([key, item]) => `${pythonStringRepr(key)}: ${pythonRepr(item)}`)
      .join(', ')}}`;
  }
  return String(value);
}

/** Python's `json.dumps` with its default separators (`', '`, `': '`) and `ensure_ascii`. */
export function pythonJsonDumps(value: Json): string {
  if (Array.isArray(value)) return `[${value.map(pythonJsonDumps).join(', ')}]`;
  if (isJsonObject(value)) {
    return `{${Object.entries(value)
      .map(([key, item]) => `${pythonJsonDumps(key)}: ${pythonJsonDumps(item)}`)
      .join(', ')}}`;
  }
  if (typeof value === 'string') {
    return JSON.stringify(value).replace(
      /[\u007f-\uffff]/g,
      (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
    );
  }
  return JSON.stringify(value);
}
