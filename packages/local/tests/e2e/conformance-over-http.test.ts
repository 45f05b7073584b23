/**
 * The conformance corpus's TestState and CreateStateMachine cases (`test_state`,
 * `test_state_exception`, `create_rejected`, recorded against AWS) through the real API of
 * `serve`, with the engine's own harness: its `testState` and `fromDefinition` are swapped
 * for SDK calls over HTTP. Every case the engine passes when called directly must pass over
 * HTTP too, so a difference is the endpoint's (request checks, shapes, error mapping) —
 * except the TestState cases of an unmocked Task, which the harness answers from the
 * recorded service calls and `serve` cannot (it has no such function): those are counted,
 * not required. Skipped when the corpus (not part of the repository) is absent.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CreateStateMachineCommand, type SFNClient, TestStateCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as direct from '../../../asl/conformance/engine.ts';
import { type ConformanceCase, loadCases } from '../../../asl/conformance/load-cases.ts';
import { type CaseResult, type EngineModule, runCase } from '../../../asl/conformance/run-case.ts';
import { type ServeProcess, startServe } from '../support/serve-process.js';
import { localClient } from '../support/sfn-client.js';

const CORPUS = fileURLToPath(
  new URL('../../../../../shared/asl-conformance/cases', import.meta.url),
);
const KINDS = new Set(['test_state', 'test_state_exception', 'create_rejected']);
const present = existsSync(CORPUS);
if (!present) {
  console.warn(
    `\n*** No conformance corpus at ${CORPUS}: the conformance-over-HTTP test is SKIPPED. ***\n`,
  );
}

const text = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

/** A TestState case of a Task state without a mock: it calls the recorded service. */
function needsRecordedService(testCase: ConformanceCase): boolean {
  if (testCase.kind !== 'test_state') return false;
  const request = (testCase.testState?.request ?? {}) as Record<string, unknown>;
  if (request.mock !== undefined) return false;
  const definition = (
    typeof testCase.definition === 'string' ? JSON.parse(testCase.definition) : testCase.definition
  ) as Record<string, unknown>;
  const state =
    typeof request.stateName === 'string'
      ? (definition.States as Record<string, Record<string, unknown>> | undefined)?.[
          request.stateName
        ]
      : definition;
  return state?.Type === 'Task';
}

/** The engine module the harness drives, with TestState and CreateStateMachine over HTTP. */
function overHttp(sfn: SFNClient, created: Map<string, unknown>): EngineModule {
  return {
    ...direct,
    testState: async (request) => {
      const { definition, ...rest } = request as unknown as Record<string, unknown>;
      try {
        const answer = await sfn.send(
          new TestStateCommand({ ...(rest as object), definition: text(definition) } as never),
        );
        const { $metadata: _m, ...response } = answer as unknown as Record<string, unknown>;
        return response as never;
      } catch (error) {
        const { name, message } = error as Error;
        if (name === 'ValidationException' || name === 'InvalidDefinition') {
          throw new direct.TestStateRequestError(name, message);
        }
        throw error;
      }
    },
    StateMachine: {
      ...direct.StateMachine,
      fromDefinition: (definition: string | object) => {
        const refusal = created.get(text(definition));
        if (refusal instanceof Error) throw refusal;
        return direct.StateMachine.fromDefinition(definition);
      },
    } as typeof direct.StateMachine,
  };
}

describe.skipIf(!present)(
  'the conformance corpus through serve: TestState and CreateStateMachine',
  () => {
    let serve: ServeProcess;
    let sfn: SFNClient;
    let cases: ConformanceCase[] = [];

    beforeAll(async () => {
      // The corpus was recorded in account 111111111111.
      serve = await startServe(['--account', '111111111111']);
      sfn = localClient(serve.endpointUrl, { disableHostPrefix: true });
      cases = loadCases(CORPUS).filter((c) => KINDS.has(c.kind));
    });

    afterAll(async () => {
      sfn?.destroy();
      if (serve && serve.child.exitCode === null) await serve.stop('SIGKILL');
    });

    it('passes over HTTP every case the engine passes directly', { timeout: 120_000 }, async () => {
      // CreateStateMachine first (the harness's fromDefinition is synchronous).
      const created = new Map<string, unknown>();
      let index = 0;
      for (const testCase of cases.filter((c) => c.kind === 'create_rejected')) {
        const definition = text(testCase.definition);
        try {
          await sfn.send(
            new CreateStateMachineCommand({
              name: `conformance-${index++}`,
              definition,
              roleArn: 'arn:aws:iam::111111111111:role/conformance',
            }),
          );
          created.set(definition, undefined);
        } catch (error) {
          const { name, message } = error as Error;
          const refusal = Object.assign(Object.create(direct.InvalidDefinitionError.prototype), {
            name: 'InvalidDefinitionError',
            code: name,
            message,
            diagnostics: [],
          });
          created.set(definition, refusal);
        }
      }
      const engine = overHttp(sfn, created);
      const results: { direct: CaseResult; http: CaseResult }[] = [];
      for (const testCase of cases) {
        results.push({
          direct: await runCase(testCase, direct as EngineModule),
          http: await runCase(testCase, engine),
        });
      }
      const byKind = new Map<string, { direct: number; http: number; total: number }>();
      const needsService = new Set(cases.filter(needsRecordedService).map((c) => c.id));
      for (const { direct: d, http: h } of results) {
        const kind = needsService.has(d.id) ? `${d.kind} (unmocked Task)` : d.kind;
        const counts = byKind.get(kind) ?? { direct: 0, http: 0, total: 0 };
        counts.total += 1;
        if (d.passed) counts.direct += 1;
        if (h.passed) counts.http += 1;
        byKind.set(kind, counts);
      }
      console.log(
        [...byKind]
          .map(
            ([kind, c]) =>
              `${kind}: ${c.http}/${c.total} over HTTP (${((c.http / c.total) * 100).toFixed(1)} %), ${c.direct}/${c.total} direct`,
          )
          .join('\n'),
      );
      const lost = results
        .filter(({ direct: d, http: h }) => d.passed && !h.passed && !needsService.has(d.id))
        .map(
          ({ http: h }) => `${h.id}: ${JSON.stringify(h.differences[0])} ${h.problems.join('; ')}`,
        );
      expect(lost).toEqual([]);
      expect(results.length).toBeGreaterThan(100);
    });
  },
);
