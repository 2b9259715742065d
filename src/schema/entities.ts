import { GraphQLError, isUnionType, type GraphQLFieldResolver, type GraphQLSchema } from "graphql";

/** Why a representation cannot be resolved, or null when it names an entity type of this subgraph. */
function problemOf(representation: unknown, entityTypes: ReadonlySet<string>): string | null {
  if (!representation || typeof representation !== "object" || Array.isArray(representation)) return "is not an object";
  const typename = (representation as { __typename?: unknown }).__typename;
  if (typeof typename !== "string") return "has no __typename";
  if (!entityTypes.has(typename)) return `names ${JSON.stringify(typename.slice(0, 64))}, which is not an entity of this subgraph`;
  return null;
}

/**
 * `_entities` answers representations that are not objects, or name no entity type of this
 * subgraph, as the caller's mistake (BAD_USER_INPUT) before resolving any: @apollo/subgraph
 * throws a plain error for them, which would be an internal error.
 */
export function guardEntityRepresentations(schema: GraphQLSchema): GraphQLSchema {
  const field = schema.getQueryType()?.getFields()["_entities"];
  const union = schema.getType("_Entity");
  if (!field?.resolve || !isUnionType(union)) return schema;
  const entityTypes = new Set(union.getTypes().map((t) => t.name));
  const resolve = field.resolve as GraphQLFieldResolver<unknown, unknown, { representations: unknown[] }>;
  field.resolve = (source, args, context, info) => {
    const representations: unknown[] = Array.isArray(args.representations) ? args.representations : [];
    representations.forEach((representation, index) => {
      const problem = problemOf(representation, entityTypes);
      if (problem) {
        throw new GraphQLError(`Representation ${index} ${problem}.`, { extensions: { code: "BAD_USER_INPUT" } });
      }
    });
    return resolve(source, args, context, info);
  };
  return schema;
}
