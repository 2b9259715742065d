import type { ReturnOrderStatus } from "../../returns/model.js";
import { capabilityLookup, unifiedStatus, type ApiAbilities, type StatusTable } from "../kit/status-table.js";

/**
 * Qimen's order status codes: the warehouse-order vocabulary its entry, delivery and return orders
 * share. The entry-order schemas document it; that return orders use it too is inferred (one public order-management system
 * agrees), so every code is `inferred` for return orders. A received return (part or whole)
 * can no longer be cancelled at the warehouse; a cancel the warehouse could not carry out leaves
 * the order live, so it may be asked again.
 */
export const QIMEN_STATUS_TABLE: StatusTable = {
  NEW: { status: "OPEN", label: "created, not yet processed", canUpdate: false, canCancel: true, evidence: "inferred" },
  ACCEPT: { status: "OPEN", label: "accepted by the warehouse", canUpdate: false, canCancel: true, evidence: "inferred" },
  CANCELEDFAIL: { status: "OPEN", label: "the warehouse could not cancel it", canUpdate: false, canCancel: true, evidence: "inferred" },
  PARTFULFILLED: { status: "RECEIVED", label: "partly received", canUpdate: false, canCancel: false, evidence: "inferred" },
  FULFILLED: { status: "COMPLETED", label: "received in full", canUpdate: false, canCancel: false, evidence: "inferred" },
  EXCEPTION: { status: "EXCEPTION", label: "exception at the warehouse", canUpdate: false, canCancel: false, evidence: "inferred" },
  REJECT: { status: "EXCEPTION", label: "refused by the warehouse", canUpdate: false, canCancel: false, evidence: "inferred" },
  CANCELED: { status: "CANCELLED", label: "cancelled", canUpdate: false, canCancel: false, evidence: "inferred" },
  CLOSED: { status: "CANCELLED", label: "closed", canUpdate: false, canCancel: false, evidence: "inferred" },
};

const QIMEN_API: ApiAbilities = { name: "Qimen", update: false, cancel: true };

export function qimenStatus(code: string): ReturnOrderStatus {
  return unifiedStatus(QIMEN_STATUS_TABLE, code);
}

export const qimenCapabilities = capabilityLookup(QIMEN_STATUS_TABLE, QIMEN_API);
