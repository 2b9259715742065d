// type-graphql reads design types through this polyfill, which must load before any decorator runs.
import "reflect-metadata";
import { Field, InputType, Int, ObjectType } from "type-graphql";
import { ArrayMaxSize, IsIn, IsOptional, IsString, Matches, MaxLength, ValidateNested } from "class-validator";

// The GraphQL face of what only Qimen has: its details, receipt and create options.

@ObjectType({ description: "One line of a Qimen return order, with what the warehouse confirmed." })
export class QimenOrderLine {
  @Field(() => String, { nullable: true }) orderLineNo?: string | null;
  @Field(() => String) ownerCode!: string;
  @Field(() => String) itemCode!: string;
  @Field(() => String, { nullable: true, description: "The warehouse system's item code." }) itemId?: string | null;
  @Field(() => String, { nullable: true, description: "ZP good, CC defective, JS machine-damaged, XS box-damaged." }) inventoryType?: string | null;
  @Field(() => Int) planQty!: number;
  @Field(() => Int, { nullable: true, description: "Received so far: the sum over every confirm." }) actualQty?: number | null;
  @Field(() => String, { nullable: true }) batchCode?: string | null;
  @Field(() => String, { nullable: true }) productDate?: string | null;
  @Field(() => String, { nullable: true }) expireDate?: string | null;
  @Field(() => String, { nullable: true }) produceCode?: string | null;
  @Field(() => [String]) serialNumbers!: string[];
  @Field(() => String, { nullable: true }) sourceOrderCode?: string | null;
  @Field(() => String, { nullable: true }) subSourceOrderCode?: string | null;
}

@ObjectType({ description: "One line of a warehouse confirm." })
export class QimenConfirmedLine {
  @Field(() => String, { nullable: true }) orderLineNo?: string | null;
  @Field(() => String) itemCode!: string;
  @Field(() => String, { nullable: true }) inventoryType?: string | null;
  @Field(() => Int) actualQty!: number;
  @Field(() => String, { nullable: true }) batchCode?: string | null;
}

@ObjectType({ description: "One `taobao.qimen.returnorder.confirm` the warehouse sent." })
export class QimenConfirmation {
  @Field(() => String, { description: "The confirm's unique code (its dedupe key)." }) outBizCode!: string;
  @Field(() => String, { nullable: true, description: "orderConfirmTime as the warehouse wrote it (China time)." }) confirmTime?: string | null;
  @Field(() => Int) quantity!: number;
  @Field(() => [QimenConfirmedLine]) lines!: QimenConfirmedLine[];
}

@ObjectType({ description: "Fields only Qimen has." })
export class QimenReturnDetails {
  @Field(() => String, { nullable: true, description: "The warehouse system's own id." }) returnOrderId?: string | null;
  @Field(() => String, { nullable: true, description: "THRK (return inbound) or HHRK (exchange inbound)." }) orderType?: string | null;
  @Field(() => [String]) orderFlags!: string[];
  @Field(() => String, { nullable: true }) logisticsCode?: string | null;
  @Field(() => String, { nullable: true }) logisticsName?: string | null;
  @Field(() => String, { nullable: true }) preDeliveryOrderCode?: string | null;
  @Field(() => String, { nullable: true }) sourcePlatformCode?: string | null;
  @Field(() => String, { nullable: true }) buyerNick?: string | null;
  @Field(() => String, { nullable: true }) ownerCode?: string | null;
  @Field(() => String, { nullable: true, description: "The original outbound order's number in the warehouse system." }) preDeliveryOrderId?: string | null;
  @Field(() => String, { nullable: true }) sourcePlatformName?: string | null;
  @Field(() => String, { nullable: true }) shopNick?: string | null;
  @Field(() => String, { nullable: true }) sellerNick?: string | null;
  @Field(() => String, { nullable: true, description: "The create's outBizCode (the idempotency key, when one was given)." }) outBizCode?: string | null;
  @Field(() => [QimenOrderLine]) orderLines!: QimenOrderLine[];
  @Field(() => [QimenConfirmation], { description: "The warehouse's confirms, oldest first; their quantities add up." })
  confirmations!: QimenConfirmation[];
}

@ObjectType({ description: "Qimen's answer to a create." })
export class QimenReceipt {
  @Field(() => String) returnOrderCode!: string;
  @Field(() => String, { nullable: true }) returnOrderId?: string | null;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

@InputType({ description: "Qimen's own per-line create fields, matched to an input line by sku (the itemCode)." })
export class QimenLineOptions {
  @Field(() => String) @IsString() @MaxLength(64) sku!: string;
  @Field(() => String, { nullable: true, description: "Defaults to qimen.ownerCode." }) @IsOptional() @IsString() @MaxLength(64) ownerCode?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(64) itemId?: string | null;
  @Field(() => String, { nullable: true, description: "ZP (default), CC, JS or XS." }) @IsOptional() @IsIn(["ZP", "CC", "JS", "XS"]) inventoryType?:
    string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(64) batchCode?: string | null;
  @Field(() => String, { nullable: true, description: "yyyy-MM-dd" }) @IsOptional() @Matches(DATE, { message: "productDate must be yyyy-MM-dd" }) productDate?:
    string | null;
  @Field(() => String, { nullable: true, description: "yyyy-MM-dd" }) @IsOptional() @Matches(DATE, { message: "expireDate must be yyyy-MM-dd" }) expireDate?:
    string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(64) produceCode?: string | null;
  @Field(() => [String], { nullable: true }) @IsOptional() @ArrayMaxSize(1000) @IsString({ each: true }) @MaxLength(64, { each: true }) serialNumbers?:
    string[] | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(64) orderLineNo?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(64) sourceOrderCode?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(64) subSourceOrderCode?: string | null;
  @Field(() => [String], { nullable: true, description: "Defaults to the order's flags." })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(32, { each: true })
  orderFlags?: string[] | null;
  @Field(() => String, { nullable: true, description: "Defaults to the order's reason." }) @IsOptional() @IsString() @MaxLength(512) returnReason?:
    string | null;
}

@InputType({ description: "Qimen's own create fields." })
export class QimenReturnOptions {
  @Field(() => String, { nullable: true, description: "THRK or HHRK." }) @IsOptional() @IsIn(["THRK", "HHRK"]) orderType?: string | null;
  @Field(() => String) @IsString() @MaxLength(64) ownerCode!: string;
  @Field(() => String) @IsString() @MaxLength(64) logisticsCode!: string;
  @Field(() => [String], { nullable: true }) @IsOptional() @ArrayMaxSize(20) @IsString({ each: true }) @MaxLength(32, { each: true }) orderFlags?:
    string[] | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(64) sourcePlatformCode?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(64) sourcePlatformName?: string | null;
  @Field(() => String, { nullable: true, description: "The original outbound order's number in the warehouse system." })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  preDeliveryOrderId?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(128) buyerNick?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(128) shopNick?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(128) sellerNick?: string | null;
  @Field(() => String, { nullable: true, description: "The sender's town (村镇); the rest of the address is in sender." })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  senderTown?: string | null;
  @Field(() => [QimenLineOptions], { nullable: true }) @IsOptional() @ArrayMaxSize(200) @ValidateNested({ each: true }) lines?: QimenLineOptions[] | null;
}
