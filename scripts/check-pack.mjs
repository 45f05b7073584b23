// Packs the package in the current directory exactly as `pnpm publish` would, then runs
// publint and @arethetypeswrong/cli on that tarball (not on the source folder), so the
// check sees what npm users will install.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';

const destination = mkdtempSync(join(tmpdir(), 'sfn-callback-pack-'));
try {
  execFileSync('pnpm', ['pack', '--pack-destination', destination], { stdio: 'ignore' });
  const tarballName = readdirSync(destination).find((file) => file.endsWith('.tgz'));
  if (!tarballName) throw new Error(`pnpm pack wrote no tarball to ${destination}`);
  const tarballPath = join(destination, tarballName);
  const tarball = readFileSync(tarballPath);

  const { messages, pkg } = await publint({
    pack: { tarball: tarball.buffer.slice(tarball.byteOffset, tarball.byteOffset + tarball.byteLength) },
    level: 'suggestion',
    strict: true,
  });
  for (const message of messages) {
    console.log(`publint ${message.type}: ${formatMessage(message, pkg)}`);
  }
  if (messages.length > 0) process.exitCode = 1;
  else console.log(`publint: ${tarballName} clean`);

  // attw exits non-zero on any problem; --profile node16 covers ESM and CJS under node16
  // resolution as well as bundlers.
  execFileSync('attw', [tarballPath, '--profile', 'node16', '--format', 'table-flipped'], {
    stdio: 'inherit',
  });
} finally {
  rmSync(destination, { recursive: true, force: true });
}
