// type-graphql reads design types through this polyfill, which must load before any decorator runs.
import "reflect-metadata";
import { Field, InputType, Int, ObjectType } from "type-graphql";
import { ArrayMaxSize, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateNested } from "class-validator";

// The GraphQL face of what only the 众包 OMS has: its details, receipt, and create / update options.

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

@InputType({ description: "A file for the OMS (attachmentOpenDTOs): pdf, jpg, jpeg or png, at most 10 MB decoded." })
export class OmsAttachmentInput {
  @Field(() => String, { description: "With its extension, which decides the type: .pdf, .jpg, .jpeg or .png." })
  @IsString()
  @IsNotEmpty({ message: "fileName must not be empty" })
  @MaxLength(255)
  fileName!: string;
  @Field(() => String, { description: "The file's bytes, plain base64 (no data: prefix, no line breaks)." })
  @IsString()
  base64!: string;
  @Field(() => String, { nullable: true, description: "The OMS's own attachment type code, passed through (its values are not published)." })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  attachmentType?: string | null;
}

@InputType({ description: "The OMS's own create and update fields." })
export class OmsReturnOptions {
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(8) pickupType?: string | null;
  @Field(() => String, { nullable: true, description: "yyyy-MM-dd" }) @IsOptional() @Matches(DATE, { message: "pickupDate must be yyyy-MM-dd" }) pickupDate?:
    string | null;
  @Field(() => String, { nullable: true, description: "yyyy-MM-dd" }) @IsOptional() @Matches(DATE, { message: "etaDate must be yyyy-MM-dd" }) etaDate?:
    string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(8) returnType?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(64) signatureNo?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(512) handleAdvice?: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'The OMS\'s split-ASN flag, a numeric code passed as is: "1" yes, "-1" no (the API\'s yes/no convention).',
  })
  @IsOptional()
  @Matches(/^-?\d{1,3}$/, { message: "isSplitAsn must be a numeric code such as 1 or -1" })
  isSplitAsn?: string | null;
  @Field(() => [OmsAttachmentInput], { nullable: true, description: "Files to attach; checked (type, size, base64) before anything is sent." })
  @IsOptional()
  @ArrayMaxSize(10, { message: "at most 10 attachments at once" })
  @ValidateNested({ each: true })
  attachments?: OmsAttachmentInput[] | null;
}
