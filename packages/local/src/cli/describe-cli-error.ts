import { LocalRunnerError } from '../errors.js';

/** What the CLI knows about the run that failed, to word the line. */
export interface CliErrorContext {
  /** The `--port` asked for (0: any free one). */
  readonly port?: number;
}

/** The first line of a message: an error's message may hold a dump on the lines below. */
function firstLine(text: string): string {
  return text.split('\n', 1)[0]?.trim() ?? '';
}

/**
 * The option that answers each of the runner's "choose one" errors: the runner words them
 * for every caller (a library caller passes `stack` / `stateMachine`), the CLI names its flag.
 */
const CHOICES: readonly (readonly [RegExp, string])[] = [
  [/^several stacks hold a state machine .*: choose one$/, '--stack <name>'],
  [/^the stack has \d+ state machines .*: choose one$/, '--state-machine <name>'],
];

/** The runner's message, with the CLI option to pass when it asks the user to choose. */
function withOption(message: string): string {
  const option = CHOICES.find(([asks]) => asks.test(message))?.[1];
  return option === undefined ? message : `${message} with ${option}`;
}

/**
 * The one line the CLI prints for an error that stopped it (never a stack trace): the
 * message of the errors it raises for the user (usage, assembly, unsupported feature), a
 * sentence for the system errors a user can fix (a port in use or not allowed), else the
 * error's name and the first line of its message.
 */
export function describeCliError(error: unknown, context: CliErrorContext = {}): string {
  if (error instanceof LocalRunnerError) return withOption(firstLine(error.message));
  if (!(error instanceof Error)) return `unexpected failure: ${firstLine(String(error))}`;
  const system = error as NodeJS.ErrnoException & { port?: number };
  const port = system.port ?? context.port;
  if (system.code === 'EADDRINUSE') {
    return `port ${port} on 127.0.0.1 is in use: stop what listens there, choose another --port, or leave --port out for a free one`;
  }
  if (system.code === 'EACCES' && system.syscall === 'listen') {
    return `port ${port} on 127.0.0.1 may not be opened by this user: choose a port above 1023, or leave --port out for a free one`;
  }
  return `${error.name}: ${firstLine(error.message)}`;
}
