import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
// A config and credentials file that do not exist: the user's own never leak into a test.
const nowhere = join(mkdtempSync(join(tmpdir(), 'sfn-local-aws-cli-')), 'none');

/** What an `aws stepfunctions …` call gave: its parsed JSON output, or its error text. */
// biome-ignore lint/suspicious/noExplicitAny: the CLI's JSON output, checked by the expectations
export type AwsCliResult = { ok: boolean; json?: any; error?: string };

/**
 * Runs `aws stepfunctions <args>` against `endpointUrl` with throwaway credentials, the AWS
 * CLI v1's `AWS_DEFAULT_REGION`, no pager and no user configuration; `env` adds variables.
 */
export async function awsStepFunctions(
  endpointUrl: string,
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
): Promise<AwsCliResult> {
  try {
    const { stdout } = await run(
      'aws',
      ['stepfunctions', ...args, '--endpoint-url', endpointUrl, '--output', 'json'],
      {
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '',
          AWS_DEFAULT_REGION: 'us-east-1',
          AWS_ACCESS_KEY_ID: 'local',
          AWS_SECRET_ACCESS_KEY: 'local',
          AWS_CONFIG_FILE: nowhere,
          AWS_SHARED_CREDENTIALS_FILE: nowhere,
          AWS_PAGER: '',
          ...env,
        },
      },
    );
    return { ok: true, json: stdout.trim() === '' ? {} : JSON.parse(stdout) };
  } catch (error) {
    return { ok: false, error: String((error as { stderr?: string }).stderr ?? error) };
  }
}
