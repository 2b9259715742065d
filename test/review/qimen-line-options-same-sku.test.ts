import { describe, expect, it } from "vitest";
import { toCreateRequest } from "../../src/providers/qimen/requests.js";
import { validateQimenCreate } from "../../src/providers/qimen/validation.js";
import type { CreateReturnOrderCommand } from "../../src/returns/model.js";

// Two input lines of one sku (two batches coming back) with a qimen.lines entry each: the second
// entry's batch reached neither line of the request, and nothing told the caller.
const command: CreateReturnOrderCommand = {
  provider: "QIMEN",
  account: "default",
  warehouseCode: "W1234",
  outboundOrderNo: "PD-1",
  reason: "破损退货",
  sender: { name: "老王", mobile: "13214567869", province: "浙江省", city: "杭州", address1: "余杭区989号" },
  lines: [
    { sku: "I1234", quantity: 1 },
    { sku: "I1234", quantity: 2 },
  ],
  options: {
    ownerCode: "HZ1234",
    logisticsCode: "SF",
    orderFlags: ["SELLER_AFFORD"],
    lines: [
      { sku: "I1234", batchCode: "B1" },
      { sku: "I1234", batchCode: "B2" },
    ],
  },
} as unknown as CreateReturnOrderCommand;

describe("Qimen per-line options for a sku given twice", () => {
  it("are refused, naming the entry, or else every entry reaches the request", () => {
    const violations = validateQimenCreate(command);
    if (violations.length > 0) {
      expect(violations).toContainEqual(expect.objectContaining({ field: ["input", "qimen", "lines", "1", "sku"] }));
      return;
    }
    const sent = toCreateRequest(command, "ERP-1", null).orderLines.orderLine.map((l) => l.batchCode);
    expect(sent).toEqual(["B1", "B2"]);
  });
});
