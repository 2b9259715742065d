import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import ts from "typescript";

// The project's own import graph as the TypeScript compiler reads it: relative imports only
// (packages are not the question), "import type" left out (erased, never loaded).

export interface ImportEdge {
  from: string;
  to: string;
  /** `import()` rather than a static import or re-export. */
  dynamic: boolean;
  /** Erased at compile time (`import type`, or only `type` names). */
  typeOnly: boolean;
}

function target(file: string, specifier: string): string | null {
  if (!specifier.startsWith(".")) return null;
  return resolve(dirname(file), specifier.replace(/\.js$/, ".ts"));
}

function erased(clause: ts.ImportClause | undefined): boolean {
  if (!clause) return false;
  if (clause.isTypeOnly) return true;
  const named = clause.namedBindings;
  return !clause.name && !!named && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly);
}

/** Every relative import of one file. */
export function importsOf(file: string): ImportEdge[] {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  const edges: ImportEdge[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const to = target(file, node.moduleSpecifier.text);
      if (to) edges.push({ from: file, to, dynamic: false, typeOnly: erased(node.importClause) });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const to = target(file, node.moduleSpecifier.text);
      if (to) edges.push({ from: file, to, dynamic: false, typeOnly: node.isTypeOnly });
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [argument] = node.arguments;
      const to = argument && ts.isStringLiteral(argument) ? target(file, argument.text) : null;
      if (to) edges.push({ from: file, to, dynamic: true, typeOnly: false });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return edges;
}

/** The files loaded with `entry`, following static runtime imports only; path → who imported it first. */
export function staticallyLoaded(entry: string): Map<string, string | null> {
  const reached = new Map<string, string | null>([[entry, null]]);
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (!file.endsWith(".ts")) continue;
    for (const edge of importsOf(file)) {
      if (edge.dynamic || edge.typeOnly || reached.has(edge.to)) continue;
      reached.set(edge.to, file);
      queue.push(edge.to);
    }
  }
  return reached;
}
