/**
 * Whether a string is a JSONata expression `{% ... %}`: it must start with `{%` and end
 * with `%}`, with nothing (not even a space) outside them. Any other string is a literal.
 */
export function isJsonataExpression(value: unknown): value is string {
  return (
    typeof value === 'string' && value.length >= 4 && value.startsWith('{%') && value.endsWith('%}')
  );
}

/**
 * The expression between `{%` and `%}`, trimmed: the text AWS quotes in its error causes
 * (`{% 'string' %}` is quoted as `''string''`).
 */
export function jsonataExpressionBody(value: string): string {
  return value.slice(2, -2).trim();
}
