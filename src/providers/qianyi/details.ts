import { Field, InputType, ObjectType } from "type-graphql";
import { IsBoolean, IsOptional, IsString, Matches, MaxLength } from "class-validator";

// The GraphQL face of what only Qianyi ERP has. The adapter itself is not built yet (issue 4):
// until then Qianyi is absent from `returnProviders` and its mutations answer OperationNotSupported.

@ObjectType({ description: "One custom field of a Qianyi return." })
export class QianyiCustomField {
  @Field(() => String) id!: string;
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => String, { nullable: true }) value?: string | null;
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
  @Field(() => String, { nullable: true }) asnNumber?: string | null;
  @Field(() => [QianyiCustomField]) customFields!: QianyiCustomField[];
}

@ObjectType({ description: "Qianyi ERP's answer to a create." })
export class QianyiReceipt {
  @Field(() => String) returnNumber!: string;
  @Field(() => String, { nullable: true }) status?: string | null;
  @Field(() => String, { nullable: true }) type?: string | null;
}

@InputType({ description: "Qianyi ERP's own create fields." })
export class QianyiReturnOptions {
  @Field(() => String) @IsString() @MaxLength(50) shop!: string;
  @Field(() => Boolean, { nullable: true }) @IsOptional() @IsBoolean() autoCommit?: boolean | null;
  @Field(() => String, { nullable: true, description: "yyyy-MM-dd" })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: "expectArriveDate must be yyyy-MM-dd" })
  expectArriveDate?: string | null;
}
