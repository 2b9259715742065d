import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from "type-graphql";
import { GraphQLError } from "graphql";
import type { RequestContext } from "../context.js";
import { CursorError } from "../returns/cursor.js";
import { encodeOrderId } from "../returns/ids.js";
import type { ReturnOrder as DomainOrder, ReturnOrderEvent } from "../returns/model.js";
import { PageSizeError } from "../returns/service.js";
import { ReturnOrderFilter, ReturnOrderConnection, ReturnProviderInfo } from "../schema/list.js";
import { ReturnOrder, ReturnOrderCapabilities, ReturnOrderEvent as EventType } from "../schema/order.js";
import { violationsOf } from "../schema/validation.js";

@Resolver(() => ReturnOrder)
export class ReturnOrderResolver {
  @Query(() => ReturnOrder, { nullable: true })
  async returnOrder(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext): Promise<DomainOrder | null> {
    return ctx.service.get(id, ctx.loaders);
  }

  @Query(() => ReturnOrderConnection, { description: "All providers merged into one list, newest first." })
  async returnOrders(
    @Ctx() ctx: RequestContext,
    @Arg("filter", () => ReturnOrderFilter, { nullable: true }) filter?: ReturnOrderFilter | null,
    @Arg("first", () => Int, { nullable: true, defaultValue: 20, description: "At most 100." }) first?: number | null,
    @Arg("after", () => String, { nullable: true }) after?: string | null,
  ) {
    if (filter) {
      const violations = await violationsOf(filter, "filter");
      if (violations.length > 0) {
        throw new GraphQLError(`Invalid filter: ${violations.map((v) => `${v.field.join(".")}: ${v.message}`).join("; ")}`, {
          extensions: { code: "BAD_USER_INPUT", violations },
        });
      }
    }
    try {
      const page = await ctx.service.list(filter ?? {}, first ?? 20, after, ctx.loaders);
      return {
        edges: page.edges,
        nodes: page.edges.map((e) => e.node),
        pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
        providerErrors: page.providerErrors,
      };
    } catch (error) {
      if (error instanceof PageSizeError || error instanceof CursorError) {
        throw new GraphQLError(error.message, { extensions: { code: "BAD_USER_INPUT", reason: error.code } });
      }
      throw error;
    }
  }

  @Query(() => [ReturnProviderInfo])
  returnProviders(@Ctx() ctx: RequestContext) {
    return ctx.service.providerInfo(ctx.loaders.caller);
  }

  @FieldResolver(() => String)
  id(@Root() order: DomainOrder): string {
    return encodeOrderId(order);
  }

  @FieldResolver(() => ReturnOrderCapabilities)
  capabilities(@Root() order: DomainOrder, @Ctx() ctx: RequestContext) {
    return ctx.service.capabilitiesOf(order);
  }

  @FieldResolver(() => [EventType])
  events(@Root() order: DomainOrder, @Ctx() ctx: RequestContext): Promise<ReturnOrderEvent[]> {
    return ctx.loaders.events.load(order);
  }
}
