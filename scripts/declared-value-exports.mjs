// Lists the names a package's type declarations export as values (classes, functions,
// constants, enums), as a consumer's TypeScript sees them: not the names exported as types
// only (interfaces, type aliases, `export type { SomeClass }`). check-pack.mjs compares them
// with what `import()` / `require()` return, so that a declaration bundler that drops a
// `type` modifier (a class exported as a type in the source, then as a value in the .d.ts)
// fails the pack check instead of type-checking for users and failing at run time.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

/**
 * The value exports of `specifier` as a consumer in `projectDir` (where the package is
 * installed) sees them through its ESM (`import * as`) or CommonJS (`import = require`)
 * declarations, resolved under `moduleResolution: NodeNext` like Node resolves the code.
 *
 * @returns the names, sorted.
 */
export function declaredValueExports(projectDir, specifier, kind) {
  const file = join(projectDir, kind === 'esm' ? 'declared-exports.mts' : 'declared-exports.cts');
  const quoted = JSON.stringify(specifier);
  writeFileSync(
    file,
    kind === 'esm'
      ? `import * as entry from ${quoted};\nexport { entry };\n`
      : `import entry = require(${quoted});\nexport { entry };\n`,
  );
  try {
    const program = ts.createProgram([file], {
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2023,
      strict: true,
      noEmit: true,
      // Only the entry's exports matter here; the declarations are type-checked elsewhere.
      skipLibCheck: true,
      types: [],
    });
    const source = program.getSourceFile(file);
    const [statement] = source.statements;
    const problems = program
      .getSemanticDiagnostics(source)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    if (problems.length > 0) {
      throw new Error(
        `TypeScript cannot read the ${kind} declarations of ${specifier}: ${problems.join('; ')}`,
      );
    }
    const name = ts.isImportDeclaration(statement)
      ? statement.importClause.namedBindings.name
      : statement.name;
    // The type of a module namespace has one property per value export; exports made with
    // `export type` (or that name only a type) are not among them.
    return program
      .getTypeChecker()
      .getTypeAtLocation(name)
      .getProperties()
      .map((property) => property.name)
      .sort();
  } finally {
    rmSync(file, { force: true });
  }
}
