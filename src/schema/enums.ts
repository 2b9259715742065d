import { registerEnumType } from "type-graphql";
import { RETURN_ORDER_STATUSES, RETURN_PROVIDERS } from "../returns/model.js";

const asEnum = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };

export const ReturnProviderEnum = asEnum(RETURN_PROVIDERS);
export const ReturnOrderStatusEnum = asEnum(RETURN_ORDER_STATUSES);
export const ReturnOrderEventSourceEnum = asEnum(["PROVIDER_PUSH", "MUTATION", "OBSERVED"] as const);
export const UserErrorCodeEnum = asEnum([
  "INVALID",
  "NOT_FOUND",
  "NOT_SUPPORTED",
  "INVALID_STATE",
  "PROVIDER_REJECTED",
  "PROVIDER_UNAVAILABLE",
  "IDEMPOTENCY_CONFLICT",
] as const);

registerEnumType(ReturnProviderEnum, { name: "ReturnProvider", description: "The warehouse / ERP systems behind this subgraph." });
registerEnumType(ReturnOrderStatusEnum, {
  name: "ReturnOrderStatus",
  description: "Normalized lifecycle. The provider's own code is always kept in `providerStatus`.",
  valuesConfig: {
    DRAFT: { description: "Saved, not yet submitted to the warehouse." },
    OPEN: { description: "Submitted; waiting for the parcel." },
    IN_TRANSIT: { description: "Label fetched / parcel picked up." },
    RECEIVED: { description: "The warehouse has the parcel." },
    PROCESSING: { description: "Inspection, photos, waiting for the seller's decision." },
    COMPLETED: { description: "Put away, destroyed or otherwise finished." },
    CANCELLED: { description: "Cancelled, voided or closed before completion." },
    EXCEPTION: { description: "Stopped or failed at the provider." },
    UNKNOWN: { description: "A provider code this version does not know." },
  },
});
registerEnumType(ReturnOrderEventSourceEnum, { name: "ReturnOrderEventSource" });
registerEnumType(UserErrorCodeEnum, { name: "UserErrorCode" });
