// type-graphql reads design types through this polyfill, which must load before any decorator runs.
import "reflect-metadata";
import { Field, Int, ObjectType } from "type-graphql";

// The goods entries of WINIT's query answer (seed 003: orderGoodsList and shelveGoodsList).

@ObjectType({ description: "One inventoryAttribute pair of shelved goods." })
export class WinitInventoryTag {
  @Field(() => String, { nullable: true, description: "stockOrg (inventory organisation), stockType (2B or 2C) or stockOwner (inventory owner)." })
  tagName?: string | null;
  @Field(() => String, { nullable: true, description: "The tag's value." }) tagValue?: string | null;
}

@ObjectType({ description: "One goods line as WINIT reports it." })
export class WinitGoods {
  @Field(() => String, { description: "WINIT's merchandise code (商品编码), the seller's SKU." }) merchandiseCode!: string;
  @Field(() => String, { nullable: true, description: "The merchandise barcode (商品条码)." }) merchandiseSerno?: string | null;
  @Field(() => String, { nullable: true, description: "The item (serial) barcode (单品条码)." }) itemSerno?: string | null;
  @Field(() => String, { nullable: true, description: "The product's English name." }) nameEn?: string | null;
  @Field(() => String, { nullable: true, description: "The product's Chinese name." }) nameCn?: string | null;
  @Field(() => String, { nullable: true, description: "The goods' specification (规格)." }) specification?: string | null;
  @Field(() => String, { nullable: true, description: "The original merchandise code (原商品编码)." }) originalMerchandiseCode?: string | null;
  @Field(() => String, { nullable: true, description: "The original merchandise barcode (原商品条码)." }) originalMerchandiseSerno?: string | null;
  @Field(() => String, { nullable: true, description: "The goods owner's code (货主编码)." }) ownerCode?: string | null;
  @Field(() => String, { nullable: true, description: "The third-party code (第三方编码)." }) skuCodeThird?: string | null;
  @Field(() => String, { nullable: true, description: "SINGLE single product, SUITE set, BOX boxed product." }) skuType?: string | null;
  @Field(() => Int, { nullable: true, description: "Pieces per standard inventory unit (库存标准单元件数)." }) standardPartsNum?: number | null;
  @Field(() => String, { nullable: true, description: "SI managed per item (单品管理), SKU managed per SKU (商品管理)." }) managementType?: string | null;
  @Field(() => String, { nullable: true, description: "The width the warehouse measured (核实宽), a decimal as WINIT wrote it." }) confirmWidth?: string | null;
  @Field(() => String, { nullable: true, description: "The length the warehouse measured (核实长), a decimal as WINIT wrote it." }) confirmLength?:
    string | null;
  @Field(() => String, { nullable: true, description: "The height the warehouse measured (核实高), a decimal as WINIT wrote it." }) confirmHeight?:
    string | null;
  @Field(() => String, { nullable: true, description: "The volume the warehouse measured (核实体积), a decimal as WINIT wrote it." }) confirmVolume?:
    string | null;
  @Field(() => String, { nullable: true, description: "The weight the warehouse measured (核实重量), a decimal as WINIT wrote it." }) confirmWeight?:
    string | null;
  @Field(() => [WinitInventoryTag], { description: "Inventory attributes (库存属性) of shelved goods." }) inventoryAttribute!: WinitInventoryTag[];
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
