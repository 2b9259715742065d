import type { ReturnOrder, ReturnProvider } from "../../src/returns/model.js";

/** An order with nothing but its key and status: what the store's event tests and benches record. */
export const bareOrder = (
  no: string,
  providerStatus: string,
  status: ReturnOrder["status"],
  provider: ReturnProvider = "WINIT",
  account = "default",
): ReturnOrder => ({
  provider,
  account,
  providerOrderNo: no,
  referenceNo: null,
  outboundOrderNo: null,
  status,
  providerStatus,
  warehouseCode: null,
  carrier: null,
  trackingNumber: null,
  reason: null,
  remark: null,
  sender: null,
  lines: [],
  totalQuantity: 0,
  receivedQuantity: null,
  createdAt: null,
  updatedAt: null,
  completedAt: null,
  details: { __typename: "WinitReturnDetails" },
});
