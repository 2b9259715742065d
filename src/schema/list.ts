import { Directive, Field, InputType, ObjectType } from "type-graphql";
import { DateTimeResolver } from "graphql-scalars";
import { ArrayMaxSize, IsOptional, IsString, MaxLength } from "class-validator";
import { RETURN_ORDER_STATUSES, RETURN_PROVIDERS, type ReturnOrderStatus, type ReturnProvider } from "../returns/model.js";
import { ReturnOrderStatusEnum, ReturnProviderEnum } from "./enums.js";
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
  @Field(() => Boolean) hasNextPage!: boolean;
  @Field(() => String, { nullable: true }) endCursor?: string | null;
}

@ObjectType()
export class ProviderFailure {
  @Field(() => ReturnProviderEnum) provider!: ReturnProvider;
  @Field(() => String) account!: string;
  @Field(() => String, { description: "A UserErrorCode value: PROVIDER_UNAVAILABLE, PROVIDER_REJECTED, …" }) code!: string;
  @Field(() => String) message!: string;
}

@ObjectType()
export class ReturnOrderConnection {
  @Field(() => [ReturnOrderEdge]) edges!: ReturnOrderEdge[];
  @Field(() => [ReturnOrder]) nodes!: ReturnOrder[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
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
