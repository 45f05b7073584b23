/**
 * Build-time corrections to aws-local-stepfunctions 3.0.0's intrinsic functions.
 *
 * The engine strips every backslash from the string result of every intrinsic function
 * (`BaseIntrinsicFunction.call`: `result = result.replaceAll("\\", "")`), its crude way of
 * unescaping string literals. That corrupts data: `States.JsonToString($)` of
 * `{"a":"he said \"hi\""}` gives the invalid JSON `{"a":"he said "hi""}`. The engine exports
 * no hook to replace an intrinsic function, so the package's build (tsup, see
 * `tsup.config.ts`) bundles a corrected copy of the engine into `dist`, and the tests
 * (`vitest.config.ts`) load the same corrected copy: both apply {@link patchEngineSource}.
 *
 * The corrections follow AWS's rules for string literals in intrinsic functions: `\'`, `\{`,
 * `\}` and `\\` stand for `'`, `{`, `}` and `\` (in the JSON of a definition, each backslash
 * is itself escaped: `"States.Format('it\\'s \\{\\}: {}', $.x)"`). Values from JSONPath and
 * results of nested functions are data, never unescaped. In `States.Format`'s template, `{}`
 * is a placeholder and `\{` / `\}` are literal braces.
 *
 * Every correction must match the engine's code exactly once: a new engine version whose
 * code differs fails the build (and the tests) instead of shipping uncorrected.
 */

/** One textual correction. */
interface SourcePatch {
  readonly why: string;
  readonly find: string;
  readonly replace: string;
}

/** The engine's Node builds (ESM and CJS), which the package bundles. */
export const ENGINE_BUILD_FILE =
  /aws-local-stepfunctions[\\/]build[\\/]main\.node\.(?:esm\.js|cjs)$/;

const PATCHES: readonly SourcePatch[] = [
  {
    why: 'intrinsic results keep their backslashes (they are data)',
    find: 'result = result.replaceAll("\\\\", "");',
    replace: '/* @sfn-callback/local: backslashes kept */',
  },
  {
    why: "string literal arguments are unescaped (\\' \\{ \\} \\\\), except the States.Format template",
    find: 'const parsedArgs = parseArguments(input, context, ...args);',
    replace:
      'const parsedArgs = parseArguments(input, context, ...args).map((value, index) => typeof value === "string" && String(args[index]).startsWith("\'") && !(this.funcDefinition.name === "States.Format" && index === 0) ? __sfnLocalUnescape(value) : value);',
  },
  {
    why: 'States.Format counts only unescaped {} placeholders',
    find: 'const placeholdersNumber = templateStr.match(/\\{\\}/g)?.length ?? 0;',
    replace: 'const placeholdersNumber = __sfnLocalFormat(templateStr, []).placeholders;',
  },
  {
    why: 'States.Format unescapes its template and fills the placeholders',
    find: 'return templateStr.replace(/\\{\\}/g, () => placeholderValues[i++]);',
    replace: 'return __sfnLocalFormat(templateStr, placeholderValues).text;',
  },
  {
    why: "a quote closes a literal unless an odd number of backslashes precede it ('a\\\\')",
    find: 'if (char === "\'" && partialArg[partialArg.length - 1] !== "\\\\") {',
    replace: 'if (char === "\'" && !__sfnLocalEscaped(partialArg)) {',
  },
];

/** Helpers the corrections call: function declarations, appended (hoisted) to the module. */
const HELPERS = `
/* @sfn-callback/local: intrinsic function string literals (see src/engine/engine-patch.ts). */
function __sfnLocalEscaped(text) {
  let count = 0;
  for (let i = text.length - 1; i >= 0 && text[i] === "\\\\"; i--) count++;
  return count % 2 === 1;
}
function __sfnLocalUnescape(text) {
  return text.replace(/\\\\([\\\\'{}])/g, "$1");
}
function __sfnLocalFormat(template, values) {
  let text = "";
  let placeholders = 0;
  for (let i = 0; i < template.length; i++) {
    const char = template[i];
    const next = template[i + 1];
    if (char === "\\\\" && next !== undefined && "\\\\'{}".includes(next)) {
      text += next;
      i++;
    } else if (char === "{" && next === "}") {
      text += String(values[placeholders]);
      placeholders++;
      i++;
    } else {
      text += char;
    }
  }
  return { text, placeholders };
}
`;

/**
 * Applies the corrections to the code of one of the engine's Node builds.
 *
 * @throws Error when a correction does not match exactly once (another engine version).
 */
export function patchEngineSource(code: string, file = 'aws-local-stepfunctions'): string {
  let patched = code;
  for (const patch of PATCHES) {
    const first = patched.indexOf(patch.find);
    if (first === -1 || patched.indexOf(patch.find, first + 1) !== -1) {
      throw new Error(
        `@sfn-callback/local: cannot correct ${file} (${patch.why}): expected exactly one \`${patch.find}\`. ` +
          'Was aws-local-stepfunctions upgraded? Review src/engine/engine-patch.ts.',
      );
    }
    patched = patched.slice(0, first) + patch.replace + patched.slice(first + patch.find.length);
  }
  return `${patched}\n${HELPERS}`;
}
