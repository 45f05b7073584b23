import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { StateMachineTestError } from '../errors.js';

/**
 * Reads an ASL file: JSON (`.json`, `.asl.json`) or YAML (`.yaml`, `.yml`, `.asl.yaml`),
 * as the Step Functions console and the AWS Toolkit save them.
 *
 * @throws StateMachineTestError `LOAD` when the file cannot be read or parsed.
 */
export function readDefinitionFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new StateMachineTestError(
      'LOAD',
      `cannot read the state machine file ${path}: ${(error as Error).message}`,
    );
  }
  const yaml = ['.yaml', '.yml'].includes(extname(path).toLowerCase());
  let parsed: unknown;
  try {
    parsed = yaml ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    throw new StateMachineTestError(
      'LOAD',
      `${path} is not ${yaml ? 'YAML' : 'JSON'}: ${(error as Error).message}${yaml ? '' : ' (name a YAML file .yaml or .yml)'}`,
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new StateMachineTestError(
      'LOAD',
      `${path} must hold a state machine definition (an object with StartAt and States)`,
    );
  }
  return parsed as Record<string, unknown>;
}
