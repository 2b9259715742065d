// type-graphql reads design types through this polyfill, which must load before any decorator runs.
import "reflect-metadata";
import { Field, Float, InputType } from "type-graphql";
import { ArrayMaxSize, IsBoolean, IsIn, IsOptional, IsPositive, IsString, Matches, MaxLength, ValidateNested } from "class-validator";

// WINIT's own create fields (seed 002), contributed to `ReturnOrderCreateInput.winit`.

export const HANDLE_METHODS = ["SA", "NS", "DE", "WI"];
export const SHELVE_METHODS = ["GOOD_SA", "DEFECTIVE_SA"];
export const GOOD_METHODS = ["SA"];
export const DEFECTIVE_METHODS = ["SA", "NS", "DE"];
/** An item barcode's handleMethod (seed 002 itemCodeList.handleMethod): SA, NS or DE. */
export const ITEM_METHODS = ["SA", "NS", "DE"];

@InputType({ description: "One item (serial) barcode of a line, with its own handling (itemCodeList)." })
export class WinitItemCodeInput {
  @Field(() => String, { description: "The item barcode (单品条码)." }) @IsString() @MaxLength(64) itemCode!: string;
  @Field(() => String, {
    nullable: true,
    description: "SA shelve directly, NS photograph as new, then shelve, DE destroy; defaults to the line's handling (its goodMethod under WI).",
  })
  @IsOptional()
  @IsIn(ITEM_METHODS)
  handleMethod?: string | null;
}

@InputType({ description: "WINIT's own per-line create fields, matched to a line by sku." })
export class WinitLineOptions {
  @Field(() => String, { description: "The input line (by its sku) these options belong to." }) @IsString() @MaxLength(64) sku!: string;
  @Field(() => String, { nullable: true, description: "The goods' specification (规格)." }) @IsOptional() @IsString() @MaxLength(64) specification?:
    string | null;
  @Field(() => String, { nullable: true, description: "The production batch number (产品批次号)." }) @IsOptional() @IsString() @MaxLength(64) productionBatch?:
    string | null;
  @Field(() => String, { nullable: true, description: "The batch date (批次日期), yyyy-MM-dd: a date of the calendar." })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: "batchDate must be yyyy-MM-dd" })
  batchDate?: string | null;
  @Field(() => [String], { nullable: true, description: "Item (serial) barcodes of this line, one per unit of its quantity, each handled as the line is." })
  @IsOptional()
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  itemCodes?: string[] | null;

  @Field(() => [WinitItemCodeInput], {
    nullable: true,
    description: "Item (serial) barcodes with a handling each, one per unit of the line's quantity; instead of itemCodes.",
  })
  @IsOptional()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  items?: WinitItemCodeInput[] | null;

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

const packageSide = (what: string) => ({
  nullable: true,
  description: `The parcel's ${what}, passed to WINIT as is; required unless the goods left with a WINIT outbound order.`,
});

@InputType({ description: "WINIT's own create fields." })
export class WinitReturnOptions {
  @Field(() => Boolean, { nullable: true, description: "Defaults to true when outboundOrderNo is given." })
  @IsOptional()
  @IsBoolean()
  isWinitOutbound?: boolean | null;

  @Field(() => String, {
    nullable: true,
    description:
      "Return channel (PSC) WINIT buys the return label on; required unless the goods left with a WINIT outbound order (WINIT then only offers the return label service).",
  })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  winitProductCode?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "What the warehouse does with the goods: SA shelve directly (直接上架), NS photograph as new, then shelve (新品拍照上架), DE destroy (销毁), WI WINIT inspects, then shelves (WINIT检查上架; needs goodMethod and defectiveMethod, and WINIT sales must enable it). Defaults to SA.",
  })
  @IsOptional()
  @IsIn(HANDLE_METHODS)
  handleMethod?: string | null;

  @Field(() => String, { nullable: true, description: "When handleMethod is SA: GOOD_SA shelve as good, DEFECTIVE_SA shelve as defective." })
  @IsOptional()
  @IsIn(SHELVE_METHODS)
  shelveMethod?: string | null;

  @Field(() => String, { nullable: true, description: "What to do with good goods when handleMethod is WI: SA shelve directly (the only value)." })
  @IsOptional()
  @IsIn(GOOD_METHODS)
  goodMethod?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "What to do with defective goods when handleMethod is WI: SA shelve directly, NS photograph as new, then shelve, DE destroy.",
  })
  @IsOptional()
  @IsIn(DEFECTIVE_METHODS)
  defectiveMethod?: string | null;

  @Field(() => String, { nullable: true, description: "The seller's VAT number (VATNo), for UK and DE warehouses." })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  vatNo?: string | null;

  @Field(() => String, { nullable: true, description: "The return's goods owner code (退货货主编码): for the special customers WINIT asks to send one." })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  ownerCode?: string | null;

  @Field(() => Float, packageSide("length")) @IsOptional() @IsPositive() packageLength?: number | null;
  @Field(() => Float, packageSide("width")) @IsOptional() @IsPositive() packageWidth?: number | null;
  @Field(() => Float, packageSide("height")) @IsOptional() @IsPositive() packageHeight?: number | null;
  @Field(() => Float, packageSide("weight")) @IsOptional() @IsPositive() packageWeight?: number | null;

  @Field(() => [WinitLineOptions], { nullable: true, description: "Per-line options, each matched to an input line by sku." })
  @IsOptional()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  lines?: WinitLineOptions[] | null;
}
