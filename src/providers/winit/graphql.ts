// type-graphql reads design types through this polyfill, which must load before any decorator runs.
import "reflect-metadata";
import { DateTimeResolver } from "graphql-scalars";
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
  @Field(() => String, {
    nullable: true,
    description: "WINIT's deprecated handleMethod as sent: a strategy on ordered goods, a shelve method on shelved goods.",
  })
  handleMethod?: string | null;
  @Field(() => String, {
    nullable: true,
    description: "NS, SA, DE or WI: as ordered (ordered goods) or as the warehouse actually handled them (shelved goods).",
  })
  handleStrategy?: string | null;
  @Field(() => String, {
    nullable: true,
    description: "GOOD_SA, DEFECTIVE_SA or DE: as ordered, or as actually done (shelved goods; absent while held).",
  })
  shelveMethod?: string | null;
  @Field(() => [String]) imageUrls!: string[];
}

@ObjectType({ description: "Fields only WINIT has." })
export class WinitReturnDetails {
  @Field(() => String, { nullable: true }) rmaNo?: string | null;
  @Field(() => String, { nullable: true }) returnAddress?: string | null;
  @Field(() => Boolean, { nullable: true }) isReturnLabel?: boolean | null;
  @Field(() => [String]) labelImageUrls!: string[];
  @Field(() => String, { nullable: true, description: "The return strategy the seller chose at create (NS, SA, DE, WI)." })
  handleStrategy?: string | null;
  @Field(() => String, { nullable: true, description: "The shelve method the seller chose at create (GOOD_SA, DEFECTIVE_SA, DE)." })
  shelveMethod?: string | null;
  @Field(() => DateTimeResolver, { nullable: true, description: "For a held order: when the seller first asked for a value-added service." })
  processTime?: string | null;
  @Field(() => DateTimeResolver, { nullable: true, description: "When every value-added service of the order was done." })
  allVasOrderCompletedTime?: string | null;
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

const HANDLE_METHODS = ["SA", "NS", "DE", "WI"];
const SHELVE_METHODS = ["GOOD_SA", "DEFECTIVE_SA"];
const GOOD_METHODS = ["SA"];
const DEFECTIVE_METHODS = ["SA", "NS", "DE"];

@InputType({ description: "WINIT's own per-line create fields, matched to a line by sku." })
export class WinitLineOptions {
  @Field(() => String) @IsString() @MaxLength(64) sku!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(64) specification?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(64) productionBatch?: string | null;
  @Field(() => String, { nullable: true, description: "yyyy-MM-dd" })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: "batchDate must be yyyy-MM-dd" })
  batchDate?: string | null;
  @Field(() => [String], { nullable: true, description: "Item (serial) barcodes of this line: one per unit of its quantity." })
  @IsOptional()
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  itemCodes?: string[] | null;

  @Field(() => String, { nullable: true, description: "This line's handleMethod (SA, NS, DE or WI); defaults to the order's." })
  @IsOptional()
  @IsIn(HANDLE_METHODS)
  handleMethod?: string | null;

  @Field(() => String, { nullable: true, description: "This line's shelveMethod when its handleMethod is SA; defaults to the order's." })
  @IsOptional()
  @IsIn(SHELVE_METHODS)
  shelveMethod?: string | null;

  @Field(() => String, { nullable: true, description: "This line's goodMethod when its handleMethod is WI; defaults to the order's." })
  @IsOptional()
  @IsIn(GOOD_METHODS)
  goodMethod?: string | null;

  @Field(() => String, { nullable: true, description: "This line's defectiveMethod when its handleMethod is WI; defaults to the order's." })
  @IsOptional()
  @IsIn(DEFECTIVE_METHODS)
  defectiveMethod?: string | null;
}

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

  @Field(() => String, {
    nullable: true,
    description: "SA, NS, DE or WI: what the warehouse does with the goods. Defaults to SA. WI needs goodMethod and defectiveMethod.",
  })
  @IsOptional()
  @IsIn(HANDLE_METHODS)
  handleMethod?: string | null;

  @Field(() => String, { nullable: true, description: "GOOD_SA or DEFECTIVE_SA when handleMethod is SA." })
  @IsOptional()
  @IsIn(SHELVE_METHODS)
  shelveMethod?: string | null;

  @Field(() => String, { nullable: true, description: "What to do with good goods when handleMethod is WI (SA)." })
  @IsOptional()
  @IsIn(GOOD_METHODS)
  goodMethod?: string | null;

  @Field(() => String, { nullable: true, description: "What to do with defective goods when handleMethod is WI (SA, NS or DE)." })
  @IsOptional()
  @IsIn(DEFECTIVE_METHODS)
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
