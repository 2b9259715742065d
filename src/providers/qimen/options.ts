// type-graphql reads design types through this polyfill, which must load before any decorator runs.
import "reflect-metadata";
import { Field, InputType } from "type-graphql";
import { ArrayMaxSize, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateBy, ValidateNested } from "class-validator";
import { INVENTORY_TYPES, ORDER_FLAGS, ORDER_TYPES } from "./graphql.js";
import { EXTEND_PROP_KEY, EXTEND_PROP_VALUE_LENGTH, isCalendarDate, LOGISTICS_CODES, MAX_EXTEND_PROPS, QIMEN_CODE_LENGTH, QIMEN_NAME_LENGTH } from "./rules.js";

// The GraphQL input of what only Qimen has: its create options, checked against seed 004's rules.

/** A day that exists, written yyyy-MM-dd (Qimen's productDate / expireDate). */
function CalendarDate(field: string): PropertyDecorator {
  return ValidateBy({
    name: "isCalendarDate",
    validator: {
      validate: (value: unknown) => typeof value === "string" && isCalendarDate(value),
      defaultMessage: () => `${field} must be a date that exists, written yyyy-MM-dd`,
    },
  });
}

const code = () => [IsOptional(), IsString(), MaxLength(QIMEN_CODE_LENGTH)];
const apply =
  (...decorators: PropertyDecorator[]) =>
  (target: object, key: string | symbol) =>
    decorators.forEach((d) => d(target, key));

@InputType({ description: "One entry of a Qimen extendProps map." })
export class QimenExtendPropInput {
  @Field(() => String, { description: "The property's name: letters, digits, _ . - (it becomes an XML element name), at most 64." })
  @IsString()
  @Matches(EXTEND_PROP_KEY, { message: "an extendProps key is a name of letters, digits, _ . - that does not start with a digit (at most 64)" })
  key!: string;
  @Field(() => String, { description: `Its value, at most ${EXTEND_PROP_VALUE_LENGTH} characters.` })
  @IsString()
  @MaxLength(EXTEND_PROP_VALUE_LENGTH)
  value!: string;
}

const extendProps = () => [IsOptional(), ArrayMaxSize(MAX_EXTEND_PROPS), ValidateNested({ each: true })];

@InputType({ description: "Qimen's own per-line create fields, matched to an input line by sku (the itemCode)." })
export class QimenLineOptions {
  @Field(() => String, { description: "The input line (its itemCode) these options belong to." }) @IsString() @MaxLength(64) sku!: string;
  @Field(() => String, { nullable: true, description: "Defaults to qimen.ownerCode." }) @apply(...code()) ownerCode?: string | null;
  @Field(() => String, { nullable: true, description: "The warehouse system's item code." }) @apply(...code()) itemId?: string | null;
  @Field(() => String, { nullable: true, description: INVENTORY_TYPES }) @IsOptional() @IsIn(["ZP", "CC", "JS", "XS"]) inventoryType?: string | null;
  @Field(() => String, { nullable: true, description: "The batch code." }) @apply(...code()) batchCode?: string | null;
  @Field(() => String, { nullable: true, description: "yyyy-MM-dd" }) @IsOptional() @CalendarDate("productDate") productDate?: string | null;
  @Field(() => String, { nullable: true, description: "yyyy-MM-dd" }) @IsOptional() @CalendarDate("expireDate") expireDate?: string | null;
  @Field(() => String, { nullable: true, description: "The production lot code." }) @apply(...code()) produceCode?: string | null;
  @Field(() => [String], { nullable: true, description: "The units' serial numbers." })
  @IsOptional()
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  serialNumbers?: string[] | null;
  @Field(() => String, { nullable: true, description: "The line's number in the order." }) @apply(...code()) orderLineNo?: string | null;
  @Field(() => String, { nullable: true, description: "The marketplace order the line came from." }) @apply(...code()) sourceOrderCode?: string | null;
  @Field(() => String, { nullable: true, description: "The marketplace sub-order the line came from." }) @apply(...code()) subSourceOrderCode?: string | null;
  @Field(() => [String], { nullable: true, description: "Defaults to the order's flags; a line needs flags (required per line)." })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(32, { each: true })
  orderFlags?: string[] | null;
  @Field(() => String, { nullable: true, description: "Defaults to the order's reason; a line needs one (required per line)." })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  returnReason?: string | null;
  @Field(() => [QimenExtendPropInput], { nullable: true, description: "The line's extendProps (订单信息扩展字段)." }) @apply(...extendProps()) extendProps?:
    QimenExtendPropInput[] | null;
}

@InputType({ description: "Qimen's own create fields." })
export class QimenReturnOptions {
  @Field(() => String, {
    nullable: true,
    description:
      "The ERP's own returnOrderCode (the order's providerOrderNo), at most 50. Without it the subgraph makes one. A code is used once per account: a second create under it is refused.",
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty({ message: "returnOrderCode must not be empty" })
  @Matches(/^\S+$/, { message: "returnOrderCode has no spaces" })
  @MaxLength(QIMEN_CODE_LENGTH)
  returnOrderCode?: string | null;
  @Field(() => String, { nullable: true, description: ORDER_TYPES }) @IsOptional() @IsIn(["THRK", "HHRK"]) orderType?: string | null;
  @Field(() => String, { description: "The goods owner's code in the warehouse system." }) @IsString() @MaxLength(QIMEN_CODE_LENGTH) ownerCode!: string;
  @Field(() => String, { description: `The carrier's code, one of ${LOGISTICS_CODES.join(", ")} (OTHER for any other carrier).` })
  @IsIn(LOGISTICS_CODES, { message: `logisticsCode must be one of Qimen's codes: ${LOGISTICS_CODES.join(", ")}` })
  logisticsCode!: string;
  @Field(() => [String], { nullable: true, description: `${ORDER_FLAGS} Every line needs flags: these, or its own.` })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(32, { each: true })
  orderFlags?: string[] | null;
  @Field(() => String, { nullable: true, description: "The marketplace: TB, TM, JD, … PDD, OTHERS (at most 50)." }) @apply(...code()) sourcePlatformCode?:
    string | null;
  @Field(() => String, { nullable: true, description: "The marketplace's name." }) @IsOptional() @IsString() @MaxLength(QIMEN_NAME_LENGTH) sourcePlatformName?:
    string | null;
  @Field(() => String, { nullable: true, description: "The original outbound order's number in the warehouse system." }) @apply(...code()) preDeliveryOrderId?:
    string | null;
  @Field(() => String, { nullable: true, description: "The buyer's marketplace nickname." }) @IsOptional() @IsString() @MaxLength(128) buyerNick?:
    string | null;
  @Field(() => String, { nullable: true, description: "The shop's nickname." }) @IsOptional() @IsString() @MaxLength(128) shopNick?: string | null;
  @Field(() => String, { nullable: true, description: "The seller's nickname." }) @IsOptional() @IsString() @MaxLength(128) sellerNick?: string | null;
  @Field(() => String, { nullable: true, description: "The sender's town (村镇); the rest of the address is in sender." })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  senderTown?: string | null;
  @Field(() => [QimenExtendPropInput], { nullable: true, description: "The order's extendProps (returnOrder.extendProps, 退货单信息扩展字段)." })
  @apply(...extendProps())
  extendProps?: QimenExtendPropInput[] | null;
  @Field(() => [QimenExtendPropInput], { nullable: true, description: "The sender's extendProps (senderInfo.extendProps, 发件人扩展信息)." })
  @apply(...extendProps())
  senderExtendProps?: QimenExtendPropInput[] | null;
  @Field(() => [QimenExtendPropInput], { nullable: true, description: "The request's own extendProps (request.extendProps, 扩展属性)." })
  @apply(...extendProps())
  requestExtendProps?: QimenExtendPropInput[] | null;
  @Field(() => [QimenLineOptions], { nullable: true, description: "Per-line options, each matched to an input line by sku." })
  @IsOptional()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  lines?: QimenLineOptions[] | null;
}
