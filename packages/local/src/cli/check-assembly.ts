import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CliUsageError } from './cli-usage-error.js';

/**
 * Checks that `directory` looks like a cloud assembly before the runner opens it, so each
 * way it can be wrong gets its own line: missing, not a directory, no `manifest.json`, a
 * `manifest.json` that is not JSON (an interrupted `cdk synth`).
 *
 * @throws CliUsageError naming the problem and what to do.
 */
export function checkAssembly(directory: string): void {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(directory).isDirectory();
  } catch {
    throw new CliUsageError(
      `${directory} does not exist: run \`cdk synth\` first, or pass its output directory with --app`,
    );
  }
  if (!isDirectory) {
    throw new CliUsageError(
      `${directory} is a file, not a cloud assembly directory: pass the output directory of \`cdk synth\` with --app`,
    );
  }
  const manifest = join(directory, 'manifest.json');
  let text: string;
  try {
    text = readFileSync(manifest, 'utf8');
  } catch {
    throw new CliUsageError(
      `${directory} is not a cloud assembly (no manifest.json): run \`cdk synth\` first, or pass its output directory with --app`,
    );
  }
  try {
    JSON.parse(text);
  } catch (error) {
    throw new CliUsageError(
      `${manifest} is not JSON (${(error as Error).message}): run \`cdk synth\` again`,
    );
  }
}
