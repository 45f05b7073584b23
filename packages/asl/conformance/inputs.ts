import type { Json, JsonObject } from '../src/json.ts';
import { isJsonObject } from '../src/json.ts';
import type { ConformanceCase, DynamicInput } from './load-cases.ts';

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** `%Y-%m-%dT%H:%M:%S` (UTC) of a time. */
export function strftimeSeconds(ms: number): string {
  const date = new Date(ms);
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
}

/** The value a `dynamicInput` rule gives at `now`; undefined when the rule is not understood. */
export function dynamicValue(rule: DynamicInput['rule'], now: number): Json | undefined {
  const match = /^now \(UTC\) formatted %Y-%m-%dT%H:%M:%S(?: followed by '([^']*)')?$/.exec(rule);
  if (!match) return undefined;
  return strftimeSeconds(now) + (match[1] ?? '');
}

/** Sets a simple `$.a.b` path in a copy of `input`. */
function setPath(input: Json, path: string, value: Json): Json {
  const keys = path
    .replace(/^\$\.?/, '')
    .split('.')
    .filter(Boolean);
  if (keys.length === 0) return value;
  const root: JsonObject = isJsonObject(input) ? structuredClone(input) : {};
  let node: JsonObject = root;
  keys.forEach((key, index) => {
    if (index === keys.length - 1) node[key] = value;
    else {
      const next = node[key];
      node[key] = isJsonObject(next) ? next : {};
      node = node[key] as JsonObject;
    }
  });
  return root;
}

/**
 * The execution input of a case at `now`: `input` (`null`: none was sent, so `{}` as AWS
 * uses), with each `dynamicInput` value computed from the (virtual) clock. Returns the
 * rules it could not apply too.
 */
export function caseInput(
  testCase: Pick<ConformanceCase, 'input' | 'dynamicInput'>,
  now: number,
): {
  input: Json;
  unsupported: string[];
} {
  let input: Json = testCase.input === null ? {} : structuredClone(testCase.input);
  const unsupported: string[] = [];
  for (const rule of testCase.dynamicInput ?? []) {
    const value = dynamicValue(rule.rule, now);
    if (value === undefined) unsupported.push(`${rule.path}: ${rule.rule}`);
    else input = setPath(input, rule.path, value);
  }
  return { input, unsupported };
}
