import { Field, InputType, Int, ObjectType } from "type-graphql";
import { IsOptional, IsString, Matches, MaxLength } from "class-validator";

// The GraphQL face of what only the 众包 OMS has. The adapter itself is not built yet (issue 5):
// until then the OMS is absent from `returnProviders` and its mutations answer OperationNotSupported.

@ObjectType({ description: "Fields only the OMS has." })
export class OmsReturnDetails {
  @Field(() => String, { nullable: true }) signatureNo?: string | null;
  @Field(() => String, { nullable: true }) pickupType?: string | null;
  @Field(() => String, { nullable: true }) pickupDate?: string | null;
  @Field(() => String, { nullable: true }) etaDate?: string | null;
  @Field(() => String, { nullable: true }) returnType?: string | null;
  @Field(() => String, { nullable: true }) isSplitAsn?: string | null;
  @Field(() => String, { nullable: true }) handleAdvice?: string | null;
  @Field(() => Int, { nullable: true }) goodQuantity?: number | null;
  @Field(() => Int, { nullable: true }) badQuantity?: number | null;
  @Field(() => Int, { nullable: true }) putawayQuantity?: number | null;
  @Field(() => Int, { nullable: true }) putawayBadQuantity?: number | null;
  @Field(() => Int, { nullable: true }) destroyQuantity?: number | null;
  @Field(() => String, { nullable: true }) cancelType?: string | null;
  @Field(() => String, { nullable: true }) cancelRemark?: string | null;
  @Field(() => String, { nullable: true }) errorReason?: string | null;
}

@ObjectType({ description: "The OMS's answer to a create." })
export class OmsReceipt {
  @Field(() => String) orderNo!: string;
  @Field(() => String, { nullable: true }) status?: string | null;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

@InputType({ description: "The OMS's own create and update fields." })
export class OmsReturnOptions {
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(8) pickupType?: string | null;
  @Field(() => String, { nullable: true, description: "yyyy-MM-dd" }) @IsOptional() @Matches(DATE, { message: "pickupDate must be yyyy-MM-dd" }) pickupDate?: string | null;
  @Field(() => String, { nullable: true, description: "yyyy-MM-dd" }) @IsOptional() @Matches(DATE, { message: "etaDate must be yyyy-MM-dd" }) etaDate?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(8) returnType?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(64) signatureNo?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(512) handleAdvice?: string | null;
}
