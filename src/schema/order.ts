import { Directive, Field, ID, Int, InterfaceType, ObjectType, createUnionType } from "type-graphql";
import { DateTimeResolver } from "graphql-scalars";
import { modulesInSchemaOrder } from "../providers/registry.js";
import type { ReturnOrderStatus, ReturnProvider } from "../returns/model.js";
import { ReturnOrderEventSourceEnum, ReturnOrderStatusEnum, ReturnProviderEnum } from "./enums.js";

/** "P1 name1, P2 name2, …": each provider's own name of a unified field. */
function wireNames(field: "providerOrderNo" | "referenceNo"): string {
  return modulesInSchemaOrder()
    .flatMap((m) => (m.graphql.wireNames[field] ? [`${m.provider} ${m.graphql.wireNames[field]}`] : []))
    .join(", ");
}

export const ReturnOrderDetails = createUnionType({
  name: "ReturnOrderDetails",
  description: "Everything only one provider has.",
  types: () => modulesInSchemaOrder().map((m) => m.graphql.details),
});

@InterfaceType({ description: "An object with a globally unique, opaque id." })
export abstract class Node {
  @Field(() => ID, { description: "Opaque and stable; fetch the object again with `Query.node`." }) id!: string;
}

@ObjectType({ description: "Who sends the parcel back: the buyer or the seller's contact, as far as the provider keeps it." })
export class ReturnParty {
  @Field(() => String, { nullable: true, description: "The sender's name." }) name?: string | null;
  @Field(() => String, { nullable: true, description: "The sender's company." }) company?: string | null;
  @Field(() => String, { nullable: true, description: "A landline or other phone number." }) phone?: string | null;
  @Field(() => String, { nullable: true, description: "A mobile phone number." }) mobile?: string | null;
  @Field(() => String, { nullable: true, description: "An e-mail address." }) email?: string | null;
  @Field(() => String, { nullable: true, description: "The country, as the provider writes it (usually an ISO 3166-1 alpha-2 code)." }) country?: string | null;
  @Field(() => String, { nullable: true, description: "The province, state or region." }) province?: string | null;
  @Field(() => String, { nullable: true, description: "The city." }) city?: string | null;
  @Field(() => String, { nullable: true, description: "The district or county." }) district?: string | null;
  @Field(() => String, { nullable: true, description: "The first address line (street)." }) address1?: string | null;
  @Field(() => String, { nullable: true, description: "The second address line." }) address2?: string | null;
  @Field(() => String, { nullable: true, description: "The house number, where the provider keeps it apart from the street." }) houseNo?: string | null;
  @Field(() => String, { nullable: true, description: "The postal code." }) postcode?: string | null;
}

@ObjectType({ description: "One SKU of a return order." })
export class ReturnOrderLine {
  @Field(() => String, { description: "The seller's SKU, as the provider knows it." }) sku!: string;
  @Field(() => Int, { description: "How many units are announced for return." }) quantity!: number;
  @Field(() => Int, { nullable: true, description: "How many units the warehouse has received; null until the provider reports it." })
  receivedQuantity?: number | null;
  @Field(() => Int, { nullable: true, description: "Of the received units, how many are sellable; null when the provider does not say." })
  goodQuantity?: number | null;
  @Field(() => Int, { nullable: true, description: "Of the received units, how many are damaged or defective; null when the provider does not say." })
  defectiveQuantity?: number | null;
  @Field(() => String, { nullable: true, description: "The product's name, where the provider returns one." }) productName?: string | null;
  @Field(() => String, { nullable: true, description: "A free-text note on this line." }) remark?: string | null;
}

@ObjectType({ description: "What may be tried on this order now, and why not when not." })
export class ReturnOrderCapabilities {
  @Field(() => ID, { description: "The order's id: lets a normalized client cache merge capabilities instead of replacing them." }) id!: string;
  @Field(() => Boolean, { description: "Whether returnOrderUpdate may be tried on this order now." }) canUpdate!: boolean;
  @Field(() => Boolean, { description: "Whether returnOrderCancel may be tried on this order now." }) canCancel!: boolean;
  @Field(() => [String], { description: "Why an operation is not offered, when it is not." }) reasons!: string[];
  @Field(() => String, { nullable: true, description: "Why returnOrderUpdate is not offered for this order; null when it is." })
  updateBlockedReason?: string | null;
  @Field(() => String, { nullable: true, description: "Why returnOrderCancel is not offered for this order; null when it is." })
  cancelBlockedReason?: string | null;
}

@Directive('@key(fields: "id")')
@Directive('@key(fields: "provider providerOrderNo")')
@ObjectType({ implements: Node, description: "One return order, whichever provider holds it." })
export class ReturnOrder extends Node {
  @Field(() => ID, { description: "Opaque and stable; encodes provider, account and the provider's number." })
  declare id: string;
  @Field(() => ReturnProviderEnum, { description: "The provider that holds the order." }) provider!: ReturnProvider;
  @Field(() => String, { description: "The provider account (connection) that holds the order." }) account!: string;
  @Field(() => String, {
    description: `The provider's own number: ${wireNames("providerOrderNo")}.`,
  })
  providerOrderNo!: string;
  @Field(() => String, { nullable: true, description: `The seller's reference: ${wireNames("referenceNo")}.` })
  referenceNo?: string | null;
  @Field(() => String, { nullable: true, description: "The original outbound / sales order." }) outboundOrderNo?: string | null;
  @Field(() => ReturnOrderStatusEnum, { description: "The normalized lifecycle status, mapped from `providerStatus`." }) status!: ReturnOrderStatus;
  @Field(() => String, { description: "The provider's own status code, unchanged." }) providerStatus!: string;
  @Field(() => String, { nullable: true, description: "The provider's code of the warehouse the parcel goes to." }) warehouseCode?: string | null;
  @Field(() => String, { nullable: true, description: "The carrier of the return parcel, as the provider names it." }) carrier?: string | null;
  @Field(() => String, { nullable: true, description: "The return parcel's tracking number." }) trackingNumber?: string | null;
  @Field(() => String, { nullable: true, description: "Why the goods come back, as the seller or buyer gave it." }) reason?: string | null;
  @Field(() => String, { nullable: true, description: "A free-text note on the order." }) remark?: string | null;
  @Field(() => ReturnParty, { nullable: true, description: "Who sends the parcel; null when the provider keeps no sender." }) sender?: ReturnParty | null;
  @Field(() => [ReturnOrderLine], { description: "The SKUs coming back, one line each." }) lines!: ReturnOrderLine[];
  @Field(() => Int, { description: "The sum of the lines' announced quantities." }) totalQuantity!: number;
  @Field(() => Int, { nullable: true, description: "The sum of the lines' received quantities; null until the provider reports any." })
  receivedQuantity?: number | null;
  @Field(() => DateTimeResolver, { nullable: true, description: "When the provider created the order; null when it does not say." }) createdAt?: Date | null;
  @Field(() => DateTimeResolver, { nullable: true, description: "When the provider last changed the order; null when it does not say." }) updatedAt?: Date | null;
  @Field(() => DateTimeResolver, { nullable: true, description: "When the order reached its final state; null while it is open or when the provider does not say." })
  completedAt?: Date | null;
  @Field(() => ReturnOrderCapabilities, { description: "Which mutations may be tried on this order now." }) capabilities!: ReturnOrderCapabilities;
  @Field(() => ReturnOrderDetails, { description: "Everything only one provider has." }) details!: typeof ReturnOrderDetails;
  @Field(() => [ReturnOrderEvent], { description: "Status changes seen by this subgraph: provider pushes, mutations and observed changes." })
  events!: ReturnOrderEvent[];
}

@ObjectType({ implements: Node, description: "One status change of one order, as this subgraph recorded it." })
export class ReturnOrderEvent extends Node {
  @Field(() => ID, {
    description: "Opaque and stable (`Query.node` finds the event again); also a cursor of `Query.returnOrderEvents`: pass it as `after` to read the events recorded after it.",
  })
  declare id: string;
  @Field(() => ReturnOrder, {
    description: "The order that changed, as its provider holds it now. Its id, provider, account and providerOrderNo alone are answered without asking the provider.",
  })
  order!: ReturnOrder;
  @Field(() => DateTimeResolver, { description: "When the change happened: the push's timestamp, or when this subgraph saw or made it." }) at!: Date;
  @Field(() => ReturnOrderStatusEnum, { description: "The normalized status after the change." }) status!: ReturnOrderStatus;
  @Field(() => String, { description: "The provider's own status code after the change." }) providerStatus!: string;
  @Field(() => ReturnOrderStatusEnum, { nullable: true, description: "The status before this change; null for the first event of an order." })
  previousStatus?: ReturnOrderStatus | null;
  @Field(() => ReturnOrderEventSourceEnum, { description: "How this subgraph learned of the change." }) source!: string;
  @Field(() => String, {
    nullable: true,
    description: "Why the caller made the change: the `reason` given to `returnOrderCancel`, kept here whether or not the provider takes one; null otherwise.",
  })
  reason?: string | null;
}
