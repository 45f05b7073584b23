/**
 * The SQS message body a callback task sends, built from the contract of
 * `@sfn-callback/task-token` (never retyped here): `{ "TaskToken": <token>, "Input": <input> }`.
 */
import {
  CALLBACK_MESSAGE_JSONATA,
  CALLBACK_MESSAGE_JSONPATH,
} from '@sfn-callback/task-token/contract';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';

/** Suffix that marks a JSONPath expression field in `Parameters`. */
const JSONPATH_FIELD_SUFFIX = '.$';

/**
 * The message body of a callback task as a `TaskInput`, for the given query language.
 *
 * - JSONPath: `{ "TaskToken.$": "$$.Task.Token", "Input.$": "$" }` in `Parameters`.
 * - JSONata: `{ "TaskToken": "{% $states.context.Task.Token %}", "Input": "{% $states.input %}" }`
 *   in `Arguments`.
 *
 * The JSONPath form is turned into `JsonPath.stringAt(...)` tokens so that aws-cdk-lib sees
 * the task token (it refuses `.waitForTaskToken` without one) and renders the `.$` keys itself.
 *
 * @param queryLanguage - the query language of the state that sends the message.
 */
export function callbackMessageBody(queryLanguage: sfn.QueryLanguage): sfn.TaskInput {
  if (queryLanguage === sfn.QueryLanguage.JSONATA) {
    return sfn.TaskInput.fromObject({ ...CALLBACK_MESSAGE_JSONATA });
  }
  const body: Record<string, string> = {};
  for (const [key, path] of Object.entries(CALLBACK_MESSAGE_JSONPATH)) {
    if (key.endsWith(JSONPATH_FIELD_SUFFIX)) {
      body[key.slice(0, -JSONPATH_FIELD_SUFFIX.length)] = sfn.JsonPath.stringAt(path);
    } else {
      body[key] = path;
    }
  }
  return sfn.TaskInput.fromObject(body);
}
