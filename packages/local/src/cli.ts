import { unsupportedNodeMessage } from './cli/node-requirement.js';

// The Node check comes before the rest of the CLI is imported: on an older Node, loading it
// would fail with an error that does not say why (node:sqlite is missing).
const unsupported = unsupportedNodeMessage(process.versions.node, process.execPath);
if (unsupported !== undefined) {
  process.stderr.write(`${unsupported}\n`);
  process.exitCode = 2;
} else {
  await import('./cli/start.js');
}
