// type-graphql reads design types through this polyfill, which must load before any decorator runs.
import "reflect-metadata";
import { Field, Int, ObjectType } from "type-graphql";

// The GraphQL face of what only Qimen has: its details and receipt (its create options: ./options.ts).

/** The documented closed sets, as each field that carries one describes them. */
export const INVENTORY_TYPES = "ZP good (正品, the default), CC defective (残次), JS machine-damaged (机损), XS box-damaged (箱损).";
export const ORDER_TYPES = "THRK return inbound (退货入库, the default) or HHRK exchange inbound (换货入库).";
export const ORDER_FLAGS =
  "Order flags: VISIT (pick-up at the door, 上门), SELLER_AFFORD (the seller pays the freight, 卖家承担运费), SYNC_RETURN_BILL (the invoice comes back too, 同时退回发票).";

@ObjectType({ description: "One entry of a Qimen extendProps map (its key is an element name in Qimen's XML)." })
export class QimenExtendProp {
  @Field(() => String, { description: "The property's name." }) key!: string;
  @Field(() => String, { description: "Its value, as text." }) value!: string;
}

@ObjectType({ description: "One line of a Qimen return order, with what the warehouse confirmed." })
export class QimenOrderLine {
  @Field(() => String, { nullable: true, description: "The line's number in the order, when the ERP gave one." }) orderLineNo?: string | null;
  @Field(() => String, { description: "The goods owner's code in the warehouse system." }) ownerCode!: string;
  @Field(() => String, { description: "The item code (the seller's SKU)." }) itemCode!: string;
  @Field(() => String, { nullable: true, description: "The warehouse system's item code." }) itemId?: string | null;
  @Field(() => String, { nullable: true, description: INVENTORY_TYPES }) inventoryType?: string | null;
  @Field(() => Int, { description: "Units announced." }) planQty!: number;
  @Field(() => Int, { nullable: true, description: "Received so far: the sum over every confirm." }) actualQty?: number | null;
  @Field(() => String, { nullable: true, description: "The batch code." }) batchCode?: string | null;
  @Field(() => String, { nullable: true, description: "The production date (yyyy-MM-dd)." }) productDate?: string | null;
  @Field(() => String, { nullable: true, description: "The expiry date (yyyy-MM-dd)." }) expireDate?: string | null;
  @Field(() => String, { nullable: true, description: "The production lot code." }) produceCode?: string | null;
  @Field(() => [String], { description: "The units' serial numbers." }) serialNumbers!: string[];
  @Field(() => String, { nullable: true, description: "The marketplace order the line came from." }) sourceOrderCode?: string | null;
  @Field(() => String, { nullable: true, description: "The marketplace sub-order the line came from." }) subSourceOrderCode?: string | null;
  @Field(() => [String], { description: `The line's own flags (orderFlag). ${ORDER_FLAGS}` }) orderFlags!: string[];
  @Field(() => String, { nullable: true, description: "The line's return reason (returnReason)." }) returnReason?: string | null;
  @Field(() => [QimenExtendProp], { description: "The line's extendProps (订单信息扩展字段)." }) extendProps!: QimenExtendProp[];
}

@ObjectType({ description: "One line of a warehouse confirm." })
export class QimenConfirmedLine {
  @Field(() => String, { nullable: true, description: "The order line it confirms." }) orderLineNo?: string | null;
  @Field(() => String, { description: "The item code (the seller's SKU)." }) itemCode!: string;
  @Field(() => String, { nullable: true, description: INVENTORY_TYPES }) inventoryType?: string | null;
  @Field(() => Int, { description: "Units received in this confirm." }) actualQty!: number;
  @Field(() => String, { nullable: true, description: "The batch code, when the warehouse gave one." }) batchCode?: string | null;
}

@ObjectType({ description: "One `taobao.qimen.returnorder.confirm` the warehouse sent." })
export class QimenConfirmation {
  @Field(() => String, { description: "The confirm's unique code (its dedupe key)." }) outBizCode!: string;
  @Field(() => String, { nullable: true, description: "orderConfirmTime as the warehouse wrote it (China time)." }) confirmTime?: string | null;
  @Field(() => Int, { description: "Units this confirm received, over all its lines." }) quantity!: number;
  @Field(() => [QimenConfirmedLine], { description: "The confirm's lines." }) lines!: QimenConfirmedLine[];
}

@ObjectType({ description: "Fields only Qimen has." })
export class QimenReturnDetails {
  @Field(() => String, { nullable: true, description: "The warehouse system's own id." }) returnOrderId?: string | null;
  @Field(() => String, { nullable: true, description: ORDER_TYPES }) orderType?: string | null;
  @Field(() => [String], { description: ORDER_FLAGS }) orderFlags!: string[];
  @Field(() => String, { nullable: true, description: "The carrier's code (the order's carrier is its name)." }) logisticsCode?: string | null;
  @Field(() => String, { nullable: true, description: "The carrier's name." }) logisticsName?: string | null;
  @Field(() => String, { nullable: true, description: "The original outbound (delivery) order's code." }) preDeliveryOrderCode?: string | null;
  @Field(() => String, { nullable: true, description: "The marketplace: TB, TM, JD, … PDD, OTHERS." }) sourcePlatformCode?: string | null;
  @Field(() => String, { nullable: true, description: "The buyer's marketplace nickname." }) buyerNick?: string | null;
  @Field(() => String, { nullable: true, description: "The goods owner's code in the warehouse system." }) ownerCode?: string | null;
  @Field(() => String, { nullable: true, description: "The original outbound order's number in the warehouse system." }) preDeliveryOrderId?: string | null;
  @Field(() => String, { nullable: true, description: "The marketplace's name." }) sourcePlatformName?: string | null;
  @Field(() => String, { nullable: true, description: "The shop's nickname." }) shopNick?: string | null;
  @Field(() => String, { nullable: true, description: "The seller's nickname." }) sellerNick?: string | null;
  @Field(() => String, { nullable: true, description: "The create's outBizCode (the idempotency key, when one was given)." }) outBizCode?: string | null;
  @Field(() => String, { nullable: true, description: "The sender's town (senderInfo.town, 村镇)." }) senderTown?: string | null;
  @Field(() => [QimenExtendProp], { description: "The order's extendProps (returnOrder.extendProps, 退货单信息扩展字段)." }) extendProps!: QimenExtendProp[];
  @Field(() => [QimenExtendProp], { description: "The sender's extendProps (senderInfo.extendProps, 发件人扩展信息)." }) senderExtendProps!: QimenExtendProp[];
  @Field(() => [QimenExtendProp], { description: "The request's own extendProps (request.extendProps, 扩展属性)." }) requestExtendProps!: QimenExtendProp[];
  @Field(() => [QimenOrderLine], { description: "The order's lines, with what the warehouse confirmed." }) orderLines!: QimenOrderLine[];
  @Field(() => [QimenConfirmation], { description: "The warehouse's confirms, oldest first; their quantities add up." })
  confirmations!: QimenConfirmation[];
}

@ObjectType({ description: "Qimen's answer to a create." })
export class QimenReceipt {
  @Field(() => String, { description: "The returnOrderCode sent (the order's providerOrderNo)." }) returnOrderCode!: string;
  @Field(() => String, { nullable: true, description: "The warehouse system's own id, when it answered one." }) returnOrderId?: string | null;
}
