// type-graphql reads design types through this polyfill, which must load before any decorator runs.
import "reflect-metadata";
import { Field, InputType, Int, ObjectType } from "type-graphql";
import { ArrayMaxSize, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateNested } from "class-validator";
import { IsCalendarDate } from "../kit/calendar.js";

// The GraphQL face of what only the 众包 OMS has: its details, receipt, and create / update options.

@ObjectType({ description: "One item (itemDTOs) as the OMS reports it, with the OMS's own per-item codes." })
export class OmsReturnItem {
  @Field(() => String, { description: "productSku." }) sku!: string;
  @Field(() => String, { nullable: true, description: "returnOrderId: the OMS's id of this item line." }) itemId?: string | null;
  @Field(() => String, { nullable: true, description: "productId: the OMS's id of the product." }) productId?: string | null;
  @Field(() => Int, { description: "qty: units announced." }) quantity!: number;
  @Field(() => Int, { nullable: true, description: "receiveQty: units received." }) receivedQuantity?: number | null;
  @Field(() => String, { nullable: true, description: 'productQuality, the OMS\'s numeric code kept raw ("-1" in seed 000; its values are not published).' })
  productQuality?: string | null;
  @Field(() => String, { nullable: true, description: 'handleType, the OMS\'s numeric code kept raw ("-1" in seed 000; its values are not published).' })
  handleType?: string | null;
  @Field(() => String, { nullable: true, description: "A note on the item." }) remark?: string | null;
}

@ObjectType({ description: "A file attached to the order, as the OMS reports it (its content is not served here)." })
export class OmsAttachment {
  @Field(() => String, { nullable: true, description: "fileName." }) fileName?: string | null;
  @Field(() => String, { nullable: true, description: "attachmentType: the OMS's own type code." }) attachmentType?: string | null;
  @Field(() => String, { nullable: true, description: "fileType (PNG, JPG, JPEG, … as the OMS names it)." }) fileType?: string | null;
}

@ObjectType({ description: "Fields only the OMS has." })
export class OmsReturnDetails {
  @Field(() => String, { nullable: true, description: "The OMS signatureNo, as given at create or update." }) signatureNo?: string | null;
  @Field(() => String, { nullable: true, description: "The OMS pickupType code, kept raw: its values are not published for returns." }) pickupType?:
    string | null;
  @Field(() => String, { nullable: true, description: "The planned pick-up date (yyyy-MM-dd)." }) pickupDate?: string | null;
  @Field(() => String, { nullable: true, description: "The expected arrival date at the warehouse (yyyy-MM-dd)." }) etaDate?: string | null;
  @Field(() => String, { nullable: true, description: "The OMS returnType code, kept raw: its values are not published." }) returnType?: string | null;
  @Field(() => String, { nullable: true, description: 'The split-ASN flag as the OMS answers it: "1" yes, "-1" no (the API\'s yes/no convention).' })
  isSplitAsn?: string | null;
  @Field(() => String, { nullable: true, description: "The seller's handling advice for the warehouse (free text)." }) handleAdvice?: string | null;
  @Field(() => Int, { nullable: true, description: "Units the OMS counts as good (order total)." }) goodQuantity?: number | null;
  @Field(() => Int, { nullable: true, description: "Units the OMS counts as defective (order total)." }) badQuantity?: number | null;
  @Field(() => Int, { nullable: true, description: "Good units put away." }) putawayQuantity?: number | null;
  @Field(() => Int, { nullable: true, description: "Defective units put away." }) putawayBadQuantity?: number | null;
  @Field(() => Int, { nullable: true, description: "Units destroyed." }) destroyQuantity?: number | null;
  @Field(() => String, { nullable: true, description: "The OMS cancelType code, kept raw: its values are not published." }) cancelType?: string | null;
  @Field(() => String, { nullable: true, description: "The remark given with the cancellation." }) cancelRemark?: string | null;
  @Field(() => String, { nullable: true, description: "Why the order is in exception (status -2), as the OMS says it." }) errorReason?: string | null;
  @Field(() => [OmsReturnItem], { description: "Every item with the OMS's own per-item codes (productQuality, handleType)." }) items!: OmsReturnItem[];
  @Field(() => [OmsAttachment], { description: "The files attached to the order, where the OMS reports them (openAttachments)." })
  attachments!: OmsAttachment[];
}

@ObjectType({ description: "The OMS's answer to a create." })
export class OmsReceipt {
  @Field(() => String, { description: "The OMS orderNo of the new order (the order's providerOrderNo)." }) orderNo!: string;
  @Field(() => String, { nullable: true, description: "The OMS status code of the new order, when the answer carries one." }) status?: string | null;
}

const CODE = /^-?\d{1,3}$/;

@InputType({ description: "The OMS's own per-item codes, matched to an input line by sku." })
export class OmsLineOptions {
  @Field(() => String, { description: "The input line (by its sku) these codes belong to." }) @IsString() @MaxLength(64) sku!: string;
  @Field(() => String, { nullable: true, description: 'productQuality, a numeric code passed as is ("-1" in seed 000; its values are not published).' })
  @IsOptional()
  @Matches(CODE, { message: "productQuality must be a numeric code such as -1" })
  productQuality?: string | null;
  @Field(() => String, { nullable: true, description: 'handleType, a numeric code passed as is ("-1" in seed 000; its values are not published).' })
  @IsOptional()
  @Matches(CODE, { message: "handleType must be a numeric code such as -1" })
  handleType?: string | null;
}

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
  @Field(() => String, { nullable: true, description: "The OMS pickupType code, passed as is (its values are not published)." })
  @IsOptional()
  @IsString()
  @MaxLength(8)
  pickupType?: string | null;
  @Field(() => String, { nullable: true, description: "yyyy-MM-dd, a day that exists." }) @IsOptional() @IsCalendarDate() pickupDate?: string | null;
  @Field(() => String, { nullable: true, description: "yyyy-MM-dd, a day that exists." }) @IsOptional() @IsCalendarDate() etaDate?: string | null;
  @Field(() => String, { nullable: true, description: "The OMS returnType code, passed as is (its values are not published)." })
  @IsOptional()
  @IsString()
  @MaxLength(8)
  returnType?: string | null;
  @Field(() => String, { nullable: true, description: "The OMS signatureNo, passed as is." }) @IsOptional() @IsString() @MaxLength(64) signatureNo?:
    string | null;
  @Field(() => String, { nullable: true, description: "Handling advice for the warehouse (free text)." })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  handleAdvice?: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'The OMS\'s split-ASN flag, a numeric code passed as is: "1" yes, "-1" no (the API\'s yes/no convention).',
  })
  @IsOptional()
  @Matches(CODE, { message: "isSplitAsn must be a numeric code such as 1 or -1" })
  isSplitAsn?: string | null;
  @Field(() => [OmsAttachmentInput], { nullable: true, description: "Files to attach; checked (type, size, base64) before anything is sent." })
  @IsOptional()
  @ArrayMaxSize(10, { message: "at most 10 attachments at once" })
  @ValidateNested({ each: true })
  attachments?: OmsAttachmentInput[] | null;
  @Field(() => [OmsLineOptions], {
    nullable: true,
    description: "Per-item codes, each matched to an input line by sku (on update: to the new lines, or to the order's items when lines are not changed).",
  })
  @IsOptional()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  lines?: OmsLineOptions[] | null;
}
