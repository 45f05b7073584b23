import type { Json } from '../../src/json.ts';
import { isJsonObject } from '../../src/json.ts';
import type { Responder } from '../load-cases.ts';
import { fail, hang, succeed, type TokenAnswer } from './outcome.ts';

/** The message a `.waitForTaskToken` call carried: SQS `MessageBody`, SNS `Message`, as text. */
export function carriedMessage(parameters: Json): string | undefined {
  if (!isJsonObject(parameters)) return undefined;
  const body = parameters.MessageBody ?? parameters.Message;
  if (body === undefined) return undefined;
  return typeof body === 'string' ? body : JSON.stringify(body);
}

function parse(text: string): Json | undefined {
  try {
    return JSON.parse(text) as Json;
  } catch {
    return undefined;
  }
}

/**
 * What the case's responder does with the message a `.waitForTaskToken` task sent
 * (corpus field `responder`): which token it answers, after how long, with how many
 * heartbeats, and how. `undefined` token: the responder cannot read one (nothing answers).
 */
export function responderAnswer(
  responder: Responder,
  parameters: Json,
): { readonly token: string | undefined; readonly answer: TokenAnswer } {
  const none = { token: undefined, answer: { delayMs: 0, heartbeats: 0, after: hang } };
  if (responder.kind === 'none') return none;
  const message = carriedMessage(parameters);
  if (message === undefined) return none;
  let body = parse(message);
  // An SNS notification delivered to SQS: the token is in the notification's Message.
  if (responder.kind === 'sns-to-sqs-subscriber' && typeof body === 'string') body = parse(body);
  if (!isJsonObject(body) || typeof body.TaskToken !== 'string') return none;
  const action = responder.action ?? '';
  const description = responder.description ?? '';
  const heartbeats = /(\d+) x SendTaskHeartbeat/.exec(action)?.[1];
  const waits = /waits (\d+) seconds/.exec(description)?.[1];
  // A worker polls about once a second; a reader thread answers at once.
  const delayMs = (waits ? Number(waits) * 1000 : 0) + (responder.kind === 'sqs-worker' ? 1000 : 0);
  let last = hang;
  if (/SendTaskSuccess$/.test(action)) {
    let output: Json = {};
    if (responder.output === 'message.Body') output = parse(message) ?? message;
    else if (
      /JSON\.stringify\(JSON\.parse\(message\.Body\)\.Message\)/.test(responder.output ?? '')
    ) {
      output = (body.Message ?? null) as Json;
    } else if (responder.output !== undefined) output = parse(responder.output) ?? responder.output;
    else if (/output = '(\{.*?\})'/.test(description)) {
      output = parse(/output = '(\{.*?\})'/.exec(description)?.[1] ?? '{}') ?? {};
    }
    last = succeed(output);
  } else if (/SendTaskFailure$/.test(action)) {
    last = fail(responder.error, responder.cause);
  }
  return {
    token: body.TaskToken,
    answer: {
      delayMs,
      heartbeats: heartbeats ? Number(heartbeats) : /SendTaskHeartbeat/.test(action) ? 1 : 0,
      after: last,
    },
  };
}
