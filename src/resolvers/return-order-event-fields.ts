import { collectSubFields } from "@graphql-tools/utils";
import { getNamedType, GraphQLError, GraphQLObjectType, type GraphQLResolveInfo } from "graphql";
import type { RequestContext } from "../context.js";
import { encodeEventId } from "../returns/feed.js";
import type { OrderKey, ReturnOrder, ReturnOrderEvent } from "../returns/model.js";

/** What an event knows of its order without asking the provider: enough for these fields. */
const KEY_FIELDS = new Set(["__typename", "id", "provider", "account", "providerOrderNo"]);

function selectsOnlyKeyFields(info: GraphQLResolveInfo): boolean {
  const type = getNamedType(info.returnType);
  if (!(type instanceof GraphQLObjectType)) return false;
  const fields = collectSubFields(info.schema, info.fragments, info.variableValues, type, [...info.fieldNodes]).fields;
  return [...fields.values()].every((nodes) => KEY_FIELDS.has(nodes[0]!.name.value));
}

/**
 * The computed `ReturnOrderEvent` fields, as plain resolvers (see return-order-fields.ts for why
 * not type-graphql's). Shared by every place an event is answered: an order's `events`, the feed.
 */
export const returnOrderEventFields = {
  id: (event: ReturnOrderEvent): string => encodeEventId(event.sequence),
  /**
   * A selection of the order's keys alone is answered from the event, so a feed of orders whose
   * provider is down still pages. Anything more loads the order through the request's loader:
   * one provider batch per account for the whole page, and none for an order already loaded.
   */
  order: (event: ReturnOrderEvent, _args: unknown, ctx: RequestContext, info: GraphQLResolveInfo): OrderKey | Promise<ReturnOrder> => {
    const key = { provider: event.provider, account: event.account, providerOrderNo: event.providerOrderNo };
    if (selectsOnlyKeyFields(info)) return key;
    return ctx.loaders.orders.load(key).then((order) => {
      if (order) return order;
      throw new GraphQLError(`${key.provider} no longer answers for order ${key.providerOrderNo}; its id, provider and number are still readable.`, {
        extensions: { code: "PROVIDER_UNAVAILABLE", reason: "ORDER_NOT_FOUND" },
      });
    });
  },
};
