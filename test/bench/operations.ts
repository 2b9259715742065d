import { readdirSync, readFileSync } from "node:fs";
import { Kind, parse, print, type DefinitionNode, type FragmentDefinitionNode } from "graphql";

const OPERATIONS = new URL("../operations/", import.meta.url);

/**
 * One operation of test/operations/<file>.graphql with the fragments it spreads (from any file
 * there, as codegen sees them), as text: the bench sends exactly what the integration tests send.
 */
export function operationText(file: string, name: string): string {
  const document = parse(readFileSync(new URL(file, OPERATIONS), "utf8"));
  const everything = readdirSync(OPERATIONS)
    .filter((f) => f.endsWith(".graphql"))
    .flatMap((f) => parse(readFileSync(new URL(f, OPERATIONS), "utf8")).definitions);
  const fragments = new Map(everything.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION && d.name?.value === name);
  if (!operation) throw new Error(`no operation ${name} in test/operations/${file}`);
  const included: DefinitionNode[] = [operation];
  const seen = new Set<string>();
  for (let i = 0; i < included.length; i++) {
    for (const [, spread] of print(included[i]!).matchAll(/\.\.\.\s*([_A-Za-z][_0-9A-Za-z]*)/g)) {
      const fragment = fragments.get(spread!);
      if (fragment && !seen.has(spread!)) {
        seen.add(spread!);
        included.push(fragment);
      }
    }
  }
  return included.map((d) => print(d)).join("\n\n");
}
