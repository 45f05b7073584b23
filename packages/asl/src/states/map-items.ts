import type { ActiveState } from '../execution/active-state.js';
import { isJsonObject, type Json } from '../json.js';
import { fieldError, StatesErrors } from '../states-error.js';

/** The items: JSONPath `ItemsPath` over the effective input, JSONata `Items`, or the input itself. */
export async function mapItems(run: ActiveState, input: Json): Promise<Json[]> {
  const state = run.state;
  let items: Json;
  if (run.jsonata) {
    items = state.Items === undefined ? input : await run.evaluate(state.Items, 'Items');
    if (state.Items !== undefined && !Array.isArray(items)) {
      const expression = String(state.Items).replace(/^\{%\s*|\s*%\}$/g, '');
      const error = fieldError(
        StatesErrors.QueryEvaluationError,
        `The JSONata expression '${expression}' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was '${typeName(items)}' for value: ${JSON.stringify(items)}`,
      );
      error.location = 'Items';
      throw error;
    }
  } else {
    items =
      typeof state.ItemsPath === 'string' ? run.path(state.ItemsPath, input, 'ItemsPath') : input;
  }
  if (!Array.isArray(items)) {
    throw fieldError(
      StatesErrors.QueryEvaluationError,
      `Map state input must be an array but was: ${JSON.stringify(items)}`,
    );
  }
  return items;
}

/** One item's input: `ItemSelector` (or legacy `Parameters`) with `$$.Map.Item`, else the item. */
export async function selectItem(
  run: ActiveState,
  selector: Json | undefined,
  input: Json,
  index: number,
  value: Json,
): Promise<Json> {
  if (selector === undefined) return value;
  const item = run.withContext({ ...run.context, Map: { Item: { Index: index, Value: value } } });
  return item.jsonata ? item.evaluate(selector, 'ItemSelector') : item.template(selector, input);
}

function typeName(value: Json): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (isJsonObject(value)) return 'object';
  return typeof value;
}

/** The Map Run's ARN, as AWS forms it: `...:mapRun:<machine>/<label>:<id>`. */
export function mapRunArn(run: ActiveState): string {
  const { identity, random } = run.frame.run;
  const label = typeof run.state.Label === 'string' ? run.state.Label : random.uuid().slice(0, 8);
  return `${identity.stateMachineArn.replace(':stateMachine:', ':mapRun:')}/${label}:${random.uuid()}`;
}
