import type { Diagnostic } from '@sfn-callback/asl';

/**
 * How deep JSON text may nest (objects and arrays) before it is refused. AWS documents no
 * depth; the engine walks values recursively (paths, intrinsics, JSONata, serialisation),
 * so text nested tens of thousands deep would overflow the stack in the middle of an
 * execution. 1,000 is far above any real input or definition, and the default of Jackson's
 * `StreamReadConstraints.maxNestingDepth` (the JSON library of the Java services), while
 * leaving the engine a wide margin below Node's stack (about 10,000 frames).
 */
export const MAX_JSON_DEPTH = 1000;

/**
 * The deepest nesting of objects and arrays in `text`, counted without recursion and
 * without parsing, so it is safe on any input: brackets inside strings (escapes included)
 * are skipped. Invalid JSON is counted all the same (it fails `JSON.parse` afterwards).
 * Stops counting once `limit` is passed, and answers `limit + 1`.
 */
export function jsonDepth(text: string, limit = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === 0x5c /* \ */) index += 1;
      else if (code === 0x22 /* " */) inString = false;
      continue;
    }
    if (code === 0x22) inString = true;
    else if (code === 0x7b /* { */ || code === 0x5b /* [ */) {
      depth += 1;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return limit + 1;
      }
    } else if (code === 0x7d /* } */ || code === 0x5d /* ] */) depth -= 1;
  }
  return deepest;
}

/** True when `text` nests deeper than {@link MAX_JSON_DEPTH}. */
export function isTooDeep(text: string): boolean {
  return jsonDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH;
}

/**
 * The diagnostic of a definition nested deeper than {@link MAX_JSON_DEPTH}, in the form of
 * the validator's (as an unreadable definition, `INVALID_JSON_DESCRIPTION`), or undefined.
 */
export function tooDeepDefinition(definition: string): Diagnostic[] | undefined {
  if (!isTooDeep(definition)) return undefined;
  return [
    {
      severity: 'ERROR',
      code: 'INVALID_JSON_DESCRIPTION',
      message: `The definition is not valid JSON: it nests deeper than ${MAX_JSON_DEPTH} levels of objects and arrays`,
    },
  ];
}
