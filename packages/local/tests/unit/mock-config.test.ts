import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { MockConfig } from '../../src/mocks/mock-config.js';
import { MockConfigError } from '../../src/mocks/mock-config-error.js';

const DOCS_EXAMPLE = fileURLToPath(
  new URL('../fixtures/mock-config/aws-docs-MockConfigFile.json', import.meta.url),
);

function refusal(text: string): MockConfigError {
  try {
    MockConfig.parse(text, 'mocks.json');
  } catch (error) {
    if (error instanceof MockConfigError) return error;
    throw error;
  }
  throw new Error('accepted');
}

describe('the mock configuration file', () => {
  it("reads AWS's documented example: test cases, responses and invocation ranges", () => {
    const config = MockConfig.load(DOCS_EXAMPLE);
    expect(config.testCaseNames('LambdaSQSIntegration')).toEqual([
      'HappyPath',
      'RetryPath',
      'HybridPath',
    ]);
    const retry = config.testCase('LambdaSQSIntegration', 'RetryPath')?.get('LambdaState');
    expect(retry?.entries.map((e) => [e.from, e.to, e.answer.kind])).toEqual([
      [0, 0, 'throw'],
      [1, 2, 'throw'],
      [3, 3, 'return'],
    ]);
    expect(config.mocksState('LambdaSQSIntegration', 'SQSState')).toBe(true);
    expect(config.mocksState('LambdaSQSIntegration', 'Other')).toBe(false);
  });

  it('refuses text that does not parse, with the line', () => {
    const error = refusal(
      '{\n  "StateMachines": {},\n  "MockedResponses": {\n    "A": { "0": { "Return": 1 } },,\n  }\n}',
    );
    expect(error.line).toBe(4);
    expect(error.message).toMatch(/^mock config mocks\.json \(line 4\): is not JSON: /);
  });

  it('refuses an entry with both Return and Throw, with its line and member', () => {
    const error = refusal(
      JSON.stringify(
        { MockedResponses: { R: { '0': { Return: 1, Throw: { Error: 'E', Cause: 'C' } } } } },
        null,
        2,
      ),
    );
    expect(error.message).toBe(
      'mock config mocks.json (line 4, /MockedResponses/R/0): has both Return and Throw: give one',
    );
  });

  it('refuses invocation keys that are not consecutive from 0', () => {
    const text = JSON.stringify(
      { MockedResponses: { R: { '0': { Return: 1 }, '2-3': { Return: 2 } } } },
      null,
      2,
    );
    expect(refusal(text).message).toBe(
      'mock config mocks.json (line 7, /MockedResponses/R/2-3): invocation 1 has no entry: keys must be consecutive from 0',
    );
    expect(
      refusal(
        JSON.stringify({ MockedResponses: { R: { '0': { Return: 1 }, '0-1': { Return: 2 } } } }),
      ).message,
    ).toContain('invocation 0 has two entries');
    expect(
      refusal(JSON.stringify({ MockedResponses: { R: { first: { Return: 1 } } } })).message,
    ).toContain('"first" is not an invocation number or range');
  });

  it('refuses a Throw without a string Error and Cause, and a test case naming a missing response', () => {
    expect(
      refusal(JSON.stringify({ MockedResponses: { R: { '0': { Throw: { Error: 'E' } } } } }))
        .message,
    ).toContain('Throw must have a string Error and a string Cause');
    expect(
      refusal(
        JSON.stringify({
          StateMachines: { M: { TestCases: { T: { S: 'Missing' } } } },
          MockedResponses: {},
        }),
      ).message,
    ).toContain(
      'state "S" names the mocked response "Missing", which MockedResponses does not define',
    );
  });

  it('refuses a test case that mocks a state the state machine does not have', () => {
    const config = MockConfig.load(DOCS_EXAMPLE);
    expect(() => config.checkStates('LambdaSQSIntegration', new Set(['LambdaState']))).toThrow(
      /\(line 7, \/StateMachines\/LambdaSQSIntegration\/TestCases\/HappyPath\/SQSState\): test case "HappyPath" mocks the state "SQSState", which state machine "LambdaSQSIntegration" does not have/,
    );
  });

  it('at StartExecution, checks only the chosen test case (others may be for another revision)', () => {
    const config = MockConfig.load(DOCS_EXAMPLE);
    // HybridPath mocks only LambdaState: a revision without SQSState may run it.
    expect(() =>
      config.checkStates('LambdaSQSIntegration', new Set(['LambdaState']), 'HybridPath'),
    ).not.toThrow();
    expect(() =>
      config.checkStates('LambdaSQSIntegration', new Set(['LambdaState']), 'HappyPath'),
    ).toThrow(/mocks the state "SQSState"/);
  });

  it('serve refuses a bad file at start: exit 2, the file, the line and the reason on stderr', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sfn-mock-'));
    const file = join(dir, 'MockConfigFile.json');
    writeFileSync(file, '{"MockedResponses": {"R": {"1": {"Return": 1}}}}');
    const err: string[] = [];
    const code = await main(['serve', '--mock-config', file], {
      out: () => {},
      err: (text) => err.push(text),
      interactive: false,
    });
    expect(code).toBe(2);
    expect(err.join('\n')).toBe(
      `sfn-callback-local: mock config ${file} (line 1, /MockedResponses/R/1): invocation 0 has no entry: keys must be consecutive from 0`,
    );
  });

  it('serve reads SFN_MOCK_CONFIG when --mock-config is not given', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sfn-mock-'));
    const file = join(dir, 'MockConfigFile.json');
    writeFileSync(file, 'not json');
    const err: string[] = [];
    process.env.SFN_MOCK_CONFIG = file;
    try {
      const code = await main(['serve'], {
        out: () => {},
        err: (t) => err.push(t),
        interactive: false,
      });
      expect(code).toBe(2);
    } finally {
      delete process.env.SFN_MOCK_CONFIG;
    }
    expect(err.join('\n')).toContain(`mock config ${file} (line 1): is not JSON`);
  });
});
