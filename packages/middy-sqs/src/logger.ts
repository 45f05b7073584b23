/** Extra keys of a structured log line. */
export type LogAttributes = Record<string, unknown>;

/** Log levels, lowest first. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/**
 * What the wrapper needs of a logger: one method per level taking a message and one
 * object of extra keys. The Powertools `Logger` (`@aws-lambda-powertools/logger`) has this
 * shape and plugs in as is; so does `console`, though it does not write JSON.
 *
 * The wrapper never passes a full task token: only its redacted form (`redactToken`).
 */
export interface CallbackLogger {
  debug(message: string, attributes: LogAttributes): void;
  info(message: string, attributes: LogAttributes): void;
  warn(message: string, attributes: LogAttributes): void;
  error(message: string, attributes: LogAttributes): void;
}

/** Options of {@link createJsonLogger}. */
export interface JsonLoggerOptions {
  /**
   * Lowest level written.
   * @default the `AWS_LAMBDA_LOG_LEVEL` or `LOG_LEVEL` environment variable, else `'info'`
   */
  readonly level?: LogLevel;
  /**
   * Where each line goes (without its trailing newline).
   * @default a write to `process.stdout`
   */
  readonly write?: (line: string) => void;
}

const RANK: Readonly<Record<LogLevel, number>> = { debug: 10, info: 20, warn: 30, error: 40 };

function levelFromEnvironment(): LogLevel {
  const raw = (process.env.AWS_LAMBDA_LOG_LEVEL ?? process.env.LOG_LEVEL ?? '').toLowerCase();
  if (raw === 'trace') return 'debug';
  if (raw === 'fatal' || raw === 'critical') return 'error';
  return raw in RANK ? (raw as LogLevel) : 'info';
}

/** The function a logger from {@link createJsonLogger} has for a level that is off. */
const NOT_WRITTEN = (): void => {};

/**
 * Whether `logger` writes `level`: false only for a level that a logger from
 * {@link createJsonLogger} (or {@link silentLogger}) leaves out, so a caller can skip
 * building attributes nobody reads. Other loggers are assumed to write every level.
 */
export function isLevelEnabled(logger: CallbackLogger, level: LogLevel): boolean {
  return logger[level] !== NOT_WRITTEN;
}

/** Writes one line to stdout (the default of the logger and of the metrics). */
export const writeToStdout = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

/**
 * The default logger: one JSON object per line, `{ level, message, timestamp, ...attributes }`.
 * Errors in the attributes are written as `{ name, message, code }` (no stack).
 */
export function createJsonLogger(options: JsonLoggerOptions = {}): CallbackLogger {
  const threshold = RANK[options.level ?? levelFromEnvironment()];
  const write = options.write ?? writeToStdout;
  const log = (level: LogLevel) => {
    if (RANK[level] < threshold) return NOT_WRITTEN;
    const levelName = level.toUpperCase();
    return (message: string, attributes: LogAttributes) => {
      write(
        JSON.stringify(
          { level: levelName, message, timestamp: new Date().toISOString(), ...attributes },
          replaceErrors,
        ),
      );
    };
  };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

function replaceErrors(_key: string, value: unknown): unknown {
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    return code === undefined
      ? { name: value.name, message: value.message }
      : { name: value.name, message: value.message, code };
  }
  if (typeof value === 'bigint') return value.toString();
  return value;
}

/** A logger that writes nothing. */
// Pure: a bundle that does not use it leaves it out.
export const silentLogger: CallbackLogger = /* @__PURE__ */ Object.freeze({
  debug: NOT_WRITTEN,
  info: NOT_WRITTEN,
  warn: NOT_WRITTEN,
  error: NOT_WRITTEN,
});
