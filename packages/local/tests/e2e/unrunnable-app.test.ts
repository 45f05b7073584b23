/**
 * An app with a Task local can neither emulate nor mock: `serve` starts anyway (so a user
 * can list its state machines, e.g. to write the mock file), warns naming the state and how
 * to mock it, and an execution that reaches that state fails there with an error naming
 * the state, the resource and both ways forward; `run` keeps refusing it up front.
 */
import {
  ListStateMachinesCommand,
  type SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { removeFixtures, synthFixture } from '../fixtures/fixture-app.js';
import { type ServeProcess, startServe } from '../support/serve-process.js';
import { historyOf, localClient, waitForEnd } from '../support/sfn-client.js';

const RESOURCE = 'arn:aws:states:::aws-sdk:dynamodb:describeTable';

describe('an app with a Task local can neither emulate nor mock', () => {
  let app: string;
  let serve: ServeProcess;
  let sfn: SFNClient;

  beforeAll(async () => {
    app = await synthFixture({ unsupportedTask: true });
    serve = await startServe(['--app', app, '--no-console', '--no-workers']);
    sfn = localClient(serve.endpointUrl);
  }, 60_000);

  afterAll(async () => {
    sfn?.destroy();
    if (serve && serve.child.exitCode === null) await serve.stop('SIGKILL');
    removeFixtures();
  });

  it('serve starts, warns naming the state, the resource and how to mock it, and lists both state machines', async () => {
    expect(serve.stderr()).toMatch(
      /^Warning {4}state machine Unsupported: state "Describe Table" uses /m,
    );
    expect(serve.stderr()).toContain(RESOURCE);
    expect(serve.stderr()).toContain('--mock-config');
    const listed = await sfn.send(new ListStateMachinesCommand({}));
    expect(listed.stateMachines?.map((m) => m.name).sort()).toEqual(
      expect.arrayContaining(['Unsupported']),
    );
    expect(listed.stateMachines).toHaveLength(2);
  });

  it('an execution runs until that state and fails there, naming the state, the resource and both ways forward', async () => {
    const listed = await sfn.send(new ListStateMachinesCommand({}));
    const arn = listed.stateMachines?.find((m) => m.name === 'Unsupported')?.stateMachineArn;
    const started = await sfn.send(new StartExecutionCommand({ stateMachineArn: arn }));
    const ended = await waitForEnd(sfn, started.executionArn as string);
    expect(ended.status).toBe('FAILED');
    expect(ended.error).toBe('States.Runtime');
    expect(ended.cause).toContain('state "Describe Table" of state machine Unsupported');
    expect(ended.cause).toContain(RESOURCE);
    expect(ended.cause).toContain('mock it');
    expect(ended.cause).toContain('use a service local emulates');
    const types = (await historyOf(sfn, started.executionArn as string)).map((e) => e.type);
    // The Pass before it ran.
    expect(types).toContain('PassStateExited');
    expect(types.at(-1)).toBe('ExecutionFailed');
  });

  it('run refuses the app up front, naming the state', async () => {
    const err: string[] = [];
    const stop = new AbortController();
    const code = await main(
      ['run', '--app', app, '--state-machine', 'Unsupported'],
      { out: () => {}, err: (t) => err.push(t), interactive: false },
      stop.signal,
    );
    stop.abort();
    expect(code).toBe(2);
    expect(err.join('\n')).toContain('state "Describe Table" uses');
  });
});
