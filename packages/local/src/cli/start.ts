import { main } from './main.js';
import { startedByPackageManager, stopWhenOrphaned } from './stop-when-orphaned.js';

// `serve` runs until interrupted, then closes the runner; `run` keeps Node's default
// handling (Ctrl-C ends it at once).
const serving = process.argv[2] === 'serve';
const stop = new AbortController();
if (serving) {
  // SIGHUP: the terminal that started it closed.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => stop.abort());
  }
  // A runner's shell may die of the signal without passing it on (see stopWhenOrphaned).
  if (startedByPackageManager()) stopWhenOrphaned(stop);
}

const code = await main(
  process.argv.slice(2),
  {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(text.startsWith('\r') ? text : `${text}\n`),
    interactive: process.stderr.isTTY === true,
  },
  stop.signal,
);
process.exitCode = code;
if (serving) {
  // Executions stopped by the interruption may leave the engine's Task timers behind: exit
  // once the output is flushed rather than wait for them.
  process.stdout.write('', () => process.exit(code));
}
