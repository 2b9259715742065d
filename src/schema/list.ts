import { Directive, Field, InputType, Int, ObjectType } from "type-graphql";
import { DateTimeResolver } from "graphql-scalars";
import { ArrayMaxSize, IsOptional, IsString, MaxLength } from "class-validator";
import { RETURN_ORDER_STATUSES, RETURN_PROVIDERS, type ReturnOrderStatus, type ReturnProvider } from "../returns/model.js";
import { ReturnOrderStatusEnum, ReturnProviderEnum, UserErrorCodeEnum } from "./enums.js";
import { ReturnOrder } from "./order.js";

@InputType()
export class ReturnOrderFilter {
  @Field(() => [ReturnProviderEnum], { nullable: true }) @IsOptional() @ArrayMaxSize(RETURN_PROVIDERS.length) providers?: ReturnProvider[] | null;
  @Field(() => [ReturnOrderStatusEnum], { nullable: true }) @IsOptional() @ArrayMaxSize(RETURN_ORDER_STATUSES.length) statuses?: ReturnOrderStatus[] | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(64) warehouseCode?: string | null;
  @Field(() => DateTimeResolver, {
    nullable: true,
    description:
      "Orders created at or after this instant. Without it, a provider whose list needs a creation-date window looks back a bounded window (set per deployment; the README says how long).",
  })
  createdFrom?: Date | null;
  @Field(() => DateTimeResolver, { nullable: true, description: "Orders created at or before this instant; defaults to now." })
  createdTo?: Date | null;
  @Field(() => String, { nullable: true, description: "Matches providerOrderNo, referenceNo, outboundOrderNo or trackingNumber exactly." })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  search?: string | null;
}

@ObjectType()
export class ReturnOrderEdge {
  @Field(() => String) cursor!: string;
  @Field(() => ReturnOrder) node!: ReturnOrder;
}

@Directive("@shareable")
@ObjectType()
export class PageInfo {
  @Field(() => Boolean, { description: "Whether more items follow `endCursor`." }) hasNextPage!: boolean;
  @Field(() => Boolean, { description: "Whether items come before `startCursor` (pages are read forward: true once past the first page)." })
  hasPreviousPage!: boolean;
  @Field(() => String, { nullable: true, description: "The cursor of the first item of this page." }) startCursor?: string | null;
  @Field(() => String, { nullable: true, description: "The cursor to pass as `after` for the next page." }) endCursor?: string | null;
}

@ObjectType()
export class ProviderFailure {
  @Field(() => ReturnProviderEnum) provider!: ReturnProvider;
  @Field(() => String) account!: string;
  @Field(() => UserErrorCodeEnum, { description: "Why the account could not answer, as a mutation's UserError would say it." }) code!: string;
  @Field(() => String) message!: string;
}

@ObjectType()
export class ReturnOrderConnection {
  @Field(() => [ReturnOrderEdge]) edges!: ReturnOrderEdge[];
  @Field(() => [ReturnOrder]) nodes!: ReturnOrder[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int, { nullable: true, description: "How many orders match the filter over all sources; null when some source cannot say exactly." })
  totalCount?: number | null;
  @Field(() => [ProviderFailure], { description: "Providers that could not answer this page; the rest of the page is still served." })
  providerErrors!: ProviderFailure[];
}

@ObjectType()
export class ReturnProviderInfo {
  @Field(() => ReturnProviderEnum) provider!: ReturnProvider;
  @Field(() => [String]) accounts!: string[];
  @Field(() => Boolean) canCreate!: boolean;
  @Field(() => Boolean) canUpdate!: boolean;
  @Field(() => Boolean) canCancel!: boolean;
  @Field(() => Boolean) receivesPushes!: boolean;
}
