/**
 * A conformance run over HTTP: the corpus's execution cases whose only service is Lambda
 * run end to end through `serve` — CreateStateMachine / UpdateStateMachine, StartExecution
 * with `#TestCase`, DescribeExecution, GetExecutionHistory — with the Lambda answers
 * replayed from each recorded history as Step Functions Local's mock configuration file.
 * The engine's own harness compares the outcome and the history with the recording; every
 * case the engine passes directly must pass over HTTP too. Cases with Wait states or
 * retries (they would cost real seconds here), Lambda calls a mock cannot replay (a
 * timeout: no answer) and distributed Maps (their iterations' answers are in child
 * executions, not in the recorded history) are left out and counted. Skipped when the corpus is absent.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  type SFNClient,
  StartExecutionCommand,
  UpdateStateMachineCommand,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as direct from '../../../asl/conformance/engine.ts';
import { type ConformanceCase, loadCases } from '../../../asl/conformance/load-cases.ts';
import { type CaseResult, type EngineModule, runCase } from '../../../asl/conformance/run-case.ts';
import { pythonJsonDumps } from '../../../asl/conformance/services/python.ts';
import { recordedCalls } from '../../../asl/conformance/services/replay.ts';
import { type ServeProcess, startServe } from '../support/serve-process.js';
import { historyOf, localClient } from '../support/sfn-client.js';

const CORPUS = fileURLToPath(
  new URL('../../../../../shared/asl-conformance/cases', import.meta.url),
);
const present = existsSync(CORPUS);
/** The harness's identity of every case (run-case.ts). */
const MACHINE = 'conformance_machine';
const EXECUTION = 'conformance_execution';
const ACCOUNT = '111111111111';
const MACHINE_ARN = `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:${MACHINE}`;
const ROLE = `arn:aws:iam::${ACCOUNT}:role/sfn-test-role`;

type MockEntry = { Return: unknown } | { Throw: { Error: string; Cause: string } };

/** The recorded Lambda answers of a case, as a test case of a mock file; undefined when a mock cannot replay them. */
function mockedCase(
  testCase: ConformanceCase,
): Record<string, Record<string, MockEntry>> | undefined {
  const compact = JSON.stringify(testCase.expected).includes('{\\"errorMessage\\":\\"');
  const calls = recordedCalls(
    testCase.expected.history ?? [],
    compact ? JSON.stringify : pythonJsonDumps,
  );
  const byState: Record<string, Record<string, MockEntry>> = {};
  for (const call of calls) {
    if (call.stateName === undefined) return undefined;
    const entries = byState[call.stateName] ?? {};
    const { outcome } = call;
    if (outcome.kind === 'succeed')
      entries[Object.keys(entries).length] = { Return: outcome.output };
    else if (outcome.kind === 'fail') {
      entries[Object.keys(entries).length] = {
        Throw: { Error: outcome.error ?? '', Cause: outcome.cause ?? '' },
      };
    } else return undefined;
    byState[call.stateName] = entries;
  }
  return byState;
}

function selected(testCase: ConformanceCase): boolean {
  if (testCase.kind !== 'execution' || (testCase.childStateMachines ?? undefined)) return false;
  const services = (testCase.services ?? []) as string[];
  if (services.length === 0 || services.some((s) => s !== 'lambda')) return false;
  const text = JSON.stringify(testCase.definition);
  return !text.includes('"Wait"') && !text.includes('"Retry"');
}

/** A distributed Map's iterations run as child executions: their Lambda answers are not in the recorded history. */
function answersOutsideHistory(testCase: ConformanceCase): boolean {
  return JSON.stringify(testCase.definition).includes('"DISTRIBUTED"');
}

/** The engine module the harness drives, each execution run by serve over HTTP. */
function overHttp(sfn: SFNClient, current: { testCase: string }): EngineModule {
  return {
    ...direct,
    StateMachine: {
      ...direct.StateMachine,
      fromDefinition: (definition: string | object) => {
        direct.StateMachine.fromDefinition(definition); // refuses as the engine refuses
        return {
          definition,
          start: (options: { input: unknown }) => {
            const history: unknown[] = [];
            const { testCase } = current;
            const name = `${EXECUTION}_${testCase}`;
            const rename = (value: string) => value.replaceAll(name, EXECUTION);
            const result = (async () => {
              await sfn.send(
                new UpdateStateMachineCommand({
                  stateMachineArn: MACHINE_ARN,
                  definition:
                    typeof definition === 'string' ? definition : JSON.stringify(definition),
                }),
              );
              const { executionArn } = await sfn.send(
                new StartExecutionCommand({
                  stateMachineArn: `${MACHINE_ARN}#${testCase}`,
                  name,
                  input: JSON.stringify(options.input ?? {}),
                }),
              );
              let described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
              while (described.status === 'RUNNING') {
                await new Promise((resolve) => setTimeout(resolve, 10));
                described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
              }
              for (const event of await historyOf(sfn, executionArn as string)) {
                history.push({
                  ...JSON.parse(rename(JSON.stringify(event))),
                  timestamp: event.timestamp,
                });
              }
              return {
                status: described.status,
                ...(described.output !== undefined
                  ? { output: JSON.parse(rename(described.output)) }
                  : {}),
                ...(described.error !== undefined ? { error: described.error } : {}),
                ...(described.cause !== undefined ? { cause: rename(described.cause) } : {}),
              };
            })();
            return {
              result,
              history,
              stop: () => {},
              sendTaskSuccess: () => {},
              sendTaskFailure: () => {},
              sendTaskHeartbeat: () => {},
            };
          },
        };
      },
    } as unknown as typeof direct.StateMachine,
  };
}

describe.skipIf(!present)(
  'a conformance run over HTTP: Lambda cases replayed from a mock file',
  () => {
    let serve: ServeProcess;
    let sfn: SFNClient;
    const cases: { testCase: ConformanceCase; name: string }[] = [];
    let leftOut = 0;

    beforeAll(async () => {
      const testCases: Record<string, Record<string, string>> = {};
      const responses: Record<string, Record<string, MockEntry>> = {};
      for (const testCase of loadCases(CORPUS).filter(selected)) {
        const mocked = answersOutsideHistory(testCase) ? undefined : mockedCase(testCase);
        if (!mocked) {
          leftOut += 1;
          continue;
        }
        const name = `c${cases.length}`;
        testCases[name] = {};
        for (const [state, entries] of Object.entries(mocked)) {
          const response = `${name}_${state}`;
          testCases[name][state] = response;
          responses[response] = entries;
        }
        cases.push({ testCase, name });
      }
      const file = join(mkdtempSync(join(tmpdir(), 'sfn-conformance-')), 'MockConfigFile.json');
      writeFileSync(
        file,
        JSON.stringify({
          StateMachines: { [MACHINE]: { TestCases: testCases } },
          MockedResponses: responses,
        }),
      );
      serve = await startServe(['--account', ACCOUNT, '--mock-config', file]);
      sfn = localClient(serve.endpointUrl);
      await sfn.send(
        new CreateStateMachineCommand({
          name: MACHINE,
          roleArn: ROLE,
          definition: '{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}',
        }),
      );
    });

    afterAll(async () => {
      sfn?.destroy();
      if (serve && serve.child.exitCode === null) await serve.stop('SIGKILL');
    });

    it('passes over HTTP every Lambda case the engine passes directly', {
      timeout: 120_000,
    }, async () => {
      const current = { testCase: '' };
      const engine = overHttp(sfn, current);
      const results: { direct: CaseResult; http: CaseResult }[] = [];
      for (const { testCase, name } of cases) {
        current.testCase = name;
        results.push({
          direct: await runCase(testCase, direct as EngineModule),
          http: await runCase(testCase, engine),
        });
      }
      const passedDirect = results.filter((r) => r.direct.passed).length;
      const passedHttp = results.filter((r) => r.http.passed).length;
      console.log(
        `Lambda execution cases over HTTP: ${passedHttp}/${results.length} passed (${passedDirect} directly); ${leftOut} more not replayable by a mock`,
      );
      const lost = results
        .filter(({ direct: d, http: h }) => d.passed && !h.passed)
        .map(
          ({ http: h }) =>
            `${h.id}: ${JSON.stringify(h.differences[0])} ${JSON.stringify(h.actual).slice(0, 300)}`,
        );
      expect(lost).toEqual([]);
      expect(results.length).toBeGreaterThan(30);
    });
  },
);
