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
  @Field(() => ID) id!: string;
}

@ObjectType()
export class ReturnParty {
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => String, { nullable: true }) company?: string | null;
  @Field(() => String, { nullable: true }) phone?: string | null;
  @Field(() => String, { nullable: true }) mobile?: string | null;
  @Field(() => String, { nullable: true }) email?: string | null;
  @Field(() => String, { nullable: true }) country?: string | null;
  @Field(() => String, { nullable: true }) province?: string | null;
  @Field(() => String, { nullable: true }) city?: string | null;
  @Field(() => String, { nullable: true }) district?: string | null;
  @Field(() => String, { nullable: true }) address1?: string | null;
  @Field(() => String, { nullable: true }) address2?: string | null;
  @Field(() => String, { nullable: true }) houseNo?: string | null;
  @Field(() => String, { nullable: true }) postcode?: string | null;
}

@ObjectType()
export class ReturnOrderLine {
  @Field(() => String) sku!: string;
  @Field(() => Int) quantity!: number;
  @Field(() => Int, { nullable: true }) receivedQuantity?: number | null;
  @Field(() => Int, { nullable: true }) goodQuantity?: number | null;
  @Field(() => Int, { nullable: true }) defectiveQuantity?: number | null;
  @Field(() => String, { nullable: true }) productName?: string | null;
  @Field(() => String, { nullable: true }) remark?: string | null;
}

@ObjectType()
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

@ObjectType()
export class ReturnOrderEvent {
  @Field(() => DateTimeResolver) at!: Date;
  @Field(() => ReturnOrderStatusEnum) status!: ReturnOrderStatus;
  @Field(() => String) providerStatus!: string;
  @Field(() => ReturnOrderEventSourceEnum) source!: string;
}

@Directive('@key(fields: "id")')
@Directive('@key(fields: "provider providerOrderNo")')
@ObjectType({ implements: Node, description: "One return order, whichever provider holds it." })
export class ReturnOrder extends Node {
  @Field(() => ID, { description: "Opaque and stable; encodes provider, account and the provider's number." })
  declare id: string;
  @Field(() => ReturnProviderEnum) provider!: ReturnProvider;
  @Field(() => String, { description: "The provider account (connection) that holds the order." }) account!: string;
  @Field(() => String, {
    description: `The provider's own number: ${wireNames("providerOrderNo")}.`,
  })
  providerOrderNo!: string;
  @Field(() => String, { nullable: true, description: `The seller's reference: ${wireNames("referenceNo")}.` })
  referenceNo?: string | null;
  @Field(() => String, { nullable: true, description: "The original outbound / sales order." }) outboundOrderNo?: string | null;
  @Field(() => ReturnOrderStatusEnum) status!: ReturnOrderStatus;
  @Field(() => String) providerStatus!: string;
  @Field(() => String, { nullable: true }) warehouseCode?: string | null;
  @Field(() => String, { nullable: true }) carrier?: string | null;
  @Field(() => String, { nullable: true }) trackingNumber?: string | null;
  @Field(() => String, { nullable: true }) reason?: string | null;
  @Field(() => String, { nullable: true }) remark?: string | null;
  @Field(() => ReturnParty, { nullable: true }) sender?: ReturnParty | null;
  @Field(() => [ReturnOrderLine]) lines!: ReturnOrderLine[];
  @Field(() => Int) totalQuantity!: number;
  @Field(() => Int, { nullable: true }) receivedQuantity?: number | null;
  @Field(() => DateTimeResolver, { nullable: true }) createdAt?: Date | null;
  @Field(() => DateTimeResolver, { nullable: true }) updatedAt?: Date | null;
  @Field(() => DateTimeResolver, { nullable: true }) completedAt?: Date | null;
  @Field(() => ReturnOrderCapabilities) capabilities!: ReturnOrderCapabilities;
  @Field(() => ReturnOrderDetails, { description: "Everything only one provider has." }) details!: typeof ReturnOrderDetails;
  @Field(() => [ReturnOrderEvent], { description: "Status changes seen by this subgraph: provider pushes, mutations and observed changes." })
  events!: ReturnOrderEvent[];
}
