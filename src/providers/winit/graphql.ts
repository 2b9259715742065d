// type-graphql reads design types through this polyfill, which must load before any decorator runs.
import "reflect-metadata";
import { Field, Float, InputType, Int, ObjectType } from "type-graphql";
import { ArrayMaxSize, IsBoolean, IsIn, IsOptional, IsPositive, IsString, Matches, MaxLength, ValidateNested } from "class-validator";

// The GraphQL face of what only WINIT has: its details, receipt and create options.

@ObjectType({ description: "One goods line as WINIT reports it." })
export class WinitGoods {
  @Field(() => String) merchandiseCode!: string;
  @Field(() => String, { nullable: true }) merchandiseSerno?: string | null;
  @Field(() => String, { nullable: true }) itemSerno?: string | null;
  @Field(() => String, { nullable: true }) nameEn?: string | null;
  @Field(() => String, { nullable: true }) nameCn?: string | null;
  @Field(() => Int) quantity!: number;
  @Field(() => String, { nullable: true, description: "GOOD or DEFECTIVE." }) grade?: string | null;
  @Field(() => String, { nullable: true }) handleStrategy?: string | null;
  @Field(() => String, { nullable: true }) shelveMethod?: string | null;
  @Field(() => [String]) imageUrls!: string[];
}

@ObjectType({ description: "Fields only WINIT has." })
export class WinitReturnDetails {
  @Field(() => String, { nullable: true }) rmaNo?: string | null;
  @Field(() => String, { nullable: true }) returnAddress?: string | null;
  @Field(() => Boolean, { nullable: true }) isReturnLabel?: boolean | null;
  @Field(() => [String]) labelImageUrls!: string[];
  @Field(() => String, { nullable: true }) handleStrategy?: string | null;
  @Field(() => String, { nullable: true }) shelveMethod?: string | null;
  @Field(() => String, { nullable: true, description: "NR: created by the warehouse; OR: started from an outbound order." })
  originCode?: string | null;
  @Field(() => String, { nullable: true, description: "DF: delivery failed; BR: buyer return." })
  returnReasonCode?: string | null;
  @Field(() => String, { nullable: true }) customerExpressNo?: string | null;
  @Field(() => String, { nullable: true }) sellerOrderNo?: string | null;
  @Field(() => String, { nullable: true }) buyerName?: string | null;
  @Field(() => [WinitGoods]) shelvedGoods!: WinitGoods[];
  @Field(() => [WinitGoods]) orderedGoods!: WinitGoods[];
}

@ObjectType({ description: "WINIT's answer to a create." })
export class WinitReceipt {
  @Field(() => String) returnGoodsOrderNo!: string;
  @Field(() => String, { nullable: true }) rmaNo?: string | null;
  @Field(() => String, { nullable: true }) returnAddress?: string | null;
}

@InputType({ description: "WINIT's own per-line create fields, matched to a line by sku." })
export class WinitLineOptions {
  @Field(() => String) @IsString() @MaxLength(64) sku!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(64) specification?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(64) productionBatch?: string | null;
  @Field(() => String, { nullable: true, description: "yyyy-MM-dd" })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: "batchDate must be yyyy-MM-dd" })
  batchDate?: string | null;
  @Field(() => [String], { nullable: true, description: "Item (serial) barcodes of this line." })
  @IsOptional()
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  itemCodes?: string[] | null;
}

const HANDLE_METHODS = ["SA", "NS", "DE", "WI"];

@InputType({ description: "WINIT's own create fields." })
export class WinitReturnOptions {
  @Field(() => Boolean, { nullable: true, description: "Defaults to true when outboundOrderNo is given." })
  @IsOptional()
  @IsBoolean()
  isWinitOutbound?: boolean | null;

  @Field(() => String, { nullable: true, description: "Return channel (PSC) when WINIT should produce the return label." })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  winitProductCode?: string | null;

  @Field(() => String, { nullable: true, description: "SA, NS, DE or WI: what the warehouse does with the goods. Defaults to SA." })
  @IsOptional()
  @IsIn(HANDLE_METHODS)
  handleMethod?: string | null;

  @Field(() => String, { nullable: true, description: "GOOD_SA or DEFECTIVE_SA when handleMethod is SA." })
  @IsOptional()
  @IsIn(["GOOD_SA", "DEFECTIVE_SA"])
  shelveMethod?: string | null;

  @Field(() => String, { nullable: true, description: "What to do with good goods when handleMethod is WI (SA)." })
  @IsOptional()
  @IsIn(["SA"])
  goodMethod?: string | null;

  @Field(() => String, { nullable: true, description: "What to do with defective goods when handleMethod is WI (SA, NS or DE)." })
  @IsOptional()
  @IsIn(["SA", "NS", "DE"])
  defectiveMethod?: string | null;

  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(32) vatNo?: string | null;
  @Field(() => Float, { nullable: true }) @IsOptional() @IsPositive() packageLength?: number | null;
  @Field(() => Float, { nullable: true }) @IsOptional() @IsPositive() packageWidth?: number | null;
  @Field(() => Float, { nullable: true }) @IsOptional() @IsPositive() packageHeight?: number | null;
  @Field(() => Float, { nullable: true }) @IsOptional() @IsPositive() packageWeight?: number | null;

  @Field(() => [WinitLineOptions], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  lines?: WinitLineOptions[] | null;
}
