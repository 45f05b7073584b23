import { App, Stack } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { describe, expectTypeOf, it } from 'vitest';
import {
  CallbackTask,
  type CallbackTaskJsonataProps,
  type CallbackTaskJsonPathProps,
} from '../src/index.js';

// Types only (vitest typecheck): the factories take the props of their query language.
const stack = new Stack(new App(), 'S');
const queue = new sqs.Queue(stack, 'Q');

describe('CallbackTask factory props', () => {
  it('jsonata: JSONata options, no JSONPath-only field', () => {
    CallbackTask.jsonata(stack, 'A', { queue, outputs: { approved: '{% $states.result %}' } });
    CallbackTask.jsonata(stack, 'B', { queue, assign: { x: 1 }, comment: 'c' });
    // @ts-expect-error inputPath is JSONPath-only
    CallbackTask.jsonata(stack, 'C', { queue, inputPath: '$.order' });
    // @ts-expect-error outputPath is JSONPath-only
    CallbackTask.jsonata(stack, 'D', { queue, outputPath: '$.x' });
    // @ts-expect-error resultPath is JSONPath-only
    CallbackTask.jsonata(stack, 'E', { queue, resultPath: '$.result' });
    // @ts-expect-error resultSelector is JSONPath-only
    CallbackTask.jsonata(stack, 'F', { queue, resultSelector: { a: '$.a' } });
    // @ts-expect-error the factory sets the query language
    CallbackTask.jsonata(stack, 'G', { queue, queryLanguage: sfn.QueryLanguage.JSONATA });
    expectTypeOf<CallbackTaskJsonataProps>().not.toHaveProperty('inputPath');
    expectTypeOf<CallbackTaskJsonataProps>().toHaveProperty('outputs');
  });

  it('jsonPath: JSONPath options, not JSONata outputs', () => {
    CallbackTask.jsonPath(stack, 'H', { queue, inputPath: '$.order', resultPath: '$.result' });
    // @ts-expect-error outputs is JSONata-only
    CallbackTask.jsonPath(stack, 'I', { queue, outputs: {} });
    expectTypeOf<CallbackTaskJsonPathProps>().not.toHaveProperty('outputs');
  });

  it('neither factory takes the fields the construct owns', () => {
    const integrationPattern = sfn.IntegrationPattern.REQUEST_RESPONSE;
    const taskTimeout = sfn.Timeout.at('$.t');
    // @ts-expect-error the integration pattern is always WAIT_FOR_TASK_TOKEN
    CallbackTask.jsonata(stack, 'J', { queue, integrationPattern });
    // @ts-expect-error timeouts are `timeout` and `heartbeat`
    CallbackTask.jsonPath(stack, 'K', { queue, taskTimeout });
  });
});
