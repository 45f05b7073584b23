import type { IncomingMessage } from 'node:http';
import { redactTokensIn } from '../model/token-redaction.js';

/** Where the line goes: stderr, which `serve` keeps for what goes wrong. */
type Sink = (line: string) => void;

let sink: Sink = (line) => process.stderr.write(`${line}\n`);

/** Sends the lines elsewhere (tests); returns the previous sink. */
export function setInternalFailureSink(next: Sink): Sink {
  const previous = sink;
  sink = next;
  return previous;
}

/**
 * One line on stderr for an unexpected exception while answering a request: the method, the
 * path (never the query, which may carry the console's secret), and the error's name,
 * message and the top of its stack, with every task token redacted.
 */
export function reportInternalFailure(request: IncomingMessage, error: unknown): void {
  try {
    const target = request.url ?? '';
    const path = target.split('?', 1)[0]?.slice(0, 200) ?? '';
    const described =
      error instanceof Error
        ? `${error.name}: ${error.message} ${(error.stack ?? '')
            .split('\n')
            .slice(1, 4)
            .map((l) => l.trim())
            .join(' ')}`
        : String(error);
    sink(
      `sfn-callback-local: internal failure answering ${request.method ?? '?'} ${JSON.stringify(path)}: ${redactTokensIn(described).slice(0, 2000)}`,
    );
  } catch {
    // Reporting must never be what fails.
  }
}
