import type { Json } from '../src/json.ts';

/**
 * The corpus's placeholders (its README, "Placeholders in recorded data"): `<name>` and
 * `<name:N>` tokens stand for one value each (the same token, the same value, within a
 * case), possibly inside a longer string (`arn:<partition>:iam::111111111111:role/<resource:1>`);
 * bare words replace whole values and match anything.
 */

/** A token: `<uuid:1>`, `<region>`, `<ArnPart_0idx>`, and the nested `<<task_token>:1>`. */
const TOKEN = /<(?:<[A-Za-z0-9_.-]+>|[A-Za-z0-9_.-])+(?::\d+)?>/g;

/** Bare words LocalStack's transformers put in place of a whole value. */
export const BARE_WORDS: ReadonlySet<string> = new Set([
  'timestamp',
  'date',
  'datetime',
  'snf_role_arn',
  'sqs_queue_url',
  'lambda_function_name',
  'start-date',
  'stop-date',
  'start-time',
  'entered-time',
  'state-machine-arn',
  'execution-arn',
  'map_run_arn',
  'topic-arn',
  'table-name',
  'generated-uuid',
  'a_task_token',
  'x-amz-crc32',
  'keep-alive',
  'x-amzn-RequestId',
  'X-Amzn-Trace-Id',
  'RequestId',
  'function_name_branch1',
  'function_name_branch2',
  'RandomNumberGenerated',
]);

/**
 * Bare words distinctive enough to stand for a value inside a longer string too, as in
 * `arn:<partition>:lambda:<region>:111111111111:function:lambda_function_name`.
 */
export const EMBEDDED_WORDS: readonly string[] = [
  'lambda_function_name',
  'sqs_queue_url',
  'snf_role_arn',
  'state-machine-arn',
  'execution-arn',
  'map_run_arn',
  'topic-arn',
  'table-name',
];

/** `stateExitedEventDetails.output`, `executionSucceededEventDetails.output`: a key path put in place of a value. */
const KEY_PATH_WORD = /^[a-z][A-Za-z]*EventDetails\.[A-Za-z]+$/;

/** Whether `value` is a bare placeholder word (matches any value). */
export function isBareWord(value: string, extra: ReadonlySet<string> = new Set()): boolean {
  return BARE_WORDS.has(value) || extra.has(value) || KEY_PATH_WORD.test(value);
}

/** Whether `value` holds at least one placeholder token or embedded placeholder word. */
export function hasToken(value: string): boolean {
  TOKEN.lastIndex = 0;
  return TOKEN.test(value) || EMBEDDED_WORDS.some((word) => value.includes(word));
}

/** Splits a recorded string into literal text, tokens (bound) and embedded words (unbound). */
function segments(expected: string): { text: string; token?: boolean; word?: boolean }[] {
  const parts: { text: string; token?: boolean; word?: boolean }[] = [];
  const pushLiteral = (text: string) => {
    let rest = text;
    while (rest.length > 0) {
      let at = -1;
      let found = '';
      for (const word of EMBEDDED_WORDS) {
        const index = rest.indexOf(word);
        if (index >= 0 && (at < 0 || index < at)) {
          at = index;
          found = word;
        }
      }
      if (at < 0) {
        parts.push({ text: rest });
        return;
      }
      if (at > 0) parts.push({ text: rest.slice(0, at) });
      parts.push({ text: found, word: true });
      rest = rest.slice(at + found.length);
    }
  };
  let last = 0;
  TOKEN.lastIndex = 0;
  for (let found = TOKEN.exec(expected); found !== null; found = TOKEN.exec(expected)) {
    pushLiteral(expected.slice(last, found.index));
    parts.push({ text: found[0], token: true });
    last = found.index + found[0].length;
  }
  pushLiteral(expected.slice(last));
  return parts;
}

/** The token values a case has bound so far; copy it to try a match and roll back. */
export class Bindings {
  private readonly values: Map<string, string>;

  constructor(values: Map<string, string> = new Map()) {
    this.values = values;
  }

  get(token: string): string | undefined {
    return this.values.get(token);
  }

  set(token: string, value: string): void {
    this.values.set(token, value);
  }

  /** A copy to match against; `commit` it back on success. */
  fork(): Bindings {
    return new Bindings(new Map(this.values));
  }

  commit(fork: Bindings): void {
    this.values.clear();
    for (const [token, value] of fork.values) this.values.set(token, value);
  }

  entries(): [string, string][] {
    return [...this.values];
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** How a token is bound when it stands for a whole value of any JSON type. */
function wholeValueKey(value: Json): string {
  return typeof value === 'string' ? value : `json:${JSON.stringify(value)}`;
}

export type TokenMatch = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/**
 * Matches a recorded string holding tokens against an actual value, binding tokens in
 * `bindings` (a token already bound must take the same value again). A string that is a
 * single token matches a value of any JSON type. The recorded text itself matches too
 * (a replayed answer), without binding.
 */
export function matchTokens(expected: string, actual: Json, bindings: Bindings): TokenMatch {
  // A recorded value replayed as the service's answer comes back with its placeholders:
  // it matches itself and binds nothing.
  if (actual === expected) return { ok: true };
  const tokens = expected.match(TOKEN) ?? [];
  if (tokens.length === 1 && tokens[0] === expected) {
    const key = wholeValueKey(actual);
    const bound = bindings.get(expected);
    if (bound !== undefined && bound !== key) {
      return { ok: false, reason: `${expected} was bound to ${JSON.stringify(bound)} earlier` };
    }
    bindings.set(expected, key);
    return { ok: true };
  }
  if (typeof actual !== 'string') return { ok: false, reason: 'expected a string' };
  let pattern = '^';
  const groups: string[] = [];
  for (const part of segments(expected)) {
    if (part.word) {
      pattern += '[\\s\\S]+?';
      continue;
    }
    if (!part.token) {
      pattern += escapeRegExp(part.text);
      continue;
    }
    const token = part.text;
    const bound = bindings.get(token);
    const earlier = groups.indexOf(token);
    if (bound !== undefined) pattern += escapeRegExp(bound);
    else if (earlier >= 0) pattern += `\\${earlier + 1}`;
    else {
      groups.push(token);
      pattern += '([\\s\\S]+?)';
    }
  }
  pattern += '$';
  const result = new RegExp(pattern).exec(actual);
  if (result === null) return { ok: false, reason: 'does not match the recorded pattern' };
  groups.forEach((token, index) => {
    bindings.set(token, result[index + 1] as string);
  });
  return { ok: true };
}
