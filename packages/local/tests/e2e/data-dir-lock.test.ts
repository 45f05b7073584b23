/**
 * One `serve` per `--data-dir`: a second one is refused (exit code non-zero, the holder's pid
 * in the message) and leaves the first's executions alone; a lock left by a killed `serve`
 * is taken over by the next one. Real CLI processes, as a terminal starts them.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LocalRunner } from '../../src/index.js';
import { DataDirLock, DataDirLockedError, LOCK_FILE } from '../../src/store/data-dir-lock.js';
import { CLI_BIN, type ServeProcess, startServe } from '../support/serve-process.js';

/** Runs `serve` to its exit; resolves with the exit code and what it printed on stderr. */
function serveToExit(args: string[]): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [CLI_BIN, 'serve', ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  return new Promise((resolve) =>
    child.once('exit', (code) => {
      clearTimeout(killer);
      resolve({ code, stderr });
    }),
  );
}

/** A pid that ran and is gone: a child that exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid as number;
}

describe('one serve per --data-dir', () => {
  const serves: ServeProcess[] = [];
  afterEach(async () => {
    for (const serve of serves.splice(0))
      if (serve.child.exitCode === null) await serve.stop('SIGKILL');
  });

  it('refuses a second serve on the same directory, naming the first one pid', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sfn-lock-'));
    const first = await startServe(['--data-dir', dataDir]);
    serves.push(first);
    const second = await serveToExit(['--data-dir', dataDir]);
    expect(second.code).not.toBe(0);
    expect(second.code).not.toBeNull();
    expect(second.stderr).toContain(`pid ${first.child.pid}`);
    expect(second.stderr).toContain(dataDir);
    // The first still answers, and its lock still names it.
    const answer = await fetch(first.endpointUrl, {
      method: 'POST',
      headers: { 'X-Amz-Target': 'AWSStepFunctions.ListStateMachines' },
      body: '{}',
    });
    expect(answer.status).toBe(200);
    expect(readFileSync(join(dataDir, LOCK_FILE), 'utf8').trim()).toBe(String(first.child.pid));
  });

  it('takes over the lock a killed serve left, and gives it up at a clean stop', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sfn-lock-stale-'));
    const killed = await startServe(['--data-dir', dataDir]);
    await killed.stop('SIGKILL');
    expect(readFileSync(join(dataDir, LOCK_FILE), 'utf8').trim()).toBe(String(killed.child.pid));
    const next = await startServe(['--data-dir', dataDir]);
    serves.push(next);
    expect(readFileSync(join(dataDir, LOCK_FILE), 'utf8').trim()).toBe(String(next.child.pid));
    expect((await next.stop('SIGTERM')).code).toBe(0);
    // Released: a third one starts at once.
    const third = await startServe(['--data-dir', dataDir]);
    serves.push(third);
    expect(third.endpointUrl).toMatch(/^http:/);
  });
});

describe('DataDirLock', () => {
  it('refuses a live holder (this process) with its pid', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sfn-lock-unit-'));
    const lock = await DataDirLock.acquire(dataDir);
    await expect(DataDirLock.acquire(dataDir)).rejects.toThrow(DataDirLockedError);
    await expect(DataDirLock.acquire(dataDir)).rejects.toMatchObject({ pid: process.pid });
    lock.release();
    const again = await DataDirLock.acquire(dataDir);
    again.release();
  });

  it('lets exactly one of ten takers replace a stale lock, the others see the new holder', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sfn-lock-race-'));
    writeFileSync(join(dataDir, LOCK_FILE), `${await deadPid()}\n`);
    // Ten acquisitions started together (in one process: the winner is the holder they see).
    const outcomes = await Promise.allSettled(
      Array.from({ length: 10 }, () => DataDirLock.acquire(dataDir)),
    );
    const won = outcomes.filter((o) => o.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const lost of outcomes.filter((o) => o.status === 'rejected'))
      expect((lost as PromiseRejectedResult).reason).toBeInstanceOf(DataDirLockedError);
    expect(readFileSync(join(dataDir, LOCK_FILE), 'utf8').trim()).toBe(String(process.pid));
    (won[0] as PromiseFulfilledResult<DataDirLock>).value.release();
  });

  it('takes over a lock file left empty by a writer killed between create and write', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sfn-lock-empty-'));
    writeFileSync(join(dataDir, LOCK_FILE), '');
    const lock = await DataDirLock.acquire(dataDir);
    expect(readFileSync(join(dataDir, LOCK_FILE), 'utf8').trim()).toBe(String(process.pid));
    lock.release();
  });
});

describe('LocalRunner with dataDir', () => {
  it('holds the lock from start to close: a second runner or a serve on it is refused', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sfn-lock-runner-'));
    const runner = await LocalRunner.start({ dataDir, workers: false });
    try {
      expect(readFileSync(join(dataDir, LOCK_FILE), 'utf8').trim()).toBe(String(process.pid));
      await expect(LocalRunner.start({ dataDir, workers: false })).rejects.toMatchObject({
        name: 'DataDirLockedError',
        pid: process.pid,
      });
      const serve = await serveToExit(['--data-dir', dataDir]);
      expect(serve.code).not.toBe(0);
      expect(serve.stderr).toContain(`pid ${process.pid}`);
      // The refused runner left the store alone: the first one still answers.
      expect(runner.store.isOpen).toBe(true);
    } finally {
      await runner.close();
    }
    expect(() => readFileSync(join(dataDir, LOCK_FILE))).toThrow(/ENOENT/);
    const next = await LocalRunner.start({ dataDir, workers: false });
    await next.close();
  });

  it('gives the lock back when it cannot start (a port in use)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sfn-lock-runner-fail-'));
    const first = await LocalRunner.start({ workers: false });
    const port = Number(new URL(first.endpointUrl).port);
    try {
      await expect(LocalRunner.start({ dataDir, port, workers: false })).rejects.toThrow();
      expect(() => readFileSync(join(dataDir, LOCK_FILE))).toThrow(/ENOENT/);
    } finally {
      await first.close();
    }
  });
});
