/**
 * A commit that fails in the background (the database locked by another connection, as the
 * `sqlite3` shell or a disk that is full would make it fail) must not end the process: the
 * writes stay queued in order, the failure is told once, reads say they cannot see them,
 * and once the database takes writes again everything is committed. A real second SQLite
 * connection holds the write lock; nothing is mocked.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE, LocalStore, type StoreWriteProblem } from '../../src/store/local-store.js';
import { openDatabase } from '../../src/store/open-database.js';

const activity = (i: number) => ({
  arn: `arn:aws:states:us-east-1:000000000000:activity:a${i}`,
  name: `a${i}`,
  creationDate: new Date(1_700_000_000_000 + i),
});

/** Waits until `check` holds (the store retries on timers), at most 10 s. */
async function until(check: () => boolean): Promise<void> {
  for (let waited = 0; !check(); waited += 20) {
    if (waited > 10_000) throw new Error('timed out waiting for the store');
    await sleep(20);
  }
}

describe('LocalStore when commits fail', () => {
  const open: LocalStore[] = [];
  afterEach(() => {
    for (const store of open.splice(0)) store.close();
  });

  it('keeps the writes, says so once, retries, and commits them all in order when it can', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sfn-store-busy-'));
    const problems: StoreWriteProblem[] = [];
    const store = LocalStore.open({
      dataDir,
      busyTimeoutMs: 10,
      onWriteProblem: (problem) => problems.push(problem),
    });
    open.push(store);
    const other = openDatabase(join(dataDir, DATABASE_FILE), 10);
    other.exec('BEGIN IMMEDIATE');
    try {
      store.putActivity(activity(0));
      // 1,500 more writes in one turn: past the size at which a busy turn commits early.
      for (let i = 1; i <= 1500; i += 1) store.putActivity(activity(i));
      // The early commit at the 1,000th write failed without throwing into the writer.
      expect(problems[0]).toMatchObject({ kind: 'failing', queuedWrites: 1000 });
      expect((problems[0] as { error: Error }).error.message).toMatch(/locked|busy/i);
      // A read cannot see the queued writes: it says why instead of answering stale.
      expect(() => store.activities()).toThrow(/locked|busy/i);
      store.putActivity({ ...activity(0), name: 'renamed' });
      await sleep(300);
      expect(problems.filter((p) => p.kind === 'failing')).toHaveLength(1);
    } finally {
      other.exec('COMMIT');
      other.close();
    }
    await until(() => problems.some((p) => p.kind === 'recovered'));
    const recovered = problems.find((p) => p.kind === 'recovered') as { failedAttempts: number };
    expect(recovered.failedAttempts).toBeGreaterThanOrEqual(1);
    const stored = store.activities();
    expect(stored).toHaveLength(1501);
    // The later write of the same row came after the first: order kept.
    expect(stored.find((a) => a.arn === activity(0).arn)?.name).toBe('renamed');
  });

  it('still closes when the last writes cannot be committed, and says so', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sfn-store-busy-close-'));
    const store = LocalStore.open({ dataDir, busyTimeoutMs: 10, onWriteProblem: () => {} });
    const other = openDatabase(join(dataDir, DATABASE_FILE), 10);
    other.exec('BEGIN IMMEDIATE');
    try {
      store.putActivity(activity(1));
      expect(() => store.close()).toThrow(/locked|busy/i);
      expect(store.isOpen).toBe(false);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
  });
});
