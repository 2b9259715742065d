import { Field, ID, InputType } from "type-graphql";
import { ArrayMaxSize, IsOptional } from "class-validator";
import { GraphQLError } from "graphql";
import { decodeOrderId } from "../returns/ids.js";
import { RETURN_ORDER_STATUSES, RETURN_PROVIDERS, type EventSource, type ReturnOrderEventFilter as DomainFilter, type ReturnOrderStatus, type ReturnProvider } from "../returns/model.js";
import { ReturnOrderEventSourceEnum, ReturnOrderStatusEnum, ReturnProviderEnum } from "./enums.js";

/** Orders one filter may name. */
const MAX_ORDER_IDS = 100;

@InputType({ description: "Which events the change feed and the subscription answer; every condition given must hold." })
export class ReturnOrderEventFilter {
  @Field(() => [ReturnProviderEnum], { nullable: true, description: "Only events of these providers; all when absent." })
  @IsOptional()
  @ArrayMaxSize(RETURN_PROVIDERS.length)
  providers?: ReturnProvider[] | null;
  @Field(() => [ID], { nullable: true, description: "ReturnOrder ids: only events of these orders." })
  @IsOptional()
  @ArrayMaxSize(MAX_ORDER_IDS)
  orderIds?: string[] | null;
  @Field(() => [ReturnOrderStatusEnum], { nullable: true, description: "Only events that moved an order into one of these statuses." })
  @IsOptional()
  @ArrayMaxSize(RETURN_ORDER_STATUSES.length)
  statuses?: ReturnOrderStatus[] | null;
  @Field(() => [ReturnOrderEventSourceEnum], { nullable: true, description: "Only events learned this way." })
  @IsOptional()
  @ArrayMaxSize(3)
  sources?: EventSource[] | null;
}

/** The store's form of the filter; an id that is not a ReturnOrder id is the caller's error, never "every order". */
export function eventFilterOf(filter: ReturnOrderEventFilter | null | undefined): DomainFilter {
  if (!filter) return {};
  if ((filter.orderIds?.length ?? 0) > MAX_ORDER_IDS) {
    throw new GraphQLError(`filter.orderIds: at most ${MAX_ORDER_IDS} ids.`, { extensions: { code: "BAD_USER_INPUT" } });
  }
  const orders = (filter.orderIds ?? []).map((id, i) => {
    const key = decodeOrderId(id);
    if (!key) throw new GraphQLError(`filter.orderIds.${i}: not a ReturnOrder id.`, { extensions: { code: "BAD_USER_INPUT", field: ["filter", "orderIds", String(i)] } });
    return key;
  });
  return { providers: filter.providers, statuses: filter.statuses, sources: filter.sources, orders: filter.orderIds ? orders : null };
}
