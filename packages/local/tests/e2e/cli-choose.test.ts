import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';

// An app with a choice to make: the CLI's line names the option that makes it.

const created: string[] = [];

afterAll(() => {
  for (const dir of created) rmSync(dir, { recursive: true, force: true });
});

/** Synthesizes one stack per entry, each with that many Pass-only state machines. */
function synth(machinesPerStack: readonly number[]): string {
  const outdir = mkdtempSync(join(tmpdir(), 'sfn-callback-cli-choose-'));
  created.push(outdir);
  const app = new App({ outdir });
  machinesPerStack.forEach((machines, index) => {
    const stack = new Stack(app, `Stack${String.fromCharCode(65 + index)}`);
    for (let machine = 0; machine < machines; machine++) {
      new sfn.StateMachine(stack, `Machine${machine}`, {
        definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(stack, `Pass${machine}`)),
      });
    }
  });
  app.synth();
  return outdir;
}

async function cliError(args: string[]): Promise<{ code: number; err: string }> {
  const err: string[] = [];
  const stop = new AbortController();
  const code = await main(
    args,
    { out: () => {}, err: (t) => err.push(t), interactive: false },
    stop.signal,
  );
  stop.abort();
  return { code, err: err.join('\n') };
}

describe('the CLI names the option to choose with', () => {
  it('several stacks with a state machine: --stack', async () => {
    expect(await cliError(['run', '--app', synth([1, 1])])).toEqual({
      code: 2,
      err: 'sfn-callback-local: several stacks hold a state machine (StackA, StackB): choose one with --stack <name>',
    });
  });

  it('several state machines in the stack: --state-machine', async () => {
    expect(await cliError(['run', '--app', synth([2])])).toMatchObject({
      code: 2,
      err: expect.stringMatching(
        /^sfn-callback-local: the stack has 2 state machines \(.+, .+\): choose one with --state-machine <name>$/,
      ),
    });
  });
});
