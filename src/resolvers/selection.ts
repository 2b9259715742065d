import { collectSubFields } from "@graphql-tools/utils";
import { getNamedType, GraphQLObjectType, type FieldNode, type GraphQLResolveInfo } from "graphql";

/** The object type a field of `type` named `name` returns, unwrapped from lists and non-null. */
function fieldType(type: GraphQLObjectType, name: string): GraphQLObjectType | null {
  const named = type.getFields()[name] ? getNamedType(type.getFields()[name]!.type) : null;
  return named instanceof GraphQLObjectType ? named : null;
}

/**
 * Whether the operation selects `field` on the orders of the connection this resolver returns,
 * through `nodes { … }` or `edges { node { … } }`, following fragments and `@skip`/`@include`
 * exactly as execution will.
 */
export function connectionSelectsOrderField(info: GraphQLResolveInfo, field: string): boolean {
  const sub = (type: GraphQLObjectType, nodes: readonly FieldNode[]) =>
    collectSubFields(info.schema, info.fragments, info.variableValues, type, [...nodes]).fields;
  const connectionType = getNamedType(info.returnType);
  if (!(connectionType instanceof GraphQLObjectType)) return false;
  const orderSelections: { type: GraphQLObjectType; nodes: FieldNode[] }[] = [];
  for (const [, nodes] of sub(connectionType, info.fieldNodes)) {
    const name = nodes[0]!.name.value;
    const type = fieldType(connectionType, name);
    if (!type) continue;
    if (name === "nodes") orderSelections.push({ type, nodes });
    if (name === "edges") {
      for (const [, edgeNodes] of sub(type, nodes)) {
        const nodeType = edgeNodes[0]!.name.value === "node" ? fieldType(type, "node") : null;
        if (nodeType) orderSelections.push({ type: nodeType, nodes: edgeNodes });
      }
    }
  }
  return orderSelections.some(({ type, nodes }) => [...sub(type, nodes).values()].some((f) => f[0]!.name.value === field));
}
