import { isJsonObject, type Json } from '../json.js';

/**
 * How States.Format prints an argument. AWS runs on Java and prints values as Java's
 * `toString` does: strings bare, `null`, numbers and booleans as text, objects as
 * `{Id=..., Name=...}` and lists as `[a, b]` (intrinsic_functions/test_context_json_path,
 * test_format_1#exec_hist_resp_3, test_format_2#exec_hist_resp_5).
 */
export function formatValue(value: Json): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return `[${value.map(formatValue).join(', ')}]`;
  if (isJsonObject(value)) {
    return `{${Object.entries(value)
      .map(([key, item]) => `${key}=${formatValue(item)}`)
      .join(', ')}}`;
  }
  return String(value);
}
