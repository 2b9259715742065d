import { Arg, Resolver, Root, Subscription, Ctx } from "type-graphql";
import type { RequestContext } from "../context.js";
import type { LiveEvents } from "../live/subscriptions.js";
import type { ReturnOrderEvent as DomainEvent } from "../returns/model.js";
import { ReturnOrderEventFilter } from "../schema/events.js";
import { eventFilterOf } from "./return-order-events.js";
import { ReturnOrderEvent } from "../schema/order.js";

/** What a subscription's resolvers get: a request's context and the replica's live events. */
export interface SubscriptionContext extends RequestContext {
  live: LiveEvents;
}

@Resolver()
export class SubscriptionResolver {
  @Subscription(() => ReturnOrderEvent, {
    description: "Each status change of an order the caller may see, as soon as it is recorded (pushes, mutations, sync).",
    subscribe: async ({ args, context }) => {
      const ctx = context as SubscriptionContext;
      // `subscribe` gets graphql-js's raw arguments (an inline object literal has no prototype);
      // the input class is what the filter's validation reads.
      const given = (args as { filter?: object | null }).filter;
      const filter = given ? Object.assign(new ReturnOrderEventFilter(), given) : null;
      return ctx.live.subscribe(ctx.loaders.caller, await eventFilterOf(filter));
    },
  })
  returnOrderChanged(
    @Root() event: DomainEvent,
    @Ctx() ctx: SubscriptionContext,
    @Arg("filter", () => ReturnOrderEventFilter, { nullable: true, description: "Which events; every one the caller may see when absent." })
    _filter?: ReturnOrderEventFilter | null,
  ): DomainEvent {
    // Each event is resolved with fresh loaders: a subscription lives long, and its order is to be
    // shown as it is at this event, not as the first event of the subscription loaded it.
    ctx.loaders = ctx.service.createLoaders(ctx.loaders.caller);
    return event;
  }
}
