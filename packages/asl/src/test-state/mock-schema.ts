import { isJsonObject, type Json } from '../json.js';
import type { TaskResource } from '../task-handler.js';
import { validationError } from './test-state-error.js';
import type { MockFieldValidationMode } from './types.js';

/** A field's type and range in a service API's response, as far as TestState checks it. */
type FieldRule =
  | { readonly type: 'integer' | 'number'; readonly min?: number; readonly max?: number }
  | { readonly type: 'string' | 'boolean' }
  | { readonly type: 'object'; readonly fields: Shape }
  | { readonly type: 'array'; readonly items?: FieldRule };

type Shape = Readonly<Record<string, FieldRule>>;

const str = { type: 'string' } as const;
const num = { type: 'number' } as const;
const int = (min?: number, max?: number): FieldRule => ({
  type: 'integer',
  ...(min !== undefined ? { min } : {}),
  ...(max !== undefined ? { max } : {}),
});
const obj = (fields: Shape): FieldRule => ({ type: 'object', fields });

const CONSUMED_CAPACITY = obj({
  TableName: str,
  CapacityUnits: num,
  ReadCapacityUnits: num,
  WriteCapacityUnits: num,
});
const DYNAMODB_WRITE: Shape = { ConsumedCapacity: CONSUMED_CAPACITY };

/**
 * The response fields TestState checks a mocked result against, per API action
 * (`<service>:<action>`, optimised and `aws-sdk:` integrations alike). Recorded:
 * Lambda GetFunction's `Configuration.MemorySize` is 128..10240, DynamoDB's
 * `ConsumedCapacity.CapacityUnits` a number. Actions not listed are not checked.
 */
const RESPONSE_SHAPES: Readonly<Record<string, Shape>> = {
  'lambda:getFunction': {
    Configuration: obj({
      FunctionName: str,
      FunctionArn: str,
      Runtime: str,
      Role: str,
      Handler: str,
      CodeSize: int(),
      Description: str,
      Timeout: int(1),
      MemorySize: int(128, 10240),
      LastModified: str,
      Version: str,
    }),
  },
  'lambda:invoke': { StatusCode: int(), FunctionError: str, ExecutedVersion: str },
  'dynamodb:putItem': DYNAMODB_WRITE,
  'dynamodb:updateItem': DYNAMODB_WRITE,
  'dynamodb:deleteItem': DYNAMODB_WRITE,
  'dynamodb:getItem': DYNAMODB_WRITE,
  'sqs:sendMessage': { MD5OfMessageBody: str, MessageId: str, SequenceNumber: str },
  'sns:publish': { MessageId: str, SequenceNumber: str },
};

/** The API action a Task's resource calls, as `RESPONSE_SHAPES` names it. */
function actionKey(resource: TaskResource): string {
  return `${resource.resourceType.replace(/^aws-sdk:/, '')}:${resource.action}`;
}

/**
 * Checks a mocked Task result against its API's response shape (STRICT and PRESENT check
 * the fields present; NONE checks nothing).
 *
 * @throws TestStateRequestError `ValidationException` worded as AWS words it.
 */
export function checkMockSchema(
  result: Json,
  resource: TaskResource | undefined,
  mode: MockFieldValidationMode,
): void {
  if (mode === 'NONE' || !resource || resource.legacyLambda) return;
  const shape = RESPONSE_SHAPES[actionKey(resource)];
  if (!shape || !isJsonObject(result)) return;
  checkShape(result, shape);
}

function checkShape(value: Record<string, Json>, shape: Shape): void {
  for (const [field, rule] of Object.entries(shape)) {
    if (field in value) checkField(field, value[field] as Json, rule);
  }
}

function fail(field: string, problem: string): never {
  throw validationError(`Mock result schema validation error: Field '${field}' ${problem}`);
}

function checkField(field: string, value: Json, rule: FieldRule): void {
  if (value === null) return;
  switch (rule.type) {
    case 'integer':
    case 'number':
      if (typeof value !== 'number') fail(field, 'must be a number');
      if (rule.type === 'integer' && !Number.isInteger(value)) fail(field, 'must be an integer');
      if (rule.min !== undefined && value < rule.min) fail(field, 'is less than the minimum value');
      if (rule.max !== undefined && value > rule.max) fail(field, 'exceeds the maximum value');
      return;
    case 'string':
      if (typeof value !== 'string') fail(field, 'must be a string');
      return;
    case 'boolean':
      if (typeof value !== 'boolean') fail(field, 'must be a boolean');
      return;
    case 'object':
      if (!isJsonObject(value)) fail(field, 'must be an object');
      checkShape(value, rule.fields);
      return;
    case 'array':
      if (!Array.isArray(value)) fail(field, 'must be an array');
      if (rule.items) for (const item of value) checkField(field, item, rule.items);
      return;
  }
}
