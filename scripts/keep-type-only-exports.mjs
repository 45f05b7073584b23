// Run after tsup: puts back the `type` modifier that tsup's declaration bundler
// (rollup-plugin-dts, bundled in tsup 8.5) drops when a class is re-exported with
// `export type { SomeClass }`. Without it the bundled .d.ts exports the class as a value, so
// `import { SomeClass } from '...'` and `new SomeClass()` type-check for users and then fail at
// run time: the JavaScript build (rightly) exports no such value. Upstream:
// https://github.com/Swatinem/rollup-plugin-dts/issues/311.
//
// Usage: node keep-type-only-exports.mjs <source entry> <bundled .d.ts>...
// e.g.   node ../../scripts/keep-type-only-exports.mjs src/index.ts dist/index.d.ts dist/index.d.cts
import { readFileSync, writeFileSync } from 'node:fs';
import ts from 'typescript';

/** The export declarations (`export { a, type b }` / `export type { c } from '...'`) of a file. */
function exportDeclarations(file) {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const declarations = source.statements.filter(
    (statement) =>
      ts.isExportDeclaration(statement) &&
      statement.exportClause &&
      ts.isNamedExports(statement.exportClause),
  );
  return { text, declarations };
}

/** The names `entry` exports with `export type { ... }` or `export { type ... }`. */
function typeOnlyExports(entry) {
  const names = new Set();
  for (const declaration of exportDeclarations(entry).declarations) {
    for (const specifier of declaration.exportClause.elements) {
      if (declaration.isTypeOnly || specifier.isTypeOnly) names.add(specifier.name.text);
    }
  }
  return names;
}

/** Adds `type` to the specifiers of `file` that export one of `names` as a value. */
function markTypeOnly(file, names) {
  const { text, declarations } = exportDeclarations(file);
  const insertions = [];
  const seen = new Set();
  for (const declaration of declarations) {
    for (const specifier of declaration.exportClause.elements) {
      const name = specifier.name.text;
      if (!names.has(name)) continue;
      seen.add(name);
      if (!declaration.isTypeOnly && !specifier.isTypeOnly) insertions.push(specifier.getStart());
    }
  }
  const missing = [...names].filter((name) => !seen.has(name));
  if (missing.length > 0) {
    throw new Error(
      `${file} does not export ${missing.join(', ')}, which the source entry exports as types: was it built from that entry?`,
    );
  }
  let patched = text;
  for (const position of insertions.sort((a, b) => b - a)) {
    patched = `${patched.slice(0, position)}type ${patched.slice(position)}`;
  }
  writeFileSync(file, patched);
  return insertions.length;
}

const [entry, ...declarationFiles] = process.argv.slice(2);
if (!entry || declarationFiles.length === 0) {
  throw new Error(
    'usage: node keep-type-only-exports.mjs <source entry> <bundled .d.ts>... (e.g. src/index.ts dist/index.d.ts dist/index.d.cts)',
  );
}
const names = typeOnlyExports(entry);
for (const file of declarationFiles) markTypeOnly(file, names);
