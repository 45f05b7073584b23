import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { RecordedHistoryEvent as HistoryEvent } from '@sfn-callback/asl';
import type { AliasRoute } from '../model/alias-routing.js';
import type { ExecutionRecord } from '../model/execution.js';
import { interruptedExecutionEvent } from './interrupted-execution.js';
import { openDatabase } from './open-database.js';
import { ADDED_COLUMNS, SCHEMA } from './schema.js';

/** A state machine created through the API (CreateStateMachine), as the store keeps it. */
export interface StoredStateMachine {
  readonly arn: string;
  readonly name: string;
  readonly type: 'STANDARD' | 'EXPRESS';
  readonly roleArn: string;
  /** The definition as the client sent it (DescribeStateMachine answers it verbatim). */
  readonly definition: string;
  readonly creationDate: Date;
  readonly updateDate?: Date;
  readonly revisionId?: string;
  readonly description?: string;
  /** Versions published so far (the next one is this plus one: numbers are never reused). */
  readonly versionCount?: number;
}

/** An activity (CreateActivity). */
export interface StoredActivity {
  readonly arn: string;
  readonly name: string;
  readonly creationDate: Date;
}

/** A published version of a state machine: a number, and the revision it froze. */
export interface StoredVersion {
  readonly arn: string;
  readonly stateMachineArn: string;
  readonly version: number;
  readonly revisionId: string;
  readonly description?: string;
  readonly creationDate: Date;
}

/** An alias of a state machine: a name routing to one or two versions. */
export interface StoredAlias {
  readonly arn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  readonly description?: string;
  readonly routing: readonly AliasRoute[];
  readonly creationDate: Date;
  readonly updateDate?: Date;
}

/** A tag of a resource (TagResource). */
export interface StoredTag {
  readonly key: string;
  readonly value: string;
}

/** An execution's row: its record, and the revision it ran. */
export interface StoredExecution extends ExecutionRecord {
  /** The state machine revision it ran (created state machines only). */
  readonly revisionId?: string;
  /** The version it ran, when started by a version or an alias ARN. */
  readonly stateMachineVersionArn?: string;
  /** The alias it was started by. */
  readonly stateMachineAliasArn?: string;
}

/** A definition a created state machine had (CreateStateMachine, each UpdateStateMachine). */
export interface StoredRevision {
  readonly revisionId: string;
  readonly stateMachineArn: string;
  readonly definition: string;
  readonly roleArn: string;
  readonly updateDate: Date;
}

/** A message a state sent out: an SNS publish, an EventBridge event or an SQS message. */
export interface StoredNotification {
  readonly kind: 'sns' | 'events' | 'sqs';
  /** Topic ARN, event bus name or queue URL. */
  readonly target: string;
  readonly executionArn?: string;
  readonly stateName?: string;
  /** The message as recorded (TopicMessage, PutEvents entry, SQS message). */
  readonly body: Record<string, unknown>;
  readonly timestamp: Date;
}

/** Options of {@link LocalStore.open}. */
export interface LocalStoreOptions {
  /** Directory of the database file (created if missing). @default in memory */
  readonly dataDir?: string;
  /**
   * How long a write waits for another connection's lock (the `sqlite3` shell, a reader
   * mid-transaction) before it fails and is retried later.
   * @default 5000
   */
  readonly busyTimeoutMs?: number;
  /**
   * Told when a commit in the background fails (a full disk, a lock held elsewhere) and
   * again when writes commit after such failures. The writes stay queued, in order, and
   * are retried. @default a line on stderr
   */
  readonly onWriteProblem?: (problem: StoreWriteProblem) => void;
}

/** A background commit that failed, or the first one that succeeded after failures. */
export type StoreWriteProblem =
  | { readonly kind: 'failing'; readonly error: Error; readonly queuedWrites: number }
  | { readonly kind: 'recovered'; readonly failedAttempts: number };

/** The default {@link LocalStoreOptions.onWriteProblem}: one line on stderr. */
function reportWriteProblem(problem: StoreWriteProblem): void {
  process.stderr.write(
    problem.kind === 'failing'
      ? `sfn-callback-local: the store cannot commit (${problem.error.message}); ${problem.queuedWrites} writes are kept and retried\n`
      : `sfn-callback-local: the store commits again (after ${problem.failedAttempts} failed attempts); nothing was lost\n`,
  );
}

/** The database file's name inside `--data-dir`. */
export const DATABASE_FILE = 'sfn-callback-local.sqlite';

/** {@link LocalStore.location} of a store opened without `dataDir`: SQLite's temporary database. */
export const TEMPORARY_STORE = '';

/** The cause recorded on executions a stopped `serve` left RUNNING, when it reopens the store. */
export const INTERRUPTED_CAUSE =
  'sfn-callback-local serve stopped while this execution ran; it was not resumed';

/** An execution's redrives: how many, and when the last one was. */
export interface ExecutionRedrive {
  readonly redriveCount: number;
  readonly redriveDate: Date;
}

/** A child execution of a Map Run, as the store links it to its run. */
export interface MapRunChildRow {
  readonly mapRunArn: string;
  readonly executionArn: string;
  /** Its item (or batch) index in the run, from 0. */
  readonly index: number;
  readonly itemCount: number;
  readonly executionType: 'STANDARD' | 'EXPRESS';
}

type Row = Record<string, unknown>;

/** Writes committed together at most (a transaction of a busy turn). */
const MAX_PENDING_WRITES = 1000;
/** First and longest wait before a failed background commit is tried again. */
const RETRY_FIRST_MS = 100;
const RETRY_MAX_MS = 5000;

const date = (value: unknown): Date | undefined =>
  typeof value === 'number' ? new Date(value) : undefined;
const text = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : undefined;

/**
 * Everything `serve` must answer for after the fact, in SQLite (`node:sqlite`): created
 * state machines, executions, their history events (written one by one as the engine
 * records them, read back for GetExecutionHistory, so ended histories live on disk and not
 * on the heap), and the messages states sent. Without `dataDir` it is SQLite's temporary
 * database: a file of its own, already unlinked, gone when closed (or the process ends), so
 * the store's memory stays within SQLite's page cache however many executions run
 * (`:memory:` would keep every history in RAM); in `dataDir` it is a WAL-journaled file that outlives the process. Writes are
 * grouped: those of one turn of the event loop commit together in one transaction (at the
 * next `setImmediate`, before any read, or every 1,000 writes), so a `serve` killed mid-run
 * leaves every committed row readable and nothing half-written, and loses at most the
 * writes of its last turn.
 */
export class LocalStore {
  readonly #db: DatabaseSync;
  readonly #statements = new Map<string, StatementSync>();
  #pending: [StatementSync, (string | number | null)[]][] = [];
  #flushScheduled: NodeJS.Immediate | NodeJS.Timeout | undefined;
  /** Background commits failed in a row (0: writes commit). */
  #failedAttempts = 0;
  readonly #onWriteProblem: (problem: StoreWriteProblem) => void;
  /** Where the database lives: a file path, or {@link TEMPORARY_STORE} (gone when closed). */
  readonly location: string;

  private constructor(
    db: DatabaseSync,
    location: string,
    onWriteProblem: (problem: StoreWriteProblem) => void,
  ) {
    this.#db = db;
    this.location = location;
    this.#onWriteProblem = onWriteProblem;
  }

  /**
   * Opens (and creates) the store. Executions a previous `serve` left RUNNING are ended
   * ABORTED with {@link INTERRUPTED_CAUSE}, their history with AWS's `ExecutionAborted`:
   * their tasks and timers did not survive it.
   */
  static open(options: LocalStoreOptions = {}): LocalStore {
    let location = TEMPORARY_STORE;
    if (options.dataDir !== undefined) {
      mkdirSync(options.dataDir, { recursive: true });
      location = join(options.dataDir, DATABASE_FILE);
    }
    const db = openDatabase(location, options.busyTimeoutMs);
    db.exec(SCHEMA);
    migrate(db);
    const store = new LocalStore(db, location, options.onWriteProblem ?? reportWriteProblem);
    const now = Date.now();
    const interrupted = store.#all(
      `SELECT arn, (SELECT max(id) FROM events WHERE execution_arn = executions.arn) AS last
        FROM executions WHERE status = 'RUNNING'`,
    );
    for (const row of interrupted) {
      store.appendEvent(
        row.arn as string,
        interruptedExecutionEvent(Number(row.last ?? 0), INTERRUPTED_CAUSE, new Date(now)),
      );
    }
    store.#run(
      "UPDATE executions SET status = 'ABORTED', stop_date = ?, cause = ? WHERE status = 'RUNNING'",
      now,
      INTERRUPTED_CAUSE,
    );
    store.flush();
    return store;
  }

  /** False once closed. */
  get isOpen(): boolean {
    return this.#db.isOpen;
  }

  /** Commits the pending writes, then closes the database (a checkpoint folds the WAL into the file). */
  close(): void {
    if (!this.#db.isOpen) return;
    try {
      this.flush();
    } finally {
      // Closed even when the last writes cannot be committed (that error is thrown).
      this.#cancelScheduledFlush();
      this.#db.close();
    }
  }

  /**
   * Commits the pending writes now, in one transaction. When that fails, they stay
   * pending (in order, retried later) and the error is thrown: a read after it would not
   * see them.
   */
  flush(): void {
    this.#cancelScheduledFlush();
    if (this.#pending.length === 0 || !this.#db.isOpen) return;
    const pending = this.#pending;
    this.#pending = [];
    try {
      this.#db.exec('BEGIN');
      for (const [statement, values] of pending) statement.run(...values);
      this.#db.exec('COMMIT');
    } catch (error) {
      try {
        this.#db.exec('ROLLBACK');
      } catch {
        // SQLite rolled back already (a full disk does), or BEGIN itself failed.
      }
      this.#pending = pending.concat(this.#pending);
      this.#scheduleFlush();
      throw error;
    }
    if (this.#failedAttempts > 0) {
      this.#onWriteProblem({ kind: 'recovered', failedAttempts: this.#failedAttempts });
      this.#failedAttempts = 0;
    }
  }

  /** A flush nobody waits for (the end of a turn, a busy turn's 1,000th write): never throws. */
  #flushInBackground(): void {
    try {
      this.flush();
    } catch (error) {
      this.#failedAttempts += 1;
      if (this.#failedAttempts === 1) {
        this.#onWriteProblem({
          kind: 'failing',
          error: error instanceof Error ? error : new Error(String(error)),
          queuedWrites: this.#pending.length,
        });
      }
    }
  }

  /** At the next turn; after failures, later and later (up to {@link RETRY_MAX_MS}). */
  #scheduleFlush(): void {
    if (this.#flushScheduled !== undefined) return;
    const run = () => {
      this.#flushScheduled = undefined;
      this.#flushInBackground();
    };
    this.#flushScheduled =
      this.#failedAttempts === 0
        ? setImmediate(run)
        : setTimeout(run, Math.min(RETRY_FIRST_MS * 2 ** (this.#failedAttempts - 1), RETRY_MAX_MS));
  }

  #cancelScheduledFlush(): void {
    if (this.#flushScheduled === undefined) return;
    clearImmediate(this.#flushScheduled as NodeJS.Immediate);
    clearTimeout(this.#flushScheduled as NodeJS.Timeout);
    this.#flushScheduled = undefined;
  }

  /** Adds or replaces a created state machine, and records its revision (when `newRevision`). */
  putStateMachine(machine: StoredStateMachine, newRevision = true): void {
    if (newRevision && machine.revisionId !== undefined) {
      this.#run(
        `INSERT OR REPLACE INTO revisions (revision_id, state_machine_arn, definition, role_arn, update_date)
          VALUES (?, ?, ?, ?, ?)`,
        machine.revisionId,
        machine.arn,
        machine.definition,
        machine.roleArn,
        (machine.updateDate ?? machine.creationDate).getTime(),
      );
    }
    this.#run(
      `INSERT OR REPLACE INTO state_machines
        (arn, name, type, role_arn, definition, creation_date, update_date, revision_id, description, version_count)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      machine.arn,
      machine.name,
      machine.type,
      machine.roleArn,
      machine.definition,
      machine.creationDate.getTime(),
      machine.updateDate?.getTime() ?? null,
      machine.revisionId ?? null,
      machine.description ?? null,
      machine.versionCount ?? 0,
    );
  }

  /** Deletes a created state machine, with its versions, aliases and tags. */
  deleteStateMachine(arn: string): void {
    this.#run('DELETE FROM state_machines WHERE arn = ?', arn);
    this.#run('DELETE FROM state_machine_versions WHERE state_machine_arn = ?', arn);
    this.#run('DELETE FROM state_machine_aliases WHERE state_machine_arn = ?', arn);
    this.#run('DELETE FROM tags WHERE resource_arn = ?', arn);
  }

  putActivity(activity: StoredActivity): void {
    this.#run(
      'INSERT OR REPLACE INTO activities (arn, name, creation_date) VALUES (?, ?, ?)',
      activity.arn,
      activity.name,
      activity.creationDate.getTime(),
    );
  }

  /** Deletes an activity and its tags. */
  deleteActivity(arn: string): void {
    this.#run('DELETE FROM activities WHERE arn = ?', arn);
    this.#run('DELETE FROM tags WHERE resource_arn = ?', arn);
  }

  /** Activities, oldest first. */
  activities(): StoredActivity[] {
    return this.#all('SELECT * FROM activities ORDER BY creation_date, arn').map((row) => ({
      arn: row.arn as string,
      name: row.name as string,
      creationDate: new Date(row.creation_date as number),
    }));
  }

  putVersion(version: StoredVersion): void {
    this.#run(
      `INSERT OR REPLACE INTO state_machine_versions
        (arn, state_machine_arn, version, revision_id, description, creation_date)
        VALUES (?, ?, ?, ?, ?, ?)`,
      version.arn,
      version.stateMachineArn,
      version.version,
      version.revisionId,
      version.description ?? null,
      version.creationDate.getTime(),
    );
  }

  deleteVersion(arn: string): void {
    this.#run('DELETE FROM state_machine_versions WHERE arn = ?', arn);
  }

  /** Every published version, oldest first. */
  versions(): StoredVersion[] {
    return this.#all(
      'SELECT * FROM state_machine_versions ORDER BY state_machine_arn, version',
    ).map((row) => ({
      arn: row.arn as string,
      stateMachineArn: row.state_machine_arn as string,
      version: Number(row.version),
      revisionId: row.revision_id as string,
      ...(text(row.description) !== undefined ? { description: row.description as string } : {}),
      creationDate: new Date(row.creation_date as number),
    }));
  }

  putAlias(alias: StoredAlias): void {
    this.#run(
      `INSERT OR REPLACE INTO state_machine_aliases
        (arn, state_machine_arn, name, description, routing, creation_date, update_date)
        VALUES (?, ?, ?, ?, ?, ?, ?)`,
      alias.arn,
      alias.stateMachineArn,
      alias.name,
      alias.description ?? null,
      JSON.stringify(alias.routing),
      alias.creationDate.getTime(),
      alias.updateDate?.getTime() ?? null,
    );
  }

  deleteAlias(arn: string): void {
    this.#run('DELETE FROM state_machine_aliases WHERE arn = ?', arn);
  }

  /** Every alias, oldest first. */
  aliases(): StoredAlias[] {
    return this.#all('SELECT * FROM state_machine_aliases ORDER BY creation_date, arn').map(
      (row) => ({
        arn: row.arn as string,
        stateMachineArn: row.state_machine_arn as string,
        name: row.name as string,
        ...(text(row.description) !== undefined ? { description: row.description as string } : {}),
        routing: JSON.parse(row.routing as string) as AliasRoute[],
        creationDate: new Date(row.creation_date as number),
        ...(date(row.update_date) ? { updateDate: date(row.update_date) as Date } : {}),
      }),
    );
  }

  /** Sets tags of a resource (a key already there gets the new value). */
  putTags(resourceArn: string, tags: readonly StoredTag[]): void {
    for (const tag of tags) {
      this.#run(
        `INSERT INTO tags (resource_arn, key, value, seq)
          VALUES (?, ?, ?, (SELECT coalesce(max(seq), 0) + 1 FROM tags WHERE resource_arn = ?))
          ON CONFLICT (resource_arn, key) DO UPDATE SET value = excluded.value`,
        resourceArn,
        tag.key,
        tag.value,
        resourceArn,
      );
    }
  }

  removeTags(resourceArn: string, keys: readonly string[]): void {
    for (const key of keys) {
      this.#run('DELETE FROM tags WHERE resource_arn = ? AND key = ?', resourceArn, key);
    }
  }

  /** A resource's tags, in the order they were first set. */
  tags(resourceArn: string): StoredTag[] {
    return this.#all(
      'SELECT key, value FROM tags WHERE resource_arn = ? ORDER BY seq',
      resourceArn,
    ).map((row) => ({ key: row.key as string, value: row.value as string }));
  }

  /** A revision of a created state machine (also after it was deleted). */
  revision(revisionId: string): StoredRevision | undefined {
    const row = this.#get('SELECT * FROM revisions WHERE revision_id = ?', revisionId);
    if (!row) return undefined;
    return {
      revisionId: row.revision_id as string,
      stateMachineArn: row.state_machine_arn as string,
      definition: row.definition as string,
      roleArn: row.role_arn as string,
      updateDate: new Date(row.update_date as number),
    };
  }

  /** Created state machines, oldest first. */
  stateMachines(): StoredStateMachine[] {
    return this.#all('SELECT * FROM state_machines ORDER BY creation_date, arn').map((row) => ({
      arn: row.arn as string,
      name: row.name as string,
      type: row.type as 'STANDARD' | 'EXPRESS',
      roleArn: row.role_arn as string,
      definition: row.definition as string,
      creationDate: new Date(row.creation_date as number),
      ...(date(row.update_date) ? { updateDate: date(row.update_date) as Date } : {}),
      ...(text(row.revision_id) ? { revisionId: row.revision_id as string } : {}),
      ...(text(row.description) !== undefined ? { description: row.description as string } : {}),
      versionCount: Number(row.version_count ?? 0),
    }));
  }

  /** Records a started execution. */
  insertExecution(execution: StoredExecution): void {
    this.#run(
      `INSERT INTO executions
        (arn, state_machine_arn, name, status, start_date, input, revision_id, version_arn, alias_arn)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      execution.executionArn,
      execution.stateMachineArn,
      execution.name,
      execution.status,
      execution.startDate.getTime(),
      execution.input,
      execution.revisionId ?? null,
      execution.stateMachineVersionArn ?? null,
      execution.stateMachineAliasArn ?? null,
    );
  }

  /** Records an execution's end. */
  endExecution(execution: StoredExecution): void {
    this.#run(
      'UPDATE executions SET status = ?, stop_date = ?, output = ?, error = ?, cause = ? WHERE arn = ?',
      execution.status,
      execution.stopDate?.getTime() ?? Date.now(),
      execution.output ?? null,
      execution.error ?? null,
      execution.cause ?? null,
      execution.executionArn,
    );
  }

  /**
   * Records a redrive (RedriveExecution): the execution is RUNNING again, its end cleared,
   * its redrive count and date kept beside it.
   */
  redriveExecution(executionArn: string, redrive: ExecutionRedrive): void {
    this.#run(
      "UPDATE executions SET status = 'RUNNING', stop_date = NULL, output = NULL, error = NULL, cause = NULL WHERE arn = ?",
      executionArn,
    );
    this.#run(
      'INSERT OR REPLACE INTO execution_redrives (execution_arn, redrive_count, redrive_date) VALUES (?, ?, ?)',
      executionArn,
      redrive.redriveCount,
      redrive.redriveDate.getTime(),
    );
  }

  /** How many times an execution was redriven, and when last (undefined: never). */
  redriveOf(executionArn: string): ExecutionRedrive | undefined {
    const row = this.#get(
      'SELECT redrive_count, redrive_date FROM execution_redrives WHERE execution_arn = ?',
      executionArn,
    );
    return row
      ? { redriveCount: Number(row.redrive_count), redriveDate: new Date(Number(row.redrive_date)) }
      : undefined;
  }

  /** Records a Map Run (at its start, and again when it ends): DescribeMapRun's answer, as JSON. */
  putMapRun(mapRunArn: string, executionArn: string, description: string): void {
    this.#run(
      `INSERT INTO map_runs (arn, execution_arn, description) VALUES (?, ?, ?)
        ON CONFLICT (arn) DO UPDATE SET description = excluded.description`,
      mapRunArn,
      executionArn,
      description,
    );
  }

  /** A Map Run's recorded description (JSON), or undefined. */
  mapRun(mapRunArn: string): string | undefined {
    return text(
      this.#get('SELECT description FROM map_runs WHERE arn = ?', mapRunArn)?.description,
    );
  }

  /** The Map Runs of an execution, oldest first: their recorded descriptions (JSON). */
  mapRunsOf(executionArn: string): string[] {
    return this.#all(
      'SELECT description FROM map_runs WHERE execution_arn = ? ORDER BY seq',
      executionArn,
    ).map((row) => row.description as string);
  }

  /** Records that an execution is a child of a Map Run (its row is in `executions`). */
  addMapRunChild(child: MapRunChildRow): void {
    this.#run(
      `INSERT OR IGNORE INTO map_run_children (map_run_arn, execution_arn, item_index, item_count, execution_type)
        VALUES (?, ?, ?, ?, ?)`,
      child.mapRunArn,
      child.executionArn,
      child.index,
      child.itemCount,
      child.executionType,
    );
  }

  /** A Map Run's children, in item order. */
  mapRunChildren(mapRunArn: string): MapRunChildRow[] {
    return this.#all(
      'SELECT * FROM map_run_children WHERE map_run_arn = ? ORDER BY item_index',
      mapRunArn,
    ).map((row) => ({
      mapRunArn: row.map_run_arn as string,
      executionArn: row.execution_arn as string,
      index: Number(row.item_index),
      itemCount: Number(row.item_count),
      executionType: row.execution_type as MapRunChildRow['executionType'],
    }));
  }

  /** The Map Run an execution is a child of, if it is one. */
  mapRunOf(executionArn: string): string | undefined {
    return text(
      this.#get('SELECT map_run_arn FROM map_run_children WHERE execution_arn = ?', executionArn)
        ?.map_run_arn,
    );
  }

  /** The executions of a Map Run's children, oldest first. */
  mapRunExecutions(mapRunArn: string): StoredExecution[] {
    return this.#all(
      `SELECT e.* FROM executions e JOIN map_run_children c ON c.execution_arn = e.arn
        WHERE c.map_run_arn = ? ORDER BY e.seq`,
      mapRunArn,
    ).map(toExecution);
  }

  execution(executionArn: string): StoredExecution | undefined {
    const row = this.#get('SELECT * FROM executions WHERE arn = ?', executionArn);
    return row ? toExecution(row) : undefined;
  }

  /** Executions, oldest first; of one state machine and of one status when given. */
  executions(filter: { stateMachineArn?: string; status?: string } = {}): StoredExecution[] {
    const where: string[] = [];
    const values: string[] = [];
    if (filter.stateMachineArn !== undefined) {
      where.push('state_machine_arn = ?');
      values.push(filter.stateMachineArn);
    }
    if (filter.status !== undefined) {
      where.push('status = ?');
      values.push(filter.status);
    }
    const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    return this.#all(`SELECT * FROM executions ${clause} ORDER BY seq`, ...values).map(toExecution);
  }

  /** How many executions the store holds. */
  get executionCount(): number {
    return (this.#get('SELECT count(*) AS n FROM executions') as { n: number }).n;
  }

  /** Appends one history event of an execution (as the engine records it). */
  appendEvent(executionArn: string, event: HistoryEvent): void {
    this.#run(
      'INSERT OR REPLACE INTO events (execution_arn, id, body) VALUES (?, ?, ?)',
      executionArn,
      event.id,
      JSON.stringify(event),
    );
  }

  /** An execution's history, in order. */
  events(executionArn: string): HistoryEvent[] {
    return this.#all(
      'SELECT body FROM events WHERE execution_arn = ? ORDER BY id',
      executionArn,
    ).map((row) => {
      const event = JSON.parse(row.body as string) as HistoryEvent & { timestamp: string };
      return { ...event, timestamp: new Date(event.timestamp) } as HistoryEvent;
    });
  }

  addNotification(notification: StoredNotification): void {
    this.#run(
      `INSERT INTO notifications (kind, target, execution_arn, state_name, body, timestamp)
        VALUES (?, ?, ?, ?, ?, ?)`,
      notification.kind,
      notification.target,
      notification.executionArn ?? null,
      notification.stateName ?? null,
      JSON.stringify(notification.body),
      notification.timestamp.getTime(),
    );
  }

  /** Messages sent, oldest first; of one execution and of one kind when given. */
  notifications(filter: { executionArn?: string; kind?: string } = {}): StoredNotification[] {
    const where: string[] = [];
    const values: string[] = [];
    if (filter.executionArn !== undefined) {
      where.push('execution_arn = ?');
      values.push(filter.executionArn);
    }
    if (filter.kind !== undefined) {
      where.push('kind = ?');
      values.push(filter.kind);
    }
    const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    return this.#all(`SELECT * FROM notifications ${clause} ORDER BY seq`, ...values).map(
      (row) => ({
        kind: row.kind as StoredNotification['kind'],
        target: row.target as string,
        ...(text(row.execution_arn) ? { executionArn: row.execution_arn as string } : {}),
        ...(text(row.state_name) ? { stateName: row.state_name as string } : {}),
        body: JSON.parse(row.body as string) as Record<string, unknown>,
        timestamp: new Date(row.timestamp as number),
      }),
    );
  }

  #statement(sql: string): StatementSync {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  /** Queues a write for this turn's transaction. */
  #run(sql: string, ...values: (string | number | null)[]): void {
    this.#pending.push([this.#statement(sql), values]);
    // A program that never yields to the event loop still gets its writes committed
    // (unless commits are failing: then they wait for the retry).
    if (this.#pending.length >= MAX_PENDING_WRITES && this.#failedAttempts === 0)
      this.#flushInBackground();
    else this.#scheduleFlush();
  }

  #get(sql: string, ...values: (string | number | null)[]): Row | undefined {
    this.flush();
    return this.#statement(sql).get(...values) as Row | undefined;
  }

  #all(sql: string, ...values: (string | number | null)[]): Row[] {
    this.flush();
    return this.#statement(sql).all(...values) as Row[];
  }
}

function toExecution(row: Row): StoredExecution {
  return {
    executionArn: row.arn as string,
    stateMachineArn: row.state_machine_arn as string,
    name: row.name as string,
    status: row.status as StoredExecution['status'],
    startDate: new Date(row.start_date as number),
    ...(date(row.stop_date) ? { stopDate: date(row.stop_date) as Date } : {}),
    input: row.input as string,
    ...(text(row.output) !== undefined ? { output: row.output as string } : {}),
    ...(text(row.error) !== undefined ? { error: row.error as string } : {}),
    ...(text(row.cause) !== undefined ? { cause: row.cause as string } : {}),
    ...(text(row.revision_id) !== undefined ? { revisionId: row.revision_id as string } : {}),
    ...(text(row.version_arn) !== undefined
      ? { stateMachineVersionArn: row.version_arn as string }
      : {}),
    ...(text(row.alias_arn) !== undefined ? { stateMachineAliasArn: row.alias_arn as string } : {}),
  };
}

/** Adds the columns a data dir of an earlier release lacks (see {@link ADDED_COLUMNS}). */
function migrate(db: DatabaseSync): void {
  for (const { table, column, definition } of ADDED_COLUMNS) {
    const columns = db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[];
    if (!columns.some((c) => c.name === column)) {
      db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${definition}`);
    }
  }
}
