import { Arg, Ctx, ID, Info, Int, Query, Resolver } from "type-graphql";
import { GraphQLError, type GraphQLResolveInfo } from "graphql";
import type { RequestContext } from "../context.js";
import { InvalidInputError } from "../returns/errors.js";
import { decodeEventId } from "../returns/feed.js";
import type { ReturnOrder as DomainOrder, ReturnOrderEvent as DomainEvent, ReturnProvider } from "../returns/model.js";
import { ReturnProviderEnum } from "../schema/enums.js";
import { ReturnOrderFilter, ReturnOrderConnection, ReturnProviderInfo, ReturnWarehouse } from "../schema/list.js";
import { Node, ReturnOrder } from "../schema/order.js";
import { providerBlocksOf, withoutOptionBlocks } from "../schema/inputs.js";
import { violationsOf } from "../schema/validation.js";
import { invalidFilter, withPagingErrors } from "./list-errors.js";
import { connectionSelectsOrderField } from "./selection.js";

@Resolver(() => ReturnOrder)
export class ReturnOrderResolver {
  @Query(() => ReturnOrder, { nullable: true, description: "One order by its id; null when it does not exist or the caller may not see it." })
  async returnOrder(@Arg("id", () => ID, { description: "A ReturnOrder id." }) id: string, @Ctx() ctx: RequestContext): Promise<DomainOrder | null> {
    return ctx.service.get(id, ctx.loaders);
  }

  @Query(() => Node, { nullable: true, description: "Any object of this subgraph by its global id (Relay)." })
  async node(
    @Arg("id", () => ID, { description: "A global id, as an object's `id` gives it." }) id: string,
    @Ctx() ctx: RequestContext,
  ): Promise<((DomainOrder | DomainEvent) & { __typename: string }) | null> {
    // The Nodes of this subgraph are orders and their events: an id of anything else is not found.
    if (decodeEventId(id) !== null) {
      const event = await ctx.service.event(id, ctx.loaders);
      return event ? { ...event, __typename: "ReturnOrderEvent" } : null;
    }
    const order = await ctx.service.get(id, ctx.loaders);
    return order ? { ...order, __typename: "ReturnOrder" } : null;
  }

  @Query(() => ReturnOrderConnection, { description: "All providers merged into one list, newest first." })
  async returnOrders(
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
    @Arg("filter", () => ReturnOrderFilter, { nullable: true, description: "Which orders; all the caller may see when absent." })
    filter?: ReturnOrderFilter | null,
    @Arg("first", () => Int, { nullable: true, defaultValue: 20, description: "How many orders this page holds; at most 100." }) first?: number | null,
    @Arg("after", () => String, { nullable: true, description: "A cursor (`pageInfo.endCursor` or an edge's `cursor`): the page starts after that order." })
    after?: string | null,
  ) {
    const providerFilters = filter ? providerBlocksOf(filter) : {};
    if (filter) {
      const violations = await violationsOf(filter, "filter");
      const blocks = Object.keys(providerFilters);
      if (blocks.length > 1)
        violations.push({
          field: ["filter"],
          message: `one provider's block at most: ${blocks.join(", ")} orders cannot all be listed by each other's conditions`,
        });
      if (violations.length > 0) throw invalidFilter(violations);
    }
    return withPagingErrors(async () => {
      const page = await ctx.service.list(filter ? { ...withoutOptionBlocks(filter), providerFilters } : {}, first ?? 20, after, ctx.loaders);
      // Loaded before execution reaches the orders, so each order's `events` resolves at once
      // instead of as one pending promise per order (same single store query either way).
      if (connectionSelectsOrderField(info, "events")) await ctx.loaders.events.loadMany(page.edges.map((e) => e.node));
      return {
        edges: page.edges,
        nodes: page.edges.map((e) => e.node),
        pageInfo: {
          hasNextPage: page.hasNextPage,
          hasPreviousPage: Boolean(after),
          startCursor: page.edges[0]?.cursor ?? null,
          endCursor: page.endCursor,
        },
        providerErrors: page.providerErrors,
        totalCount: page.totalCount,
      };
    });
  }

  @Query(() => [ReturnWarehouse], { description: "Where a return of this provider account can be sent (the choices for `warehouseCode`)." })
  async returnWarehouses(
    @Ctx() ctx: RequestContext,
    @Arg("provider", () => ReturnProviderEnum, { description: "The provider." }) provider: ReturnProvider,
    @Arg("account", () => String, { nullable: true, description: "The provider account; may be left out when the provider has one here." })
    account?: string | null,
  ) {
    try {
      return await ctx.service.warehouses(provider, account, ctx.loaders.caller);
    } catch (error) {
      // Only "which account?": several are configured and none was named.
      if (error instanceof InvalidInputError) {
        const violations = error.violations.map((v) => ({ field: ["account"], message: v.message }));
        throw new GraphQLError(`account: ${violations.map((v) => v.message).join("; ")}`, { extensions: { code: "BAD_USER_INPUT", violations } });
      }
      throw error;
    }
  }

  @Query(() => [ReturnProviderInfo], { description: "The providers configured for the caller, their accounts and what each can do." })
  returnProviders(@Ctx() ctx: RequestContext) {
    return ctx.service.providerInfo(ctx.loaders.caller);
  }
}
