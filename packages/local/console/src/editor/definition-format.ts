import { isMap, isScalar, isSeq, type Node, parseDocument, stringify } from 'yaml';
import { checkJson } from '../json-text.js';
import type { TextRange } from './json-pointer-range.js';
import { pointerTokens } from './json-pointer-range.js';

/** The notation the definition is written in. The API only takes JSON: YAML is converted. */
export type DefinitionFormat = 'json' | 'yaml';

/** A definition read from its text: the value, or where and why the text stops being readable. */
export type DefinitionParse =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly message: string; readonly position?: number };

/** YAML aliases expanded at most (a "billion laughs" text would otherwise hang the page). */
const MAX_ALIASES = 100;

/** The name people know the format by, for messages and labels. */
export const formatName = (format: DefinitionFormat): string =>
  format === 'json' ? 'JSON' : 'YAML';

/** Reads a definition text in `format`. */
export function parseDefinition(text: string, format: DefinitionFormat): DefinitionParse {
  if (format === 'json') return checkJson(text);
  const document = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  const error = document.errors[0];
  if (error) {
    // `prettyErrors` puts the line and column (and the line itself) in the message.
    return {
      ok: false,
      message: error.message.split('\n')[0] ?? error.message,
      position: error.pos[0],
    };
  }
  try {
    return { ok: true, value: document.toJS({ maxAliasCount: MAX_ALIASES }) };
  } catch (problem) {
    return { ok: false, message: (problem as Error).message };
  }
}

/**
 * The JSON text the API is sent: a JSON definition as it was typed (its numbers and layout
 * kept), a YAML one converted. Undefined when the text cannot be read.
 */
export function definitionJson(text: string, format: DefinitionFormat): string | undefined {
  if (format === 'json') return checkJson(text).ok ? text : undefined;
  const parsed = parseDefinition(text, 'yaml');
  return parsed.ok ? JSON.stringify(parsed.value, null, 2) : undefined;
}

/** `text` rewritten from one format to the other; undefined when it cannot be read. */
export function convertDefinition(
  text: string,
  from: DefinitionFormat,
  to: DefinitionFormat,
): string | undefined {
  if (from === to) return text;
  const parsed = parseDefinition(text, from);
  if (!parsed.ok) return undefined;
  return to === 'json'
    ? `${JSON.stringify(parsed.value, null, 2)}\n`
    : stringify(parsed.value, { lineWidth: 0 });
}

/**
 * The range of the member a JSON Pointer (a ValidateStateMachineDefinition diagnostic's
 * `location`) names in a YAML text: the key when it ends at a property, the item for an
 * index; the deepest part found when the rest is missing (as {@link pointerRange} does for
 * JSON).
 */
export function yamlPointerRange(text: string, pointer: string): TextRange {
  const document = parseDocument(text, { keepSourceTokens: false });
  let found: TextRange = { from: 0, to: Math.min(1, text.length) };
  let node: unknown = document.contents;
  for (const token of pointerTokens(pointer)) {
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isScalar(item.key) && String(item.key.value) === token,
      );
      if (!pair) break;
      const range = (pair.key as Node).range;
      if (range) found = { from: range[0], to: range[1] };
      node = pair.value;
    } else if (isSeq(node)) {
      const item = node.items[Number(token)] as Node | undefined;
      if (!item?.range) break;
      found = { from: item.range[0], to: item.range[1] };
      node = item;
    } else {
      break;
    }
  }
  return found;
}
