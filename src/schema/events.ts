import { ArrayMaxSize, IsOptional } from "class-validator";
import { Field, ID, InputType, ObjectType } from "type-graphql";
import { RETURN_ORDER_STATUSES, RETURN_PROVIDERS, type EventSource, type ReturnOrderStatus, type ReturnProvider } from "../returns/model.js";
import { ReturnOrderEventSourceEnum, ReturnOrderStatusEnum, ReturnProviderEnum } from "./enums.js";
import { PageInfo } from "./list.js";
import { ReturnOrderEvent } from "./order.js";

/** How many orders one feed filter may name. */
export const MAX_FILTER_ORDERS = 100;

@InputType({ description: "Which events the change feed (and the subscription) answers; every condition given must hold." })
export class ReturnOrderEventFilter {
  @Field(() => [ReturnProviderEnum], { nullable: true, description: "Only events of these providers' orders; all when absent." })
  @IsOptional()
  @ArrayMaxSize(RETURN_PROVIDERS.length)
  providers?: ReturnProvider[] | null;
  @Field(() => [ID], { nullable: true, description: "ReturnOrder ids." })
  @IsOptional()
  @ArrayMaxSize(MAX_FILTER_ORDERS)
  orderIds?: string[] | null;
  @Field(() => [ReturnOrderStatusEnum], { nullable: true, description: "Only changes to one of these statuses; all when absent." })
  @IsOptional()
  @ArrayMaxSize(RETURN_ORDER_STATUSES.length)
  statuses?: ReturnOrderStatus[] | null;
  @Field(() => [ReturnOrderEventSourceEnum], { nullable: true, description: "Only events learned this way; all when absent." })
  @IsOptional()
  @ArrayMaxSize(Object.keys(ReturnOrderEventSourceEnum).length)
  sources?: EventSource[] | null;
}

@ObjectType({ description: "One event of the change feed, with its cursor." })
export class ReturnOrderEventEdge {
  @Field(() => String, { description: "Opaque; the same as the event's id. Pass as `after` to read the events recorded after this one." }) cursor!: string;
  @Field(() => ReturnOrderEvent, { description: "The event." }) node!: ReturnOrderEvent;
}

@ObjectType({ description: "One page of the change feed, oldest first, in the order the events were recorded." })
export class ReturnOrderEventConnection {
  @Field(() => [ReturnOrderEventEdge], { description: "The page's events with their cursors." }) edges!: ReturnOrderEventEdge[];
  @Field(() => [ReturnOrderEvent], { description: "The page's events, the same as `edges { node }`." }) nodes!: ReturnOrderEvent[];
  @Field(() => PageInfo, {
    description: "Whether more events are recorded already, and the cursor to resume from (on an empty page, the `after` given, so a puller keeps its place).",
  })
  pageInfo!: PageInfo;
}
