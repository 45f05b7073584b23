/** The intrinsic functions AWS Step Functions offers, without their `States.` prefix. */
export const INTRINSIC_FUNCTION_NAMES = [
  'Format',
  'StringToJson',
  'JsonToString',
  'Array',
  'ArrayPartition',
  'ArrayContains',
  'ArrayRange',
  'ArrayGetItem',
  'ArrayLength',
  'ArrayUnique',
  'Base64Encode',
  'Base64Decode',
  'Hash',
  'JsonMerge',
  'MathRandom',
  'MathAdd',
  'StringSplit',
  'UUID',
] as const;

/** The full name of an intrinsic function, e.g. `States.Format`. */
export type IntrinsicName = `States.${(typeof INTRINSIC_FUNCTION_NAMES)[number]}`;

const KNOWN: ReadonlySet<string> = new Set(
  INTRINSIC_FUNCTION_NAMES.map((name) => `States.${name}`),
);

/** Whether `name` (with its `States.` prefix) is an intrinsic function AWS knows. */
export function isIntrinsicName(name: string): name is IntrinsicName {
  return KNOWN.has(name);
}
