import { Directive, Field, InputType, Int, ObjectType } from "type-graphql";
import { DateTimeResolver } from "graphql-scalars";
import { ArrayMaxSize, IsOptional, IsString, MaxLength } from "class-validator";
import { RETURN_ORDER_STATUSES, RETURN_PROVIDERS, type ReturnOrderStatus, type ReturnProvider } from "../returns/model.js";
import { ReturnOrderStatusEnum, ReturnProviderEnum, UserErrorCodeEnum } from "./enums.js";
import { modulesInSchemaOrder } from "../providers/registry.js";
import { addOptionsBlock, optionsBlockName } from "./inputs.js";
import { ReturnOrder } from "./order.js";

@InputType({ description: "Which orders `returnOrders` lists; every condition given must hold." })
export class ReturnOrderFilter {
  @Field(() => [ReturnProviderEnum], { nullable: true, description: "Only these providers; all when absent." }) @IsOptional() @ArrayMaxSize(RETURN_PROVIDERS.length) providers?: ReturnProvider[] | null;
  @Field(() => [ReturnOrderStatusEnum], { nullable: true, description: "Only orders in one of these normalized statuses; all when absent." }) @IsOptional() @ArrayMaxSize(RETURN_ORDER_STATUSES.length) statuses?: ReturnOrderStatus[] | null;
  @Field(() => String, { nullable: true, description: "Only orders going to this warehouse (the provider's code)." })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  warehouseCode?: string | null;
  @Field(() => DateTimeResolver, {
    nullable: true,
    description:
      "Orders created at or after this instant. Without it, a provider whose list needs a creation-date window looks back a bounded window (set per deployment; the README says how long).",
  })
  createdFrom?: Date | null;
  @Field(() => DateTimeResolver, { nullable: true, description: "Orders created at or before this instant; defaults to now." })
  createdTo?: Date | null;
  @Field(() => DateTimeResolver, {
    nullable: true,
    description:
      "Orders changed (`updatedAt`) at or after this instant. Pushed down to providers whose list filters by change time (the README says which, and how precisely) and matched here on `updatedAt` for the rest; an order without a change time does not match.",
  })
  updatedFrom?: Date | null;
  @Field(() => DateTimeResolver, { nullable: true, description: "Orders changed (`updatedAt`) at or before this instant." })
  updatedTo?: Date | null;
  @Field(() => String, { nullable: true, description:
      "Matches exactly any number a person may quote: providerOrderNo, referenceNo, outboundOrderNo, trackingNumber, and each provider's own numbers (its details; the README lists them per provider).",
  })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  search?: string | null;
}

for (const module of modulesInSchemaOrder()) {
  const { listFilter } = module.graphql;
  if (listFilter) {
    addOptionsBlock(
      ReturnOrderFilter,
      optionsBlockName(module.provider),
      listFilter,
      `Conditions only ${module.provider} orders can meet: with this block only ${module.provider} is listed. One provider's block at most.`,
    );
  }
}

@ObjectType({ description: "One order of a page, with its cursor." })
export class ReturnOrderEdge {
  @Field(() => String, { description: "Opaque; pass as `after` to read the orders that follow this one." }) cursor!: string;
  @Field(() => ReturnOrder, { description: "The order." }) node!: ReturnOrder;
}

@Directive("@shareable")
@ObjectType({ description: "Where a page stands in the whole list (Relay cursor connections)." })
export class PageInfo {
  @Field(() => Boolean, { description: "Whether more items follow `endCursor`." }) hasNextPage!: boolean;
  @Field(() => Boolean, { description: "Whether items come before `startCursor` (pages are read forward: true once past the first page)." })
  hasPreviousPage!: boolean;
  @Field(() => String, { nullable: true, description: "The cursor of the first item of this page." }) startCursor?: string | null;
  @Field(() => String, { nullable: true, description: "The cursor to pass as `after` for the next page." }) endCursor?: string | null;
}

@ObjectType({ description: "A provider account that could not answer a list." })
export class ProviderFailure {
  @Field(() => ReturnProviderEnum, { description: "The provider that failed." }) provider!: ReturnProvider;
  @Field(() => String, { description: "The provider account that failed." }) account!: string;
  @Field(() => UserErrorCodeEnum, { description: "Why the account could not answer, as a mutation's UserError would say it." }) code!: string;
  @Field(() => String, { description: "What went wrong, for people; not meant to be parsed." }) message!: string;
}

@ObjectType({ description: "One page of return orders, all providers merged, newest first." })
export class ReturnOrderConnection {
  @Field(() => [ReturnOrderEdge], { description: "The page's orders with their cursors." }) edges!: ReturnOrderEdge[];
  @Field(() => [ReturnOrder], { description: "The page's orders, the same as `edges { node }`." }) nodes!: ReturnOrder[];
  @Field(() => PageInfo, { description: "Whether more pages follow, and the cursor to read the next one." }) pageInfo!: PageInfo;
  @Field(() => Int, { nullable: true, description: "How many orders match the filter over all sources; null when some source cannot say exactly." })
  totalCount?: number | null;
  @Field(() => [ProviderFailure], { description: "Providers that could not answer this page; the rest of the page is still served." })
  providerErrors!: ProviderFailure[];
}

@ObjectType({ description: "How this subgraph keeps one provider account's orders current without being asked (README \"Sync\")." })
export class AccountSync {
  @Field(() => String, { description: "The provider account." }) account!: string;
  @Field(() => Boolean, { description: "Whether the account is polled for changes (RETURNS_SYNC_INTERVAL_SECONDS, per provider)." }) enabled!: boolean;
  @Field(() => Int, { nullable: true, description: "Seconds between runs; null when not polled." }) intervalSeconds?: number | null;
  @Field(() => DateTimeResolver, {
    nullable: true,
    description: "When the last successful run started: changes made before it are recorded as OBSERVED events. Null before the first.",
  })
  syncedAt?: Date | null;
  @Field(() => DateTimeResolver, { nullable: true, description: "When the last run (successful or not) started, on any replica." }) lastRunAt?: Date | null;
  @Field(() => String, { nullable: true, description: "Why the last run failed; null when it succeeded. For people; not meant to be parsed." })
  lastError?: string | null;
  @Field(() => DateTimeResolver, { nullable: true, description: "When a run last failed." }) lastErrorAt?: Date | null;
  @Field(() => Int, { nullable: true, description: "Upstream calls the last run made, retries included." }) lastRunCalls?: number | null;
}

@ObjectType({ description: "One configured provider and what it can do." })
export class ReturnProviderInfo {
  @Field(() => ReturnProviderEnum, { description: "The provider." }) provider!: ReturnProvider;
  @Field(() => [String], { description: "The provider accounts (connections) configured for it." }) accounts!: string[];
  @Field(() => Boolean, { description: "Whether `returnOrderCreate` is offered for it." }) canCreate!: boolean;
  @Field(() => Boolean, { description: "Whether `returnOrderUpdate` is offered for it (per order, see `ReturnOrder.capabilities`)." }) canUpdate!: boolean;
  @Field(() => Boolean, { description: "Whether `returnOrderCancel` is offered for it (per order, see `ReturnOrder.capabilities`)." }) canCancel!: boolean;
  @Field(() => Boolean, { description: "Whether it pushes status changes to this subgraph's webhook." }) receivesPushes!: boolean;
  @Field(() => [AccountSync], { description: "Per account the caller may see: whether and how recently its changes were polled." }) sync!: AccountSync[];
}

@ObjectType({ description: "A place a return of one provider account can be sent: the choices for `ReturnOrderCreateInput.warehouseCode`." })
export class ReturnWarehouse {
  @Field(() => ReturnProviderEnum, { description: "The provider." }) provider!: ReturnProvider;
  @Field(() => String, { description: "The provider account it belongs to." }) account!: string;
  @Field(() => String, { description: "The value for ReturnOrderCreateInput.warehouseCode." }) code!: string;
  @Field(() => String, { nullable: true, description: "Its name, where the provider or the account's settings give one." }) name?: string | null;
  @Field(() => String, { nullable: true, description: "Its country, as the provider or the account's settings write it." }) country?: string | null;
}
