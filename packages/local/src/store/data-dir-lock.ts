import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { LocalRunnerError } from '../errors.js';

/** The lock file's name inside `--data-dir`. */
export const LOCK_FILE = 'sfn-callback-local.lock';
/** Held only while a stale lock is being replaced, so that two takers cannot both win. */
const TAKEOVER_FILE = 'sfn-callback-local.lock.takeover';
/** A lock file found empty (its writer between create and write) is waited for this long. */
const EMPTY_GRACE_MS = 1000;
const RETRY_MS = 25;

/** Another live process (a `serve` or a `LocalRunner`) uses the data directory. */
export class DataDirLockedError extends LocalRunnerError {
  override readonly name = 'DataDirLockedError';
  readonly code = 'DataDirLocked';
  /** The process that holds the lock. */
  readonly pid: number;

  constructor(dataDir: string, pid: number) {
    super(
      `--data-dir ${dataDir} is in use by another sfn-callback-local serve or LocalRunner (pid ${pid}): stop it (or close that runner), or choose another data directory. If no such process runs, remove ${join(dataDir, LOCK_FILE)}.`,
    );
    this.pid = pid;
  }
}

/** True when a process with this pid runs (EPERM: it runs, as another user). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Creates `path` holding our pid, atomically (`wx`: fails if it exists); false if it exists. */
function createExclusive(path: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, `${process.pid}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

/** The pid a lock file names; undefined when it is missing, empty or unreadable. */
function holderOf(path: string): number | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  const pid = Number.parseInt(text.trim(), 10);
  return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
}

function removeIfHeldBy(path: string, pid: number | undefined): void {
  if (holderOf(path) !== pid) return;
  try {
    unlinkSync(path);
  } catch {
    // Already gone.
  }
}

/**
 * One `serve` per data directory: a lock file in it, created atomically with `wx` and
 * holding the owner's pid. A second `serve` is refused with the holder's pid
 * ({@link DataDirLockedError}); a lock whose pid no longer runs (a killed `serve`) is taken
 * over. A takeover itself runs under a second `wx` file, so two processes that both find
 * the same stale lock cannot both remove it and each believe it holds the lock.
 *
 * Why a pid file and not SQLite's own locking: Node offers no `flock`, and SQLite's
 * exclusive locking mode would hold the database against every other reader (the `sqlite3`
 * shell, a test that reads the file) and cannot say who holds it.
 */
export class DataDirLock {
  readonly path: string;
  #released = false;

  private constructor(path: string) {
    this.path = path;
  }

  /** Takes the lock of `dataDir` (created if missing). @throws DataDirLockedError */
  static async acquire(dataDir: string): Promise<DataDirLock> {
    mkdirSync(dataDir, { recursive: true });
    const path = join(dataDir, LOCK_FILE);
    const takeover = join(dataDir, TAKEOVER_FILE);
    let emptySince: number | undefined;
    for (;;) {
      if (createExclusive(path)) return new DataDirLock(path);
      const holder = holderOf(path);
      if (holder === undefined) {
        // Being written right now, or left empty by a process killed in between.
        emptySince ??= Date.now();
        if (Date.now() - emptySince < EMPTY_GRACE_MS) {
          await sleep(RETRY_MS);
          continue;
        }
      } else if (holder === process.pid || isAlive(holder)) {
        throw new DataDirLockedError(dataDir, holder);
      }
      // Stale: replace it under the takeover lock.
      if (!createExclusive(takeover)) {
        const taker = holderOf(takeover);
        if (taker !== undefined && !isAlive(taker)) removeIfHeldBy(takeover, taker);
        await sleep(RETRY_MS);
        continue;
      }
      try {
        // Still the stale lock we saw (another taker may have replaced it meanwhile)?
        if (holderOf(path) === holder) {
          try {
            unlinkSync(path);
          } catch {
            // Gone already.
          }
        }
        if (createExclusive(path)) return new DataDirLock(path);
      } finally {
        removeIfHeldBy(takeover, process.pid);
      }
      emptySince = undefined;
    }
  }

  /** Gives the lock up (only if it is still ours). */
  release(): void {
    if (this.#released) return;
    this.#released = true;
    removeIfHeldBy(this.path, process.pid);
  }
}
