import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CoverageReport,
  CoverageReportError,
  definitionHash,
} from '../../../src/console/coverage-report.js';

const scratch = mkdtempSync(join(tmpdir(), 'coverage-report-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const definition = {
  StartAt: 'Send',
  States: {
    Send: {
      Type: 'Task',
      Resource: 'arn:aws:states:::sqs:sendMessage',
      Parameters: { QueueUrl: 'http://127.0.0.1:8083/000000000000/Queue' },
      End: true,
    },
  },
};

function file(name: string, content: unknown): string {
  const path = join(scratch, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

const report = (hash: string) => ({
  format: 'sfn-callback-state-machine-coverage',
  version: 1,
  machines: [{ name: 'Orders', definitionHash: hash, items: [], totals: {} }],
});

describe('CoverageReport', () => {
  it("finds a state machine's coverage by its definition, whatever port its local queue URLs were resolved with", () => {
    const loaded = CoverageReport.load(file('ok.json', report(definitionHash(definition))));
    const served = JSON.parse(JSON.stringify(definition).replace(':8083/', ':41315/'));
    expect(loaded.for('Orders', served).name).toBe('Orders');
  });

  it('refuses another definition, naming both hashes', () => {
    const loaded = CoverageReport.load(
      file('other.json', report(definitionHash({ ...definition, Comment: 'v2' }))),
    );
    expect(() => loaded.for('Orders', definition)).toThrow(
      /other\.json was measured on another definition than state machine "Orders" \([0-9a-f]{12}\): it holds "Orders" \([0-9a-f]{12}\)/,
    );
  });

  it('refuses a file that is not JSON, or not a coverage report', () => {
    expect(() => CoverageReport.load(file('broken.json', '{'))).toThrow(CoverageReportError);
    expect(() => CoverageReport.load(join(scratch, 'missing.json'))).toThrow(
      /cannot read the coverage report .*missing\.json: ENOENT/,
    );
    expect(() => CoverageReport.load(file('istanbul.json', { '/a.js': { s: {} } }))).toThrow(
      /istanbul\.json is not a state machine coverage report: give the state-machine-coverage\.json/,
    );
  });
});
