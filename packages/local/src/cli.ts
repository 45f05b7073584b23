import { main } from './cli/main.js';

// `serve` runs until interrupted, then closes the runner; `run` keeps Node's default
// handling (Ctrl-C ends it at once).
const stop = new AbortController();
if (process.argv.slice(2).includes('serve')) {
  process.once('SIGINT', () => stop.abort());
  process.once('SIGTERM', () => stop.abort());
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
