import { registerEnumType } from "type-graphql";
import { modulesInSchemaOrder } from "../providers/registry.js";
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

registerEnumType(ReturnProviderEnum, {
  name: "ReturnProvider",
  description: "The warehouse / ERP systems behind this subgraph.",
  valuesConfig: Object.fromEntries(modulesInSchemaOrder().map((m) => [m.provider, { description: m.graphql.description }])),
});
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
registerEnumType(ReturnOrderEventSourceEnum, {
  name: "ReturnOrderEventSource",
  description: "How this subgraph learned of a status change.",
  valuesConfig: {
    PROVIDER_PUSH: { description: "The provider pushed it to this subgraph's webhook." },
    MUTATION: { description: "A mutation through this subgraph made it." },
    OBSERVED: { description: "A read found the order in a status other than the one last recorded." },
  },
});
registerEnumType(UserErrorCodeEnum, {
  name: "UserErrorCode",
  description: "What kind of error a mutation answered; each code has a type of its own that says more.",
  valuesConfig: {
    INVALID: { description: "The input broke a rule; `InvalidInput.violations` says which fields." },
    NOT_FOUND: { description: "No order has this id (or the caller may not see it)." },
    NOT_SUPPORTED: { description: "The provider offers no such operation." },
    INVALID_STATE: { description: "The order's current status does not allow the operation." },
    PROVIDER_REJECTED: { description: "The provider refused the request; its own code and message are kept." },
    PROVIDER_UNAVAILABLE: { description: "The provider could not be reached or did not answer in time." },
    IDEMPOTENCY_CONFLICT: { description: "The idempotency key was used before with a different input." },
  },
});
