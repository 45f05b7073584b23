import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE, LocalStore } from '../../src/store/local-store.js';

/** The executions and state_machines tables as the first release of the store wrote them. */
const FIRST_RELEASE = `
CREATE TABLE state_machines (
  arn TEXT PRIMARY KEY, name TEXT NOT NULL, type TEXT NOT NULL, role_arn TEXT NOT NULL,
  definition TEXT NOT NULL, creation_date INTEGER NOT NULL, update_date INTEGER,
  revision_id TEXT, description TEXT
);
CREATE TABLE executions (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, arn TEXT NOT NULL UNIQUE,
  state_machine_arn TEXT NOT NULL, name TEXT NOT NULL, status TEXT NOT NULL,
  start_date INTEGER NOT NULL, stop_date INTEGER, input TEXT NOT NULL, output TEXT,
  error TEXT, cause TEXT, revision_id TEXT
);
INSERT INTO state_machines VALUES ('arn:aws:states:us-east-1:000000000000:stateMachine:Old', 'Old', 'STANDARD', 'arn:aws:iam::000000000000:role/r', '{}', 1, NULL, 'rev-1', NULL);
INSERT INTO executions (arn, state_machine_arn, name, status, start_date, stop_date, input, output)
  VALUES ('arn:aws:states:us-east-1:000000000000:execution:Old:e', 'arn:aws:states:us-east-1:000000000000:stateMachine:Old', 'e', 'SUCCEEDED', 1, 2, '{}', '1');
`;

describe('a data dir of an earlier release', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('opens with its rows kept, and gains the version, alias, activity and tag tables', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sfn-local-migrate-'));
    dirs.push(dir);
    const old = new DatabaseSync(join(dir, DATABASE_FILE));
    old.exec(FIRST_RELEASE);
    old.close();

    const store = LocalStore.open({ dataDir: dir });
    try {
      expect(
        store.execution('arn:aws:states:us-east-1:000000000000:execution:Old:e'),
      ).toMatchObject({
        status: 'SUCCEEDED',
        output: '1',
      });
      expect(store.stateMachines()).toEqual([
        expect.objectContaining({ name: 'Old', versionCount: 0 }),
      ]);
      store.insertExecution({
        executionArn: 'arn:aws:states:us-east-1:000000000000:execution:Old:v',
        stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:Old',
        name: 'v',
        status: 'RUNNING',
        startDate: new Date(3),
        input: '{}',
        stateMachineVersionArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:Old:1',
      });
      store.putActivity({
        arn: 'arn:aws:states:us-east-1:000000000000:activity:a',
        name: 'a',
        creationDate: new Date(4),
      });
      store.putTags('arn:aws:states:us-east-1:000000000000:activity:a', [{ key: 'k', value: 'v' }]);
      expect(
        store.execution('arn:aws:states:us-east-1:000000000000:execution:Old:v')
          ?.stateMachineVersionArn,
      ).toBe('arn:aws:states:us-east-1:000000000000:stateMachine:Old:1');
      expect(store.activities().map((a) => a.name)).toEqual(['a']);
      expect(store.tags('arn:aws:states:us-east-1:000000000000:activity:a')).toEqual([
        { key: 'k', value: 'v' },
      ]);
    } finally {
      store.close();
    }
  });
});
