import { describe, expect, it } from "vitest";
import type { ReturnOrder } from "../../src/returns/model.js";
import { sentOfCreate, withSent } from "../../src/returns/sent.js";

// One sku twice (two conditions coming back), each line with its own note. A provider that lists
// the lines in another order must not swap the notes: a line's note follows the line, and the
// quantity is what tells two lines of one sku apart.
const sent = sentOfCreate({
  provider: "WINIT",
  account: "default",
  warehouseCode: "US0001",
  lines: [
    { sku: "A", quantity: 1, remark: "one dented" },
    { sku: "A", quantity: 3, remark: "three unopened" },
  ],
  options: null,
});

const reported = (lines: ReturnOrder["lines"]): ReturnOrder => ({
  provider: "WINIT",
  account: "default",
  providerOrderNo: "R1",
  referenceNo: null,
  outboundOrderNo: null,
  status: "OPEN",
  providerStatus: "OD",
  warehouseCode: "US0001",
  carrier: null,
  trackingNumber: null,
  reason: null,
  remark: null,
  sender: null,
  lines,
  totalQuantity: 4,
  receivedQuantity: null,
  createdAt: null,
  updatedAt: null,
  completedAt: null,
  details: { __typename: "WinitReturnDetails" },
});

describe("what was sent, for lines of one sku", () => {
  it("gives each reported line the note of the sent line it is (sku and quantity), whatever the provider's order", () => {
    const merged = withSent(
      reported([
        { sku: "A", quantity: 3 },
        { sku: "A", quantity: 1 },
      ]),
      sent,
    );
    expect(merged.lines.map((l) => [l.quantity, l.remark])).toEqual([
      [3, "three unopened"],
      [1, "one dented"],
    ]);
  });
});
