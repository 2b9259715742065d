import "reflect-metadata";
import { buildSubgraphSchema, printSubgraphSchema } from "@apollo/subgraph";
import { printSchemaWithDirectives } from "@graphql-tools/utils";
import { GraphQLEnumType, GraphQLScalarType, parse, type GraphQLSchema } from "graphql";
import { buildSchema, createResolversMap } from "type-graphql";
import type { RequestContext } from "../context.js";
import { MutationResolver } from "../resolvers/mutations.js";
import { ReturnOrderResolver } from "../resolvers/return-order.js";
import { returnOrderEventFields } from "../resolvers/return-order-event-fields.js";
import { ReturnOrderEventResolver } from "../resolvers/return-order-events.js";
import { returnOrderFields } from "../resolvers/return-order-fields.js";
import { RETURN_PROVIDERS, type ReturnProvider } from "../returns/model.js";
import { guardEntityRepresentations } from "./entities.js";

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

/**
 * Keeps type-graphql's resolvers for the root operations, scalars and enums only; every other
 * field and abstract type uses graphql-js's defaults. type-graphql gives each field a resolver that reads
 * `root[name]` through its middleware chain, allocating per call even with no middleware, and
 * gives each union and interface an async type resolver: one promise per value, which makes
 * graphql-js complete every order asynchronously. graphql-js's default field resolver reads the
 * same property, and its default type resolver reads `__typename`, which every value of an
 * abstract type here carries. The few computed fields have plain resolvers (`returnOrderFields`).
 * A 50-order page resolves some 2,000 fields.
 */
export function withDefaultResolvers(schema: GraphQLSchema, resolvers: Record<string, object>): Record<string, object> {
  const root = new Set([schema.getQueryType()?.name, schema.getMutationType()?.name]);
  return Object.fromEntries(Object.entries(resolvers).filter(([typeName]) => root.has(typeName) || isScalarOrEnum(schema, typeName)));
}

const isScalarOrEnum = (schema: GraphQLSchema, typeName: string) => {
  const type = schema.getType(typeName);
  return type instanceof GraphQLScalarType || type instanceof GraphQLEnumType;
};

/** type-graphql has no decorator for the root types themselves; their descriptions are set here. */
function describeRootTypes(schema: GraphQLSchema): void {
  const query = schema.getQueryType();
  const mutation = schema.getMutationType();
  if (query) query.description = "Reads: return orders of every provider, one by id or in merged pages, and the providers configured.";
  if (mutation) mutation.description = "Writes: create, update and cancel return orders at their provider; expected failures are answered as data (UserError).";
}

/**
 * The federated schema, built the way type-graphql's Apollo Federation 2 example does it:
 * type-graphql schema → SDL with directives → buildSubgraphSchema with the reference resolvers.
 */
export async function buildReturnsSchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: [ReturnOrderResolver, ReturnOrderEventResolver, MutationResolver],
    // Validation is ours: violations are answered as InvalidInput data, not top-level errors.
    validate: false,
    skipCheck: true,
  });
  describeRootTypes(schema);
  const resolvers = withDefaultResolvers(schema, createResolversMap(schema) as Record<string, object>);
  resolvers["ReturnOrder"] = { ...returnOrderFields, __resolveReference: resolveReference };
  resolvers["ReturnOrderEvent"] = returnOrderEventFields;
  return guardEntityRepresentations(
    buildSubgraphSchema({
      typeDefs: parse(`${FEDERATION_LINK}\n\n${printSchemaWithDirectives(schema)}`),
      resolvers: resolvers as never,
    }),
  );
}

/** The SDL the subgraph serves at `_service { sdl }` and that `schema/returns.graphql` holds. */
export async function emitSdl(): Promise<string> {
  return `${printSubgraphSchema(await buildReturnsSchema()).trim()}\n`;
}
