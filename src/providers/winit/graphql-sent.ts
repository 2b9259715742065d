// type-graphql reads design types through this polyfill, which must load before any decorator runs.
import "reflect-metadata";
import { Field, Int, ObjectType } from "type-graphql";

// What the subgraph sent WINIT at create, as it reached the wire: WINIT's query reports none of it.

@ObjectType({ description: "One item barcode as sent (itemCodeList)." })
export class WinitSentItem {
  @Field(() => String, { description: "The item (serial) barcode." }) itemCode!: string;
  @Field(() => String, { nullable: true, description: "Its handling: SA, NS or DE." }) handleMethod?: string | null;
}

@ObjectType({ description: "One line as sent (ReturnGoodsList), with the handling that reached WINIT after the order's defaults." })
export class WinitSentLine {
  @Field(() => String, { description: "productCode: the SKU." }) sku!: string;
  @Field(() => Int, { description: "productNum." }) quantity!: number;
  @Field(() => String, { nullable: true, description: "The specification (规格)." }) specification?: string | null;
  @Field(() => String, { nullable: true, description: "The production batch number." }) productionBatch?: string | null;
  @Field(() => String, { nullable: true, description: "The batch date, yyyy-MM-dd." }) batchDate?: string | null;
  @Field(() => String, { nullable: true, description: "SA, NS, DE or WI." }) handleMethod?: string | null;
  @Field(() => String, { nullable: true, description: "GOOD_SA or DEFECTIVE_SA (with SA; WINIT takes GOOD_SA when none was sent)." }) shelveMethod?:
    string | null;
  @Field(() => String, { nullable: true, description: "With WI: SA." }) goodMethod?: string | null;
  @Field(() => String, { nullable: true, description: "With WI: SA, NS or DE." }) defectiveMethod?: string | null;
  @Field(() => [WinitSentItem], { description: "The item barcodes, each with its handling." }) items!: WinitSentItem[];
}

@ObjectType({ description: "What the subgraph sent WINIT's createReturnGoodsOrder (kept by the subgraph: WINIT's query does not report it)." })
export class WinitSentCreate {
  @Field(() => Boolean, { description: "isWinitOutbound: the goods left with a WINIT outbound order." }) isWinitOutbound!: boolean;
  @Field(() => String, { description: "userInfoSource: IRI (the sender given), ORI (the outbound order's recipient)." }) userInfoSource!: string;
  @Field(() => String, { nullable: true, description: "The return label channel (winitProductCode)." }) winitProductCode?: string | null;
  @Field(() => String, { nullable: true, description: "The VAT number (VATNo)." }) vatNo?: string | null;
  @Field(() => String, { nullable: true, description: "The return's goods owner code." }) ownerCode?: string | null;
  @Field(() => String, { nullable: true, description: "The parcel's length, as sent." }) packageLength?: string | null;
  @Field(() => String, { nullable: true, description: "The parcel's width, as sent." }) packageWidth?: string | null;
  @Field(() => String, { nullable: true, description: "The parcel's height, as sent." }) packageHeight?: string | null;
  @Field(() => String, { nullable: true, description: "The parcel's weight, as sent." }) packageWeight?: string | null;
  @Field(() => [WinitSentLine], { description: "The lines as sent." }) lines!: WinitSentLine[];
}
