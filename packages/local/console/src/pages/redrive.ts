import { isExpressExecutionArn } from '../../../src/model/arns.js';
import { SfnError, sfn } from '../api.js';

/** The statuses RedriveExecution accepts (AWS: a Standard execution that ended so). */
const REDRIVABLE_STATUSES: ReadonlySet<string> = new Set(['FAILED', 'TIMED_OUT', 'ABORTED']);

/**
 * Whether the console offers Redrive for an execution: a Standard one that ended FAILED,
 * TIMED_OUT or ABORTED. The API still has the last word (the 14-day window, a deleted state
 * machine…): its refusal is shown as AWS words it.
 */
export function offersRedrive(execution: {
  readonly executionArn: string;
  readonly status: string;
}): boolean {
  return (
    REDRIVABLE_STATUSES.has(execution.status) && !isExpressExecutionArn(execution.executionArn)
  );
}

/**
 * Redrives an execution through RedriveExecution, as the AWS CLI does (with a fresh
 * `clientToken`, so a request the browser retries is one redrive), and says how it went;
 * when AWS refuses, its error type and message.
 */
export async function redriveExecution(
  executionArn: string,
): Promise<{ readonly ok: boolean; readonly message: string }> {
  const name = executionArn.split(':').at(-1) ?? executionArn;
  try {
    await sfn('RedriveExecution', { executionArn, clientToken: crypto.randomUUID() });
    return { ok: true, message: `Redrove ${name}.` };
  } catch (error) {
    return {
      ok: false,
      message: `Redrive failed — ${error instanceof SfnError ? `${error.type}: ${error.message}` : String(error)}`,
    };
  }
}
