import type { ReturnOrderStatus } from "../../returns/model.js";

/**
 * Qimen's order status codes (the warehouse-order vocabulary shared by its entry, delivery and
 * return orders) as data. `cancellable`: the subgraph offers `taobao.qimen.order.cancel`.
 * A received return (part or whole) can no longer be cancelled at the warehouse.
 */
export const QIMEN_STATUS_TABLE: Record<string, { status: ReturnOrderStatus; label: string; cancellable: boolean }> = {
  NEW: { status: "OPEN", label: "created, not yet processed", cancellable: true },
  ACCEPT: { status: "OPEN", label: "accepted by the warehouse", cancellable: true },
  PARTFULFILLED: { status: "RECEIVED", label: "partly received", cancellable: false },
  FULFILLED: { status: "COMPLETED", label: "received in full", cancellable: false },
  EXCEPTION: { status: "EXCEPTION", label: "exception at the warehouse", cancellable: false },
  REJECT: { status: "EXCEPTION", label: "refused by the warehouse", cancellable: false },
  CANCELED: { status: "CANCELLED", label: "cancelled", cancellable: false },
  CLOSED: { status: "CANCELLED", label: "closed", cancellable: false },
};

export function qimenStatus(code: string): ReturnOrderStatus {
  return QIMEN_STATUS_TABLE[code]?.status ?? "UNKNOWN";
}

export function qimenCancellable(code: string): boolean {
  return QIMEN_STATUS_TABLE[code]?.cancellable ?? false;
}
