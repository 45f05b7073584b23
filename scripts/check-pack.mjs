// Packs the package in the current directory exactly as `pnpm publish` would (its `prepack`
// script builds it first), then checks that tarball, not the source folder:
//
// 1. it holds its build (every file `exports` / `main` / `types` / `bin` name is in it);
// 2. publint and @arethetypeswrong/cli find nothing;
// 3. it installs alone with plain npm in a scratch project outside the workspace, with
//    only its peer dependencies at the bottom of their ranges (and the tarballs of the
//    workspace packages it depends on, which are not on the registry before a first
//    release), and loads with `import` and `require`. A dependency the package uses but
//    does not declare fails here;
// 4. there, for every entry point, the names its ESM and CJS type declarations export as
//    values are exactly the names `import()` and `require()` return (a class exported with
//    `export type` in the source must not become a value in the bundled .d.ts).
//
// SKIP_INSTALL_CHECK=1 skips steps 3 and 4 (it needs npm's cache or the registry).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { declaredValueExports } from './declared-value-exports.mjs';

const packageDir = process.cwd();
const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
const destination = mkdtempSync(join(tmpdir(), 'sfn-callback-pack-'));

/** Packs the package in `dir` into `into`; returns the tarball's path. */
function pack(dir, into) {
  const out = execFileSync('pnpm', ['pack', '--json', '--pack-destination', into], {
    cwd: dir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // pnpm prints the prepack script's output before the JSON.
  const json = JSON.parse(out.slice(out.indexOf('{')));
  return resolve(into, json.filename);
}

/** The file names in a .tgz (ustar headers), without the leading `package/`. */
function tarballFiles(tarball) {
  const data = gunzipSync(tarball);
  const names = [];
  for (let offset = 0; offset + 512 <= data.length; ) {
    const header = data.subarray(offset, offset + 512);
    const name = header.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '');
    if (name === '') break;
    const prefix = header.subarray(345, 500).toString('utf8').replace(/\0.*$/s, '');
    const size = Number.parseInt(header.subarray(124, 136).toString('utf8').trim() || '0', 8);
    names.push((prefix ? `${prefix}/${name}` : name).replace(/^package\//, ''));
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return names;
}

/** Every file the manifest points users at. */
function declaredEntryFiles(pkg) {
  const files = new Set();
  const walk = (value) => {
    if (typeof value === 'string') files.add(value.replace(/^\.\//, ''));
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(pkg.exports);
  walk(pkg.main);
  walk(pkg.module);
  walk(pkg.types);
  walk(pkg.bin);
  return [...files];
}

/** The lowest version a peer range accepts (`^2.276.0` → `2.276.0`). */
function bottomOf(range) {
  const match = /(\d+\.\d+\.\d+)/.exec(range);
  if (!match) throw new Error(`cannot tell the lowest version of the range "${range}"`);
  return match[1];
}

/** Folder of each workspace package, by name. */
function workspaceFolders() {
  const root = resolve(packageDir, '../..');
  const folders = new Map();
  for (const entry of readdirSync(join(root, 'packages'))) {
    const folder = join(root, 'packages', entry);
    try {
      folders.set(JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')).name, folder);
    } catch {
      // not a package
    }
  }
  return folders;
}

/**
 * Entry points that only load inside a test runner (they install matchers into its `expect`,
 * which throws outside a run), with where they are loaded instead.
 */
const LOADS_ONLY_IN_A_RUNNER = {
  '@sfn-callback/testing/vitest':
    "it extends vitest's expect, which works only inside a vitest run (packages/testing/tests/readme runs it there)",
};

/** The import specifiers of the package's entry points (`name`, `name/contract`, ...). */
function entryPoints() {
  const exportsMap = manifest.exports ?? { '.': manifest.main };
  return Object.entries(exportsMap)
    .filter(([subpath]) => subpath !== './package.json')
    .map(([subpath, target]) => ({
      specifier: subpath === '.' ? manifest.name : `${manifest.name}${subpath.slice(1)}`,
      // A CommonJS build only where the entry has a `require` condition.
      kinds: target && typeof target === 'object' && 'require' in target ? ['esm', 'cjs'] : ['esm'],
    }));
}

/** What `import()` or `require()` of `specifier` returns in `scratch`: its keys, sorted. */
function runtimeExports(scratch, specifier, kind) {
  const quoted = JSON.stringify(specifier);
  const args =
    kind === 'esm'
      ? [
          '--input-type=module',
          '-e',
          `console.log(JSON.stringify(Object.keys(await import(${quoted}))));`,
        ]
      : ['-e', `console.log(JSON.stringify(Object.keys(require(${quoted}))));`];
  const out = execFileSync(process.execPath, args, {
    cwd: scratch,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(out.trim().split('\n').at(-1)).sort();
}

/**
 * Loads every entry point with `import` (and `require` where it has a CommonJS build) and
 * checks that its type declarations promise exactly the values it has.
 */
function checkDeclaredValuesExist(scratch) {
  const mismatches = [];
  for (const { specifier, kinds } of entryPoints()) {
    if (Object.hasOwn(LOADS_ONLY_IN_A_RUNNER, specifier)) {
      console.log(`exports: ${specifier} not loaded here: ${LOADS_ONLY_IN_A_RUNNER[specifier]}`);
      continue;
    }
    for (const kind of kinds) {
      const atRunTime = runtimeExports(scratch, specifier, kind);
      const declared = declaredValueExports(scratch, specifier, kind);
      const notAtRunTime = declared.filter((name) => !atRunTime.includes(name));
      const undeclared = atRunTime.filter((name) => !declared.includes(name));
      const how = kind === 'esm' ? 'import()' : 'require()';
      if (notAtRunTime.length > 0) {
        mismatches.push(
          `${specifier} (${kind}): its declarations export as values ${notAtRunTime.join(', ')}, which ${how} does not return: export them as types (\`export type\`) in the bundled .d.ts, or export the values`,
        );
      }
      if (undeclared.length > 0) {
        mismatches.push(
          `${specifier} (${kind}): ${how} returns ${undeclared.join(', ')}, which its declarations do not export as values: declare them, or stop exporting them`,
        );
      }
    }
  }
  if (mismatches.length > 0) {
    throw new Error(`the type declarations and the code disagree:\n  ${mismatches.join('\n  ')}`);
  }
  console.log(
    `exports: the value exports of ${manifest.name}'s declarations match what import() / require() return`,
  );
}

function checkInstallsAlone(tarballPath) {
  const scratch = mkdtempSync(join(tmpdir(), 'sfn-callback-alone-'));
  try {
    const dependencies = { [manifest.name]: `file:${tarballPath}` };
    for (const [name, range] of Object.entries(manifest.peerDependencies ?? {})) {
      // An optional peer from the workspace stays out (the package must load without it);
      // one from the registry comes in, as an entry point may need it (testing's `/vitest`).
      if (manifest.peerDependenciesMeta?.[name]?.optional && String(range).startsWith('workspace:'))
        continue;
      dependencies[name] = bottomOf(range);
    }
    const folders = workspaceFolders();
    for (const [name, range] of Object.entries(manifest.dependencies ?? {})) {
      if (!String(range).startsWith('workspace:')) continue;
      const dependency = JSON.parse(readFileSync(join(folders.get(name), 'package.json'), 'utf8'));
      dependencies[name] = `file:${pack(folders.get(name), scratch)}`;
      // Its own peers, at the bottom of its ranges too.
      for (const [peer, peerRange] of Object.entries(dependency.peerDependencies ?? {})) {
        dependencies[peer] ??= bottomOf(peerRange);
      }
    }
    writeFileSync(
      join(scratch, 'package.json'),
      JSON.stringify({ name: 'alone', private: true, version: '1.0.0', dependencies }),
    );
    execFileSync(
      'npm',
      ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'],
      { cwd: scratch, stdio: ['ignore', 'ignore', 'inherit'] },
    );
    checkDeclaredValuesExist(scratch);
    const others = Object.keys(dependencies).filter((name) => name.startsWith('@sfn-callback/'));
    console.log(
      `install: ${manifest.name} installs and loads with npm, with only its peers` +
        (others.length > 1 ? ` and ${others.filter((n) => n !== manifest.name).join(', ')}` : ''),
    );
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

try {
  const tarballPath = pack(packageDir, destination);
  const tarballName = tarballPath.slice(destination.length + 1);
  const tarball = readFileSync(tarballPath);

  const files = new Set(tarballFiles(tarball));
  const missing = declaredEntryFiles(manifest).filter((file) => !files.has(file));
  if (missing.length > 0) {
    throw new Error(
      `${tarballName} lacks the files its package.json points at (was it built?): ${missing.join(', ')}`,
    );
  }

  const { messages, pkg } = await publint({
    pack: {
      tarball: tarball.buffer.slice(tarball.byteOffset, tarball.byteOffset + tarball.byteLength),
    },
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

  if (process.env.SKIP_INSTALL_CHECK !== '1') checkInstallsAlone(tarballPath);
} finally {
  rmSync(destination, { recursive: true, force: true });
}
