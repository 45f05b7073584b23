import { createHash } from 'node:crypto';
import type { Json, JsonObject } from '../../src/json.ts';
import { isJsonObject } from '../../src/json.ts';
import type { TaskRequest } from '../../src/task-handler.ts';
import { fail, type Outcome, succeed } from './outcome.ts';

/**
 * An in-memory stand-in for the services a case uses when nothing recorded says what they
 * answered: SQS queues, SNS topics, DynamoDB tables, Secrets Manager.
 */
export class EmulatedAws {
  /** Messages sent, by queue URL (responders read them). */
  readonly queues = new Map<string, string[]>();
  readonly published: { topicArn: string; message: string }[] = [];
  readonly tables = new Map<string, Map<string, JsonObject>>();
  private readonly uuid: () => string;

  constructor(uuid: () => string) {
    this.uuid = uuid;
  }

  /** The answer of one call, or undefined when the service or action is not emulated. */
  call(request: Pick<TaskRequest, 'resource' | 'parameters'>): Outcome | undefined {
    const params = isJsonObject(request.parameters) ? request.parameters : {};
    const service = request.resource.arn.startsWith('arn:aws:states:::aws-sdk:')
      ? (request.resource.arn.split(':')[6] ?? request.resource.resourceType)
      : request.resource.resourceType;
    const action = request.resource.action;
    const sdk = request.resource.arn.includes(':aws-sdk:');
    switch (`${service}:${action}`) {
      case 'sqs:sendMessage':
        return this.sendMessage(params);
      case 'sns:publish':
        return this.publish(params);
      case 'dynamodb:putItem':
      case 'dynamodb:getItem':
      case 'dynamodb:deleteItem':
      case 'dynamodb:updateItem':
        return this.dynamodb(action, params, sdk ? 'DynamoDb.' : 'DynamoDB.');
      default:
        return undefined;
    }
  }

  private sendMessage(params: JsonObject): Outcome {
    const url = String(params.QueueUrl ?? '');
    const body =
      typeof params.MessageBody === 'string'
        ? params.MessageBody
        : JSON.stringify(params.MessageBody);
    const queue = this.queues.get(url) ?? [];
    queue.push(body);
    this.queues.set(url, queue);
    return succeed({
      MD5OfMessageBody: createHash('md5').update(body).digest('hex'),
      MessageId: this.uuid(),
    });
  }

  private publish(params: JsonObject): Outcome {
    const message =
      typeof params.Message === 'string' ? params.Message : JSON.stringify(params.Message);
    this.published.push({ topicArn: String(params.TopicArn ?? ''), message });
    return succeed({ MessageId: this.uuid() });
  }

  private dynamodb(action: string, params: JsonObject, prefix: string): Outcome {
    const tableName = String(params.TableName ?? '');
    const table = this.tables.get(tableName) ?? new Map<string, JsonObject>();
    this.tables.set(tableName, table);
    const keyOf = (item: Json | undefined) => JSON.stringify(item ?? null);
    switch (action) {
      case 'putItem': {
        const item = isJsonObject(params.Item) ? params.Item : {};
        // Without a key schema, the first attribute stands for the key.
        const first = Object.keys(item)[0];
        table.set(keyOf(first === undefined ? null : { [first]: item[first] as Json }), item);
        return succeed({});
      }
      case 'getItem': {
        const item = table.get(keyOf(params.Key));
        return succeed(item ? { Item: item } : {});
      }
      case 'deleteItem':
        table.delete(keyOf(params.Key));
        return succeed({});
      case 'updateItem':
        return succeed({});
      default:
        return fail(`${prefix}AmazonDynamoDBException`, `unsupported action ${action}`);
    }
  }
}
