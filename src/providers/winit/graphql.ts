// type-graphql reads design types through this polyfill, which must load before any decorator runs.
import "reflect-metadata";
import { DateTimeResolver } from "graphql-scalars";
import { Field, ObjectType } from "type-graphql";
import { WinitGoods } from "./graphql-goods.js";
import { WinitSentCreate } from "./graphql-sent.js";

// The GraphQL face of what only WINIT has: its details, receipt and create options.

export { WinitGoods, WinitInventoryTag } from "./graphql-goods.js";
export { WinitItemCodeInput, WinitLineOptions, WinitReturnOptions } from "./graphql-options.js";
export { WinitSentCreate, WinitSentItem, WinitSentLine } from "./graphql-sent.js";

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
  @Field(() => WinitSentCreate, {
    nullable: true,
    description: "What the subgraph sent at create (VAT number, parcel size, each line's handling); null for orders not created through this subgraph.",
  })
  sent?: WinitSentCreate | null;
}

@ObjectType({ description: "WINIT's answer to a create." })
export class WinitReceipt {
  @Field(() => String, { description: "WINIT's returnGoodsOrderNo of the new order (the order's providerOrderNo)." }) returnGoodsOrderNo!: string;
  @Field(() => String, { nullable: true, description: "The RMA number to write on the parcel." }) rmaNo?: string | null;
  @Field(() => String, { nullable: true, description: "The warehouse address the parcel goes to." }) returnAddress?: string | null;
}
