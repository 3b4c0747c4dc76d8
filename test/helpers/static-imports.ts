// The modules a TypeScript entry loads before running: its static, value-carrying imports,
// followed through the project's sources (type-only imports and `import()` are left out,
// as they load nothing at start-up).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

export interface StaticImports {
  /** Project source files reached, relative to the root. */
  modules: string[];
  /** Each package reached, with the chain of files that reaches it first. */
  packages: Map<string, string[]>;
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function loadsAtRuntime(node: ts.Statement): string | null {
  if (ts.isImportDeclaration(node)) {
    const clause = node.importClause;
    if (clause?.isTypeOnly) return null;
    const named = clause?.namedBindings;
    const onlyTypes =
      clause && !clause.name && named && ts.isNamedImports(named) && named.elements.every((e) => e.isTypeOnly);
    return onlyTypes ? null : (node.moduleSpecifier as ts.StringLiteral).text;
  }
  if (ts.isExportDeclaration(node) && node.moduleSpecifier && !node.isTypeOnly) {
    return (node.moduleSpecifier as ts.StringLiteral).text;
  }
  return null;
}

function resolveSource(from: string, specifier: string): string | null {
  const base = resolve(dirname(from), specifier);
  for (const candidate of [base.replace(/\.js$/, '.ts'), base.replace(/\.js$/, '.tsx'), base]) {
    if (existsSync(candidate) && candidate.match(/\.(ts|tsx)$/)) return candidate;
  }
  return null;
}

export function staticImports(root: string, entry: string): StaticImports {
  const seen = new Map<string, string[]>();
  const packages = new Map<string, string[]>();
  const visit = (file: string, chain: string[]): void => {
    if (seen.has(file)) return;
    seen.set(file, chain);
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, false);
    for (const statement of source.statements) {
      const specifier = loadsAtRuntime(statement);
      if (specifier === null || specifier.startsWith('node:')) continue;
      if (!specifier.startsWith('.')) {
        if (!packages.has(packageName(specifier))) packages.set(packageName(specifier), chain);
        continue;
      }
      const target = resolveSource(file, specifier);
      if (target) visit(target, [...chain, relative(root, target)]);
    }
  };
  visit(join(root, entry), [entry]);
  return { modules: [...seen.keys()].map((file) => relative(root, file)), packages };
}
