import type { RequestContext } from "../context.js";
import { encodeOrderId } from "../returns/ids.js";
import { keyString, type OrderCapabilities, type ReturnOrder, type ReturnOrderEvent } from "../returns/model.js";

/**
 * The `ReturnOrder` fields that are computed rather than read from the order, as plain
 * graphql-js resolvers. They are not type-graphql `@FieldResolver`s on purpose: type-graphql
 * copies the whole order into a fresh class instance on every such call (150 copies for a
 * 50-order page), which the list's hot path cannot afford. The fields themselves are declared,
 * typed and described on the `ReturnOrder` object type in `src/schema/order.ts`.
 */
export const returnOrderFields = {
  id: (order: ReturnOrder): string => encodeOrderId(order),
  capabilities: (order: ReturnOrder, _args: unknown, ctx: RequestContext): OrderCapabilities & { id: string } => {
    const capabilities = ctx.service.capabilitiesOf(order);
    const fallback = capabilities.reasons.join(" ") || "Not offered for this order.";
    return {
      ...capabilities,
      // Keyed like its order, so a normalized cache merges a mutation's smaller selection into it.
      id: encodeOrderId(order),
      updateBlockedReason: capabilities.canUpdate ? null : (capabilities.updateBlockedReason ?? fallback),
      cancelBlockedReason: capabilities.canCancel ? null : (capabilities.cancelBlockedReason ?? fallback),
    };
  },
  /**
   * One batched store query per request for all the orders it resolves. Already loaded (a list
   * preloads its page's), the events are answered as they are: a promise per order would make
   * graphql-js complete every order asynchronously.
   */
  events: (order: ReturnOrder, _args: unknown, ctx: RequestContext): ReturnOrderEvent[] | Promise<ReturnOrderEvent[]> =>
    ctx.loaders.loadedEvents.get(keyString(order)) ?? ctx.loaders.events.load(order),
};
