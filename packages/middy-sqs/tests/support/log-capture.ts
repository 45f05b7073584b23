import { type CallbackLogger, createJsonLogger } from '../../src/index.js';

/** A JSON logger that keeps its lines (and so writes nothing). */
export function captureLogger(level: 'debug' | 'info' = 'debug'): {
  logger: CallbackLogger;
  lines: string[];
  entries: () => Record<string, unknown>[];
} {
  const lines: string[] = [];
  return {
    logger: createJsonLogger({ level, write: (line) => lines.push(line) }),
    lines,
    entries: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}
