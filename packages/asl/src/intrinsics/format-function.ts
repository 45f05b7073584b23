import { expectArity, invalidArguments, stringArg } from './arguments.js';
import { formatValue } from './format-value.js';
import type { IntrinsicFunction } from './intrinsic-function.js';

/**
 * `States.Format(template, ...values)`: each `{}` of the template replaced by the next
 * value; the counts must match. A literal template's escaped `\{` `\}` are plain braces,
 * so its placeholders come from the parser; a template read from a path is split on `{}`.
 */
export const statesFormat: IntrinsicFunction = (args, nodes) => {
  expectArity('States.Format', args, 1, Number.POSITIVE_INFINITY);
  const template = stringArg('States.Format', args[0]);
  const node = nodes[0];
  const parts = node?.kind === 'string' ? node.formatParts : template.split('{}');
  if (parts === null || parts.length !== args.length) throw invalidArguments('States.Format');
  let text = parts[0] ?? '';
  for (let i = 1; i < parts.length; i++) text += formatValue(args[i] ?? null) + parts[i];
  return text;
};
