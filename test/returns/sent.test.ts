import { describe, expect, it } from "vitest";
import type { ReturnOrder } from "../../src/returns/model.js";
import { sentAfterUpdate, sentOfCreate, sentOfCreated, withRecorded, withSent } from "../../src/returns/sent.js";

const reported = (over: Partial<ReturnOrder> = {}): ReturnOrder => ({
  provider: "WINIT",
  account: "default",
  providerOrderNo: "R1",
  referenceNo: null,
  outboundOrderNo: null,
  status: "OPEN",
  providerStatus: "OD",
  warehouseCode: "US0001",
  carrier: null,
  trackingNumber: "",
  reason: null,
  remark: null,
  sender: { name: "Reported Name" },
  lines: [{ sku: "A", quantity: 1, receivedQuantity: 1 }],
  totalQuantity: 1,
  receivedQuantity: 1,
  createdAt: null,
  updatedAt: null,
  completedAt: null,
  details: { __typename: "WinitReturnDetails" },
  ...over,
});

const create = sentOfCreate({
  provider: "WINIT",
  account: "default",
  referenceNo: "SO-1",
  warehouseCode: "US0002",
  trackingNumber: "1Z",
  sender: { name: "Sent Name", city: "Radeburg", country: "US" },
  lines: [
    { sku: "A", quantity: 1, remark: "dented" },
    { sku: "B", quantity: 2 },
  ],
  options: null,
});

describe("what was sent, under what the provider reports", () => {
  it("fills the provider's gaps (null or empty) and lets every value it reports win, the sender field by field", () => {
    const merged = withSent(reported(), create);
    expect(merged).toMatchObject({ referenceNo: "SO-1", warehouseCode: "US0001", trackingNumber: "1Z" });
    expect(merged.sender).toEqual({ name: "Reported Name", city: "Radeburg", country: "US" });
  });

  it("matches lines by sku and keeps the provider's lines; shows the sent lines when the provider reports none", () => {
    expect(withSent(reported(), create).lines).toEqual([{ sku: "A", quantity: 1, receivedQuantity: 1, remark: "dented" }]);
    const none = withSent(reported({ lines: [], totalQuantity: 0 }), create);
    expect(none.lines).toEqual([
      { sku: "A", quantity: 1, remark: "dented" },
      { sku: "B", quantity: 2, remark: null },
    ]);
    expect(none.totalQuantity).toBe(3);
  });

  it("takes an update over what was sent: given fields replace, a sender merges, lines are replaced", () => {
    const next = sentAfterUpdate(create, { trackingNumber: "1Z-NEW", sender: { company: "ACME" }, lines: [{ sku: "C", quantity: 4 }], options: null });
    expect(next).toMatchObject({ referenceNo: "SO-1", trackingNumber: "1Z-NEW", lines: [{ sku: "C", quantity: 4, remark: null }] });
    expect(next.sender).toEqual({ name: "Sent Name", city: "Radeburg", country: "US", company: "ACME" });
  });

  it("changes nothing of an order with nothing recorded, and takes the recorded reference where the provider has none", () => {
    expect(withSent(reported(), null)).toEqual(reported());
    expect(withRecorded(reported(), { referenceNo: "FOUND-BY", sent: null }).referenceNo).toBe("FOUND-BY");
    expect(withRecorded(reported({ referenceNo: "OWN" }), { referenceNo: "FOUND-BY", sent: null }).referenceNo).toBe("OWN");
  });
});

describe("the details a create answered, under the details a read reports", () => {
  const command = { provider: "WINIT" as const, account: "default", warehouseCode: "US0001", lines: [{ sku: "A", quantity: 1 }], options: null };
  const answered = reported({ details: { __typename: "WinitReturnDetails", rmaNo: "9", returnAddress: "Dock 1", sent: { vatNo: "GB1" } } as never });

  it("fills the members a read leaves out or empty, and the read wins where it reports one", () => {
    const sent = sentOfCreated(command, answered);
    const read = reported({ details: { __typename: "WinitReturnDetails", rmaNo: "10", returnAddress: null } as never });
    expect(withSent(read, sent).details).toEqual({ __typename: "WinitReturnDetails", rmaNo: "10", returnAddress: "Dock 1", sent: { vatNo: "GB1" } });
  });

  it("takes nothing from details of another type, and keeps them across an update", () => {
    const sent = sentAfterUpdate(sentOfCreated(command, answered), { options: null, remark: "changed" });
    const other = reported({ details: { __typename: "OmsReturnDetails" } });
    expect(withSent(other, sent).details).toEqual({ __typename: "OmsReturnDetails" });
    expect(withSent(reported(), sent).details).toMatchObject({ sent: { vatNo: "GB1" } });
  });
});
