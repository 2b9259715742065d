import "reflect-metadata";
import { buildSubgraphSchema, printSubgraphSchema } from "@apollo/subgraph";
import { printSchemaWithDirectives } from "@graphql-tools/utils";
import { GraphQLObjectType, parse, type GraphQLSchema } from "graphql";
import { buildSchema, createResolversMap } from "type-graphql";
import type { RequestContext } from "../context.js";
import { MutationResolver } from "../resolvers/mutations.js";
import { ReturnOrderResolver } from "../resolvers/return-order.js";
import { RETURN_PROVIDERS, type ReturnProvider } from "../returns/model.js";

const FEDERATION_LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable"])`;

type Reference = { id?: unknown; provider?: unknown; providerOrderNo?: unknown };

/** `ReturnOrder` entities by either key; anything malformed resolves to null, never an error. */
async function resolveReference(reference: Reference, ctx: RequestContext) {
  if (typeof reference.id === "string") return ctx.service.get(reference.id, ctx.loaders);
  if (
    typeof reference.provider === "string" &&
    (RETURN_PROVIDERS as readonly string[]).includes(reference.provider) &&
    typeof reference.providerOrderNo === "string" &&
    reference.providerOrderNo.length > 0 &&
    reference.providerOrderNo.length <= 128
  ) {
    return ctx.service.getByNumber(reference.provider as ReturnProvider, reference.providerOrderNo, ctx.loaders);
  }
  return null;
}

/** The object types whose fields a resolver class computes (its `@FieldResolver` methods), by type name. */
const COMPUTED_FIELDS: Record<string, object> = { ReturnOrder: ReturnOrderResolver.prototype };

/**
 * Drops type-graphql's resolver from every plain property (a field no resolver class computes).
 * type-graphql gives each one a resolver that reads `root[name]` through the middleware chain,
 * allocating per call even with no middleware; graphql-js's default resolver reads the same
 * property for free. A 50-order page resolves some 2,000 such fields.
 */
export function withoutPropertyResolvers(schema: GraphQLSchema, resolvers: Record<string, object>): Record<string, object> {
  const root = new Set([schema.getQueryType()?.name, schema.getMutationType()?.name]);
  return Object.fromEntries(
    Object.entries(resolvers).map(([typeName, fields]) => {
      if (root.has(typeName) || !(schema.getType(typeName) instanceof GraphQLObjectType)) return [typeName, fields];
      const computed = COMPUTED_FIELDS[typeName] as Record<string, unknown> | undefined;
      const kept = Object.entries(fields).filter(([name]) => name.startsWith("__") || typeof computed?.[name] === "function");
      return [typeName, Object.fromEntries(kept)];
    }),
  );
}

/**
 * The federated schema, built the way type-graphql's Apollo Federation 2 example does it:
 * type-graphql schema → SDL with directives → buildSubgraphSchema with the reference resolvers.
 */
export async function buildReturnsSchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: [ReturnOrderResolver, MutationResolver],
    // Validation is ours: violations are answered as InvalidInput data, not top-level errors.
    validate: false,
    skipCheck: true,
  });
  const resolvers = withoutPropertyResolvers(schema, createResolversMap(schema) as Record<string, object>);
  resolvers["ReturnOrder"] = { ...resolvers["ReturnOrder"], __resolveReference: resolveReference };
  return buildSubgraphSchema({
    typeDefs: parse(`${FEDERATION_LINK}\n\n${printSchemaWithDirectives(schema)}`),
    resolvers: resolvers as never,
  });
}

/** The SDL the subgraph serves at `_service { sdl }` and that `schema/returns.graphql` holds. */
export async function emitSdl(): Promise<string> {
  return `${printSubgraphSchema(await buildReturnsSchema()).trim()}\n`;
}
