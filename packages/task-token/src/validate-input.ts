import type { StandardSchemaV1 } from '@standard-schema/spec';
import { InvalidCallbackMessageError } from './errors.js';

/** The result of {@link validateCallbackInput}. */
export type InputValidationResult<TOutput> =
  | { readonly ok: true; readonly value: TOutput }
  | { readonly ok: false; readonly error: InvalidCallbackMessageError };

/**
 * Validates a callback input with any Standard Schema (zod, valibot, arktype …), and infers
 * the input type from the schema. Never throws for invalid input: it gives
 * `{ ok: false, error }` with the schema's issues (paths and messages, not values).
 *
 * @example
 * ```ts
 * const Order = z.object({ orderId: z.string() });
 * const checked = await validateCallbackInput(Order, parsed.input);
 * if (checked.ok) checked.value.orderId; // string
 * ```
 */
export async function validateCallbackInput<TSchema extends StandardSchemaV1>(
  schema: TSchema,
  input: unknown,
): Promise<InputValidationResult<StandardSchemaV1.InferOutput<TSchema>>> {
  const result = await schema['~standard'].validate(input);
  if (result.issues === undefined) return { ok: true, value: result.value };
  const issues = result.issues.map(formatIssue);
  return {
    ok: false,
    error: new InvalidCallbackMessageError(
      `The callback input does not match its schema: ${issues.join('; ')}`,
      'input-invalid',
      issues,
    ),
  };
}

function formatIssue(issue: StandardSchemaV1.Issue): string {
  const path = issue.path
    ?.map((segment) => String(typeof segment === 'object' ? segment.key : segment))
    .join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}
