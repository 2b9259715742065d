// type-graphql reads design types through this polyfill, which must load before any decorator runs.
import "reflect-metadata";
import { Field, InputType, Int, ObjectType } from "type-graphql";
import { DateTimeResolver } from "graphql-scalars";
import { ArrayMaxSize, IsBoolean, IsOptional, IsString, Matches, MaxLength, ValidateNested } from "class-validator";

// The GraphQL face of what only Qianyi ERP has: its details, receipt and create options.

@ObjectType({ description: "One custom field (自定义栏位) of a Qianyi return." })
export class QianyiCustomField {
  @Field(() => String, { description: "customFieldId." }) id!: string;
  @Field(() => String, { nullable: true, description: "tableName: what the field belongs to (SYS_REFUND for a return, SYS_ITEM, SYS_ORDER, …)." })
  tableName?: string | null;
  @Field(() => String, { nullable: true, description: "columName: the seller's name for the field." }) name?: string | null;
  @Field(() => String, { nullable: true }) value?: string | null;
  @Field(() => String, { nullable: true, description: "columType: NUMBER, DATE, STRING or SELECT." }) type?: string | null;
  @Field(() => String, { nullable: true }) defaultValue?: string | null;
  @Field(() => [String], { description: "candidateValue: the choices of a SELECT field." }) candidateValues!: string[];
  @Field(() => String, { nullable: true }) remark?: string | null;
  @Field(() => Boolean, { nullable: true }) required?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: "isQuery: whether Qianyi's pages can search by the field." }) isQuery?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: "isShow: whether Qianyi's pages show the field." }) isShow?: boolean | null;
}

@ObjectType({ description: "Where received goods of a line were put, and how many (locAndQuantityList)." })
export class QianyiLocationQuantity {
  @Field(() => String, { nullable: true }) storageLocationCode?: string | null;
  @Field(() => Int) receiveQuantity!: number;
}

@ObjectType({ description: "One returnSkuList line as Qianyi reports it." })
export class QianyiReturnSku {
  @Field(() => String) sku!: string;
  @Field(() => String, { nullable: true, description: "The sales order line's id." }) orderSkuId?: string | null;
  @Field(() => Int) quantity!: number;
  @Field(() => Int, { nullable: true }) goodQuantity?: number | null;
  @Field(() => Int, { nullable: true }) badQuantity?: number | null;
  @Field(() => String, { nullable: true }) itemRefundAmount?: string | null;
  @Field(() => String, { nullable: true }) refundAmount?: string | null;
  @Field(() => String, { nullable: true }) storageLocationCode?: string | null;
  @Field(() => Boolean, {
    nullable: true,
    description: "selected: whether Qianyi shows the line on its pages; a hidden line is not in the order's lines or totals.",
  })
  selected?: boolean | null;
  @Field(() => String, { nullable: true }) remark?: string | null;
  @Field(() => [QianyiLocationQuantity]) locations!: QianyiLocationQuantity[];
}

@ObjectType({ description: "Fields only Qianyi ERP has." })
export class QianyiReturnDetails {
  @Field(() => String, { nullable: true }) shop?: string | null;
  @Field(() => String, { nullable: true, description: "RETURN (refund only), SALES_RETURN or RESHIP." }) type?: string | null;
  @Field(() => String, { nullable: true }) currency?: string | null;
  @Field(() => String, { nullable: true }) orderRefundAmount?: string | null;
  @Field(() => String, { nullable: true }) totalAmount?: string | null;
  @Field(() => String, { nullable: true }) onlineOrderNumber?: string | null;
  @Field(() => String, { nullable: true }) buyerId?: string | null;
  @Field(() => String, { nullable: true, description: "The inbound (ASN) number: asnNumber, or warehouseEntryNumber as the query answers it." })
  asnNumber?: string | null;
  @Field(() => [QianyiCustomField]) customFields!: QianyiCustomField[];
  @Field(() => String, { nullable: true, description: "asnId, or warehouseEntryID." }) asnId?: string | null;
  @Field(() => DateTimeResolver, { nullable: true, description: "When the order was submitted." }) commitTime?: Date | null;
  @Field(() => [QianyiReturnSku]) skus!: QianyiReturnSku[];
}

@ObjectType({ description: "Qianyi ERP's answer to a create." })
export class QianyiReceipt {
  @Field(() => String) returnNumber!: string;
  @Field(() => String, { nullable: true }) status?: string | null;
  @Field(() => String, { nullable: true }) type?: string | null;
}

@InputType({ description: "Qianyi's own per-line create fields, matched to a line by sku." })
export class QianyiLineOptions {
  @Field(() => String) @IsString() @MaxLength(64) sku!: string;
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
  @Field(() => String) @IsString() @MaxLength(512) value!: string;
}

@InputType({ description: "Qianyi ERP's own create fields." })
export class QianyiReturnOptions {
  @Field(() => String) @IsString() @MaxLength(50) shop!: string;
  @Field(() => Boolean, { nullable: true, description: "Submit at once (no manual submit in Qianyi ERP)." }) @IsOptional() @IsBoolean() autoCommit?:
    boolean | null;
  @Field(() => String, { nullable: true, description: "yyyy-MM-dd" })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: "expectArriveDate must be yyyy-MM-dd" })
  expectArriveDate?: string | null;
  @Field(() => [QianyiLineOptions], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  lines?: QianyiLineOptions[] | null;
  @Field(() => [QianyiCustomFieldInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  customFields?: QianyiCustomFieldInput[] | null;
}
