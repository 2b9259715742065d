import { Arg, Ctx, Int, Query, Resolver } from "type-graphql";
import type { RequestContext } from "../context.js";
import { encodeEventId } from "../returns/feed.js";
import { decodeOrderId } from "../returns/ids.js";
import type { OrderKey, ReturnOrderEventFilter as DomainFilter } from "../returns/model.js";
import type { FieldViolation } from "../returns/errors.js";
import { ReturnOrderEventConnection, ReturnOrderEventFilter } from "../schema/events.js";
import { violationsOf } from "../schema/validation.js";
import { invalidFilter, withPagingErrors } from "./list-errors.js";

/**
 * The GraphQL filter as the store and `eventMatches` read it (the feed and the subscription); an
 * order id that is not one is a violation (BAD_USER_INPUT), not "no events".
 */
export async function eventFilterOf(filter: ReturnOrderEventFilter | null | undefined): Promise<DomainFilter> {
  if (!filter) return {};
  const violations: FieldViolation[] = await violationsOf(filter, "filter");
  const orders: OrderKey[] = [];
  (filter.orderIds ?? []).forEach((id, i) => {
    const key = decodeOrderId(id);
    if (key) orders.push(key);
    else violations.push({ field: ["filter", "orderIds", String(i)], message: "is not a ReturnOrder id" });
  });
  if (violations.length > 0) throw invalidFilter(violations);
  return { providers: filter.providers, statuses: filter.statuses, sources: filter.sources, orders: filter.orderIds ? orders : null };
}

@Resolver()
export class ReturnOrderEventResolver {
  @Query(() => ReturnOrderEventConnection, {
    description:
      "The change feed: every status change recorded here that the caller may see, oldest first, in the order the store recorded them. Resume with `after` (an `endCursor` or an event's `id`): no event is skipped or repeated across pages, also while events are being written.",
  })
  async returnOrderEvents(
    @Ctx() ctx: RequestContext,
    @Arg("filter", () => ReturnOrderEventFilter, { nullable: true, description: "Which events; all the caller may see when absent." })
    filter?: ReturnOrderEventFilter | null,
    @Arg("first", () => Int, { nullable: true, defaultValue: 50, description: "How many events this page holds; at most 100." }) first?: number | null,
    @Arg("after", () => String, { nullable: true, description: "A cursor or an event id: the page starts with the event recorded after it." })
    after?: string | null,
  ) {
    const domain = await eventFilterOf(filter);
    return withPagingErrors(async () => {
      const page = await ctx.service.events(domain, first ?? 50, after, ctx.loaders);
      const edges = page.events.map((node) => ({ cursor: encodeEventId(node.sequence), node }));
      return {
        edges,
        nodes: page.events,
        pageInfo: {
          hasNextPage: page.hasNextPage,
          hasPreviousPage: Boolean(after),
          startCursor: edges[0]?.cursor ?? null,
          endCursor: edges.at(-1)?.cursor ?? after ?? null,
        },
      };
    });
  }
}
