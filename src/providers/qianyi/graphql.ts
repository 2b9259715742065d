// type-graphql reads design types through this polyfill, which must load before any decorator runs.
import "reflect-metadata";
import { Field, InputType, Int, ObjectType } from "type-graphql";
import { DateTimeResolver } from "graphql-scalars";
import { ArrayMaxSize, IsBoolean, IsOptional, IsString, Matches, MaxLength, ValidateNested } from "class-validator";
import { IsCalendarDate } from "../kit/calendar.js";

// The GraphQL face of what only Qianyi ERP has: its details, receipt and create options.

@ObjectType({ description: "One custom field (自定义栏位) of a Qianyi return." })
export class QianyiCustomField {
  @Field(() => String, { description: "customFieldId." }) id!: string;
  @Field(() => String, { nullable: true, description: "tableName: what the field belongs to (SYS_REFUND for a return, SYS_ITEM, SYS_ORDER, …)." })
  tableName?: string | null;
  @Field(() => String, { nullable: true, description: "columName: the seller's name for the field." }) name?: string | null;
  @Field(() => String, { nullable: true, description: "The value set on this return; null when none." }) value?: string | null;
  @Field(() => String, { nullable: true, description: "columType: NUMBER, DATE, STRING or SELECT." }) type?: string | null;
  @Field(() => String, { nullable: true, description: "The value the field takes when none is set." }) defaultValue?: string | null;
  @Field(() => [String], { description: "candidateValue: the choices of a SELECT field." }) candidateValues!: string[];
  @Field(() => String, { nullable: true, description: "The seller's note on the field." }) remark?: string | null;
  @Field(() => Boolean, { nullable: true, description: "Whether Qianyi requires a value." }) required?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: "isQuery: whether Qianyi's pages can search by the field." }) isQuery?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: "isShow: whether Qianyi's pages show the field." }) isShow?: boolean | null;
}

@ObjectType({ description: "Where received goods of a line were put, and how many (locAndQuantityList)." })
export class QianyiLocationQuantity {
  @Field(() => String, { nullable: true, description: "The storage location." }) storageLocationCode?: string | null;
  @Field(() => Int, { description: "Units received into that location." }) receiveQuantity!: number;
}

@ObjectType({ description: "One returnSkuList line as Qianyi reports it." })
export class QianyiReturnSku {
  @Field(() => String, { description: "The seller's SKU." }) sku!: string;
  @Field(() => String, { nullable: true, description: "The sales order line's id." }) orderSkuId?: string | null;
  @Field(() => Int, { description: "Units announced." }) quantity!: number;
  @Field(() => Int, { nullable: true, description: "Units received as good." }) goodQuantity?: number | null;
  @Field(() => Int, { nullable: true, description: "Units received as defective." }) badQuantity?: number | null;
  @Field(() => String, { nullable: true, description: "The unit refund amount, as Qianyi's decimal text (no rounding)." }) itemRefundAmount?: string | null;
  @Field(() => String, { nullable: true, description: "The line's refund amount, as Qianyi's decimal text (no rounding)." }) refundAmount?: string | null;
  @Field(() => String, { nullable: true, description: "The line's storage location." }) storageLocationCode?: string | null;
  @Field(() => Boolean, {
    nullable: true,
    description: "selected: whether Qianyi shows the line on its pages; a hidden line is not in the order's lines or totals.",
  })
  selected?: boolean | null;
  @Field(() => String, { nullable: true, description: "A note on the line." }) remark?: string | null;
  @Field(() => [QianyiLocationQuantity], { description: "Where received units were put, per location." }) locations!: QianyiLocationQuantity[];
}

@ObjectType({ description: "Fields only Qianyi ERP has." })
export class QianyiReturnDetails {
  @Field(() => String, { nullable: true, description: "The shop the sales order belongs to." }) shop?: string | null;
  @Field(() => String, { nullable: true, description: "RETURN (refund only), SALES_RETURN or RESHIP." }) type?: string | null;
  @Field(() => String, { nullable: true, description: "The currency of the amounts." }) currency?: string | null;
  @Field(() => String, { nullable: true, description: "The order's refund amount, as Qianyi's decimal text (no rounding)." }) orderRefundAmount?: string | null;
  @Field(() => String, { nullable: true, description: "The order's total amount, as Qianyi's decimal text (no rounding)." }) totalAmount?: string | null;
  @Field(() => String, { nullable: true, description: "The marketplace's (online) order number." }) onlineOrderNumber?: string | null;
  @Field(() => String, { nullable: true, description: "The marketplace buyer's id." }) buyerId?: string | null;
  @Field(() => String, { nullable: true, description: "The inbound (ASN) number: asnNumber, or warehouseEntryNumber as the query answers it." })
  asnNumber?: string | null;
  @Field(() => [QianyiCustomField], { description: "The return's custom fields (自定义栏位)." }) customFields!: QianyiCustomField[];
  @Field(() => String, { nullable: true, description: "asnId, or warehouseEntryID." }) asnId?: string | null;
  @Field(() => DateTimeResolver, { nullable: true, description: "When the order was submitted." }) commitTime?: Date | null;
  @Field(() => [QianyiReturnSku], { description: "Every returnSkuList line, hidden ones included." }) skus!: QianyiReturnSku[];
}

@ObjectType({ description: "Qianyi ERP's answer to a create." })
export class QianyiReceipt {
  @Field(() => String, { description: "Qianyi's returnNumber of the new order (the order's providerOrderNo)." }) returnNumber!: string;
  @Field(() => String, { nullable: true, description: "Qianyi's status code of the new order, when answered." }) status?: string | null;
  @Field(() => String, { nullable: true, description: "The return's type: RETURN (refund only), SALES_RETURN or RESHIP." }) type?: string | null;
}

@InputType({ description: "Qianyi's own per-line create fields, matched to a line by sku." })
export class QianyiLineOptions {
  @Field(() => String, { description: "The input line (by its sku) these options belong to." }) @IsString() @MaxLength(64) sku!: string;
  @Field(() => String, { nullable: true, description: "The sales order line (orderSkuId); Qianyi prefers it over sku when both are sent." })
  @IsOptional()
  @Matches(/^\d{1,15}$/, { message: "orderSkuId must be digits" })
  orderSkuId?: string | null;
  @Field(() => String, { nullable: true, description: "Storage location; Qianyi's system location when absent." })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  storageLocationCode?: string | null;
}

@InputType({ description: "A custom field value (refundCustomFieldValueVOList)." })
export class QianyiCustomFieldInput {
  @Field(() => String, { description: "The id CUSTOMER_FIELD_QUERY returns." })
  @Matches(/^\d{1,15}$/, { message: "customFieldId must be digits" })
  customFieldId!: string;
  @Field(() => String, { description: "The value to set, as text (a SELECT field takes one of its candidate values)." })
  @IsString()
  @MaxLength(512)
  value!: string;
}

@InputType({ description: "Qianyi ERP's own create fields." })
export class QianyiReturnOptions {
  @Field(() => String, { description: "The shop the sales order belongs to." }) @IsString() @MaxLength(50) shop!: string;
  @Field(() => Boolean, { nullable: true, description: "Submit at once (no manual submit in Qianyi ERP)." }) @IsOptional() @IsBoolean() autoCommit?:
    boolean | null;
  @Field(() => String, { nullable: true, description: "expectArriveTime: yyyy-MM-dd, a day that exists." })
  @IsOptional()
  @IsCalendarDate()
  expectArriveDate?: string | null;
  @Field(() => [QianyiLineOptions], { nullable: true, description: "Per-line options, each matched to an input line by sku." })
  @IsOptional()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  lines?: QianyiLineOptions[] | null;
  @Field(() => [QianyiCustomFieldInput], { nullable: true, description: "Custom field (自定义栏位) values to set." })
  @IsOptional()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  customFields?: QianyiCustomFieldInput[] | null;
}

/** Qianyi's ids are Longs, sent as JSON numbers: up to 15 digits a double carries exactly (as orderSkuId). */
const LONG_ID = /^\d{1,15}$/;

@InputType({ description: "Conditions of Qianyi's own list (QUERY_RETURN_ORDER_LIST), applied by Qianyi." })
export class QianyiOrderFilter {
  @Field(() => DateTimeResolver, { nullable: true, description: "finishTimeFrom: orders finished at or after this instant (to the second)." })
  finishedFrom?: Date | null;
  @Field(() => DateTimeResolver, { nullable: true, description: "finishTimeTo: orders finished at or before this instant (to the second)." })
  finishedTo?: Date | null;
  @Field(() => [String], { nullable: true, description: "shopIdList: only orders of these shops (Qianyi's shop ids)." })
  @IsOptional()
  @ArrayMaxSize(200)
  @Matches(LONG_ID, { each: true, message: "each shop id is Qianyi's numeric id (1 to 15 digits)" })
  shopIds?: string[] | null;
  @Field(() => [String], { nullable: true, description: "shopGroupIdList: only orders of the shops in these shop groups (Qianyi's ids)." })
  @IsOptional()
  @ArrayMaxSize(200)
  @Matches(LONG_ID, { each: true, message: "each shop group id is Qianyi's numeric id (1 to 15 digits)" })
  shopGroupIds?: string[] | null;
}
