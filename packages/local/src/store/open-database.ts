import type { DatabaseSync } from 'node:sqlite';
import { UnsupportedNodeError } from '../errors.js';

type SqliteModule = typeof import('node:sqlite');

/**
 * Loads `node:sqlite` (built into Node from 22.13, no flag) and opens `location` (a file,
 * or `''`: SQLite's temporary database, which keeps its own journal mode): WAL journal with
 * `synchronous = NORMAL`, so that every committed write survives the process being killed
 * (only an OS crash can lose the last ones), and a busy timeout for a second reader. Node
 * marks the module experimental and warns once when it loads; that one warning is kept off
 * stderr, which `serve` keeps for the user's output.
 */
export function openDatabase(location: string, busyTimeoutMs = 5000): DatabaseSync {
  const sqlite = loadSqlite();
  const db = new sqlite.DatabaseSync(location);
  db.exec('PRAGMA journal_mode = WAL');
  db.exec('PRAGMA synchronous = NORMAL');
  db.exec(`PRAGMA busy_timeout = ${Math.max(0, Math.trunc(busyTimeoutMs))}`);
  return db;
}

function loadSqlite(): SqliteModule {
  const emitWarning = process.emitWarning;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    const message = typeof warning === 'string' ? warning : warning.message;
    if (/SQLite is an experimental feature/.test(message)) return;
    (emitWarning as (...args: unknown[]) => void).call(process, warning, ...rest);
  }) as typeof process.emitWarning;
  let sqlite: SqliteModule | undefined;
  try {
    sqlite = process.getBuiltinModule?.('node:sqlite') as SqliteModule | undefined;
  } finally {
    process.emitWarning = emitWarning;
  }
  // Node 20 has no node:sqlite: say so here, not as a TypeError on `DatabaseSync` later.
  if (!sqlite?.DatabaseSync) {
    throw new UnsupportedNodeError(
      `the local store needs node:sqlite, built into Node.js 22.13 and later; this is Node.js ${process.versions.node} (${process.execPath}): run it with Node 22.13+ or 24 LTS`,
    );
  }
  return sqlite;
}
