// type-graphql reads design types through this polyfill, which must load before any decorator runs.
import "reflect-metadata";
import { DateTimeResolver } from "graphql-scalars";
import { Field, Float, InputType, Int, ObjectType } from "type-graphql";
import { ArrayMaxSize, IsBoolean, IsIn, IsOptional, IsPositive, IsString, Matches, MaxLength, ValidateNested } from "class-validator";

// The GraphQL face of what only WINIT has: its details, receipt and create options.

@ObjectType({ description: "One goods line as WINIT reports it." })
export class WinitGoods {
  @Field(() => String, { description: "WINIT's merchandise code (商品编码), the seller's SKU." }) merchandiseCode!: string;
  @Field(() => String, { nullable: true, description: "The merchandise barcode (商品条码)." }) merchandiseSerno?: string | null;
  @Field(() => String, { nullable: true, description: "The item (serial) barcode (单品条码)." }) itemSerno?: string | null;
  @Field(() => String, { nullable: true, description: "The product's English name." }) nameEn?: string | null;
  @Field(() => String, { nullable: true, description: "The product's Chinese name." }) nameCn?: string | null;
  @Field(() => Int, { description: "Units on this line." }) quantity!: number;
  @Field(() => String, { nullable: true, description: "GOOD or DEFECTIVE." }) grade?: string | null;
  @Field(() => String, {
    nullable: true,
    description: "WINIT's deprecated handleMethod as sent: a strategy on ordered goods, a shelve method on shelved goods.",
  })
  handleMethod?: string | null;
  @Field(() => String, {
    nullable: true,
    description:
      "As ordered (ordered goods) or as the warehouse actually handled them (shelved goods): NS photograph and hold (拍照暂存), SA shelve directly (直接上架), DE destroy (销毁), WI WINIT inspects, then shelves (WINIT检查上架).",
  })
  handleStrategy?: string | null;
  @Field(() => String, {
    nullable: true,
    description: "As ordered, or as actually done (shelved goods; absent while held): GOOD_SA shelve as good, DEFECTIVE_SA shelve as defective, DE destroy.",
  })
  shelveMethod?: string | null;
  @Field(() => [String], { description: "Photos the warehouse took of these goods." }) imageUrls!: string[];
}

@ObjectType({ description: "Fields only WINIT has." })
export class WinitReturnDetails {
  @Field(() => String, { nullable: true, description: "WINIT's RMA number, to write on the parcel." }) rmaNo?: string | null;
  @Field(() => String, { nullable: true, description: "The warehouse address the parcel goes to, as one text." }) returnAddress?: string | null;
  @Field(() => Boolean, { nullable: true, description: "Whether WINIT produces the return label (a return channel was chosen)." }) isReturnLabel?:
    boolean | null;
  @Field(() => [String], { description: "The return label files (mdImageList)." }) labelImageUrls!: string[];
  @Field(() => String, {
    nullable: true,
    description: "The return strategy the seller chose at create: NS photograph and hold, SA shelve directly, DE destroy, WI WINIT inspects, then shelves.",
  })
  handleStrategy?: string | null;
  @Field(() => String, {
    nullable: true,
    description: "The shelve method the seller chose at create: GOOD_SA shelve as good, DEFECTIVE_SA shelve as defective, DE destroy.",
  })
  shelveMethod?: string | null;
  @Field(() => DateTimeResolver, { nullable: true, description: "For a held order: when the seller first asked for a value-added service." })
  processTime?: string | null;
  @Field(() => DateTimeResolver, { nullable: true, description: "When every value-added service of the order was done." })
  allVasOrderCompletedTime?: string | null;
  @Field(() => String, { nullable: true, description: "NR: created by the warehouse; OR: started from an outbound order." })
  originCode?: string | null;
  @Field(() => String, { nullable: true, description: "DF: delivery failed; BR: buyer return." })
  returnReasonCode?: string | null;
  @Field(() => String, {
    nullable: true,
    description: "The tracking number the seller gave, or the one fetched for a WINIT return label; the warehouse may scan another (trackingNumber).",
  })
  customerExpressNo?: string | null;
  @Field(() => String, { nullable: true, description: "The seller's order number (卖家订单号), answer only." }) sellerOrderNo?: string | null;
  @Field(() => String, { nullable: true, description: "The buyer's name." }) buyerName?: string | null;
  @Field(() => [WinitGoods], { description: "The goods as the warehouse shelved or otherwise handled them." }) shelvedGoods!: WinitGoods[];
  @Field(() => [WinitGoods], { description: "The goods as the seller announced them." }) orderedGoods!: WinitGoods[];
}

@ObjectType({ description: "WINIT's answer to a create." })
export class WinitReceipt {
  @Field(() => String, { description: "WINIT's returnGoodsOrderNo of the new order (the order's providerOrderNo)." }) returnGoodsOrderNo!: string;
  @Field(() => String, { nullable: true, description: "The RMA number to write on the parcel." }) rmaNo?: string | null;
  @Field(() => String, { nullable: true, description: "The warehouse address the parcel goes to." }) returnAddress?: string | null;
}

const HANDLE_METHODS = ["SA", "NS", "DE", "WI"];
const SHELVE_METHODS = ["GOOD_SA", "DEFECTIVE_SA"];
const GOOD_METHODS = ["SA"];
const DEFECTIVE_METHODS = ["SA", "NS", "DE"];

@InputType({ description: "WINIT's own per-line create fields, matched to a line by sku." })
export class WinitLineOptions {
  @Field(() => String, { description: "The input line (by its sku) these options belong to." }) @IsString() @MaxLength(64) sku!: string;
  @Field(() => String, { nullable: true, description: "The goods' specification (规格)." }) @IsOptional() @IsString() @MaxLength(64) specification?:
    string | null;
  @Field(() => String, { nullable: true, description: "The production batch number (产品批次号)." }) @IsOptional() @IsString() @MaxLength(64) productionBatch?:
    string | null;
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
  @Field(() => Float, {
    nullable: true,
    description: "The parcel's length, passed to WINIT as is; required unless the goods left with a WINIT outbound order.",
  })
  @IsOptional()
  @IsPositive()
  packageLength?: number | null;
  @Field(() => Float, { nullable: true, description: "The parcel's width, passed to WINIT as is; required unless the goods left with a WINIT outbound order." })
  @IsOptional()
  @IsPositive()
  packageWidth?: number | null;
  @Field(() => Float, {
    nullable: true,
    description: "The parcel's height, passed to WINIT as is; required unless the goods left with a WINIT outbound order.",
  })
  @IsOptional()
  @IsPositive()
  packageHeight?: number | null;
  @Field(() => Float, {
    nullable: true,
    description: "The parcel's weight, passed to WINIT as is; required unless the goods left with a WINIT outbound order.",
  })
  @IsOptional()
  @IsPositive()
  packageWeight?: number | null;

  @Field(() => [WinitLineOptions], { nullable: true, description: "Per-line options, each matched to an input line by sku." })
  @IsOptional()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  lines?: WinitLineOptions[] | null;
}
