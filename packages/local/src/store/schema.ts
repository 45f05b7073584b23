/**
 * The store's tables. Executions keep their insertion order (`seq`) so that lists are
 * newest first as AWS lists them; history events are keyed by execution and event id.
 */
export const SCHEMA = `
CREATE TABLE IF NOT EXISTS state_machines (
  arn TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  type TEXT NOT NULL,
  role_arn TEXT NOT NULL,
  definition TEXT NOT NULL,
  creation_date INTEGER NOT NULL,
  update_date INTEGER,
  revision_id TEXT,
  description TEXT
);
CREATE TABLE IF NOT EXISTS executions (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  arn TEXT NOT NULL UNIQUE,
  state_machine_arn TEXT NOT NULL,
  name TEXT NOT NULL,
  status TEXT NOT NULL,
  start_date INTEGER NOT NULL,
  stop_date INTEGER,
  input TEXT NOT NULL,
  output TEXT,
  error TEXT,
  cause TEXT,
  revision_id TEXT
);
CREATE INDEX IF NOT EXISTS executions_by_machine ON executions (state_machine_arn, seq);
CREATE TABLE IF NOT EXISTS revisions (
  revision_id TEXT PRIMARY KEY,
  state_machine_arn TEXT NOT NULL,
  definition TEXT NOT NULL,
  role_arn TEXT NOT NULL,
  update_date INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
  execution_arn TEXT NOT NULL,
  id INTEGER NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (execution_arn, id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS notifications (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL,
  target TEXT NOT NULL,
  execution_arn TEXT,
  state_name TEXT,
  body TEXT NOT NULL,
  timestamp INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS notifications_by_execution ON notifications (execution_arn, seq);
CREATE TABLE IF NOT EXISTS execution_redrives (
  execution_arn TEXT PRIMARY KEY,
  redrive_count INTEGER NOT NULL,
  redrive_date INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS map_runs (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  arn TEXT NOT NULL UNIQUE,
  execution_arn TEXT NOT NULL,
  description TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS map_runs_by_execution ON map_runs (execution_arn, seq);
CREATE TABLE IF NOT EXISTS map_run_children (
  map_run_arn TEXT NOT NULL,
  execution_arn TEXT NOT NULL,
  item_index INTEGER NOT NULL,
  item_count INTEGER NOT NULL,
  execution_type TEXT NOT NULL,
  PRIMARY KEY (map_run_arn, execution_arn)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS activities (
  arn TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  creation_date INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS state_machine_versions (
  arn TEXT PRIMARY KEY,
  state_machine_arn TEXT NOT NULL,
  version INTEGER NOT NULL,
  revision_id TEXT NOT NULL,
  description TEXT,
  creation_date INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS state_machine_aliases (
  arn TEXT PRIMARY KEY,
  state_machine_arn TEXT NOT NULL,
  name TEXT NOT NULL,
  description TEXT,
  routing TEXT NOT NULL,
  creation_date INTEGER NOT NULL,
  update_date INTEGER
);
CREATE TABLE IF NOT EXISTS tags (
  resource_arn TEXT NOT NULL,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  seq INTEGER NOT NULL,
  PRIMARY KEY (resource_arn, key)
) WITHOUT ROWID;
`;

/**
 * Columns added after the first release, with their definitions: a data dir written by an
 * earlier `serve` gets them when it is opened (SQLite's `ALTER TABLE … ADD COLUMN`; the rows
 * already there read NULL). New tables need no entry: the schema creates them if missing.
 */
export const ADDED_COLUMNS: readonly { table: string; column: string; definition: string }[] = [
  { table: 'executions', column: 'version_arn', definition: 'TEXT' },
  { table: 'executions', column: 'alias_arn', definition: 'TEXT' },
  { table: 'state_machines', column: 'version_count', definition: 'INTEGER NOT NULL DEFAULT 0' },
];
