import { Field, InputType, ObjectType } from "type-graphql";
import { ArrayMaxSize, IsIn, IsOptional, IsString, MaxLength } from "class-validator";

// The GraphQL face of what only Qimen has. The adapter itself is not built yet (issue 6):
// until then Qimen is absent from `returnProviders` and its mutations answer OperationNotSupported.

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
}

@ObjectType({ description: "Qimen's answer to a create." })
export class QimenReceipt {
  @Field(() => String) returnOrderCode!: string;
  @Field(() => String, { nullable: true }) returnOrderId?: string | null;
}

@InputType({ description: "Qimen's own create fields." })
export class QimenReturnOptions {
  @Field(() => String, { nullable: true, description: "THRK or HHRK." }) @IsOptional() @IsIn(["THRK", "HHRK"]) orderType?: string | null;
  @Field(() => String) @IsString() @MaxLength(64) ownerCode!: string;
  @Field(() => String) @IsString() @MaxLength(64) logisticsCode!: string;
  @Field(() => [String], { nullable: true }) @IsOptional() @ArrayMaxSize(20) @IsString({ each: true }) @MaxLength(32, { each: true }) orderFlags?: string[] | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(64) sourcePlatformCode?: string | null;
}
