import type { Json } from '../../src/json.ts';
import { fail, type Outcome, succeed } from './outcome.ts';
import { pythonStr } from './python.ts';

/**
 * The Lambda functions of a case, emulated from the words of `lambdaFunctions`
 * ("identity: returns its event unchanged", "raises a plain Python Exception('...')", ...).
 */

/** What one function does with its event. */
export type LambdaBehaviour = (event: Json) => Outcome;

/** The cause text a Python Lambda's unhandled exception gives (`requestId`/`stackTrace` are never compared). */
function pythonErrorCause(errorType: string, errorMessage: string): string {
  return JSON.stringify({
    errorMessage,
    errorType,
    requestId: '00000000-0000-4000-8000-000000000000',
    stackTrace: ['  File "/var/task/handler.py", line 2, in handler\n'],
  });
}

function functionError(errorType: string, errorMessage: string): Outcome {
  return fail(errorType, pythonErrorCause(errorType, errorMessage));
}

/** Reads one description; undefined when the words are not understood. */
export function lambdaBehaviour(description: string): LambdaBehaviour | undefined {
  if (/^identity\b/.test(description)) return (event) => succeed(event);
  let match = /raises a plain Python Exception\('((?:[^'\\]|\\.)*)'\)/.exec(description);
  if (match) {
    const message = match[1] as string;
    return () => functionError('Exception', message);
  }
  match =
    /raises a user-defined exception class (\w+)(?: \(its message attribute is '((?:[^'\\]|\\.)*)', no args\))?/.exec(
      description,
    );
  if (match) {
    const name = match[1] as string;
    // str() of an exception raised without args is '' (the message attribute is not used).
    const message = /no args/.test(description) ? '' : (match[2] ?? '');
    return () => functionError(name, message);
  }
  match = /sleeps (\d+) seconds?, then returns its event/.exec(description);
  if (match) {
    const ms = Number(match[1]) * 1000;
    return (event) => ({ kind: 'sleep', ms, after: succeed(event) });
  }
  match = /returns the Python bytes value b'((?:[^'\\]|\\.)*)'/.exec(description);
  if (match) {
    // Lambda sends the bytes as the response payload: JSON text.
    const text = (match[1] as string).replace(/\\(.)/g, '$1');
    return () => {
      try {
        return succeed(JSON.parse(text) as Json);
      } catch {
        return succeed(text);
      }
    };
  }
  match = /returns a (\d+) KiB string of '(.)' characters/.exec(description);
  if (match) {
    const text = (match[2] as string).repeat(Number(match[1]) * 1024);
    return () => succeed(text);
  }
  match = /returns the constant (.+?) \(Python/.exec(description);
  if (match) {
    const value = JSON.parse(match[1] as string) as Json;
    return () => succeed(value);
  }
  match = /returns the string '((?:[^'\\]|\\.)*)' followed by Python's str\(\) of the event/.exec(
    description,
  );
  if (match) {
    const prefix = match[1] as string;
    return (event) => succeed(prefix + pythonStr(event));
  }
  return undefined;
}

/** The case's functions by ARN and by name, as `FunctionName` may give either. */
export class LambdaFunctions {
  private readonly byKey = new Map<string, { description: string; behaviour?: LambdaBehaviour }>();

  constructor(descriptions: Record<string, string> = {}) {
    for (const [arn, description] of Object.entries(descriptions)) {
      const entry = { description, behaviour: lambdaBehaviour(description) };
      this.byKey.set(arn, entry);
      const name = /:function:([^:]+)/.exec(arn)?.[1];
      if (name) this.byKey.set(name, entry);
      const named = /function name (\S+)$/.exec(description)?.[1];
      if (named) this.byKey.set(named, entry);
    }
  }

  /** The function a `FunctionName` (name, ARN, or ARN with a qualifier) or a legacy resource ARN names. */
  find(nameOrArn: string): { description: string; behaviour?: LambdaBehaviour } | undefined {
    const direct = this.byKey.get(nameOrArn);
    if (direct) return direct;
    const name = /:function:([^:]+)/.exec(nameOrArn)?.[1];
    return name ? this.byKey.get(name) : undefined;
  }

  /** Invokes a function; a missing one fails like AWS's ResourceNotFoundException. */
  invoke(nameOrArn: string, event: Json, errorPrefix: string): Outcome {
    const entry = this.find(nameOrArn);
    if (!entry) {
      return fail(
        `${errorPrefix}ResourceNotFoundException`,
        `Function not found: ${nameOrArn} (Service: Lambda, Status Code: 404)`,
      );
    }
    if (!entry.behaviour) {
      return fail('Conformance.Unsupported', `lambda behaviour not emulated: ${entry.description}`);
    }
    return entry.behaviour(event);
  }
}

/** Wraps a function's outcome in the `lambda:invoke` integration's answer shape. */
export function invokeResult(outcome: Outcome): Outcome {
  switch (outcome.kind) {
    case 'succeed':
      return succeed({ ExecutedVersion: '$LATEST', Payload: outcome.output, StatusCode: 200 });
    case 'sleep':
      return { kind: 'sleep', ms: outcome.ms, after: invokeResult(outcome.after) };
    default:
      return outcome;
  }
}
