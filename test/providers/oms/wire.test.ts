import { describe, expect, it } from "vitest";
import { parseWire } from "../../../src/providers/kit/wire.js";
import { capabilitiesOf } from "../../../src/providers/kit/status-table.js";
import { cancelOutcome, parseOrder } from "../../../src/providers/oms/mapper.js";
import { toCancelRequest } from "../../../src/providers/oms/requests.js";
import { OMS_ABILITIES, OMS_STATUS_TABLE } from "../../../src/providers/oms/status.js";
import { omsCancelAnswerSchema, omsOrderSchema, omsPageSchema } from "../../../src/providers/oms/wire.js";
import { ProviderUnavailableError } from "../../../src/returns/errors.js";

// The shapes below are the public Java client's for the OMS's sibling modules
// (`PageResponse`, `OutboundB2cQueryResponse`, `OutboundB2cCancelResponse`), see docs/providers/oms.md.

describe("OMS list answer", () => {
  it("reads PageResponse's counts, which the API types as text", () => {
    const page = omsPageSchema.parse({ pageNum: "2", pageSize: "10", totalCount: "23", totalPage: "3", list: [{ orderNo: "RO1", status: 1 }] });
    expect(page).toMatchObject({ pageNum: 2, pageSize: 10, totalCount: 23, totalPage: 3 });
    expect(page.list.map((o) => o.orderNo)).toEqual(["RO1"]);
  });

  it("fails a list that is not a list, and an order whose items are not a list, as the OMS's fault", () => {
    const read = (data: unknown) => () => parseWire(omsPageSchema, data, "OMS", "default", "list answer");
    expect(read({ list: { first: {} } })).toThrow(ProviderUnavailableError);
    expect(read({ list: [{ orderNo: "RO1", itemDTOs: { first: {} } }] })).toThrow(/at list\.0\.itemDTOs/);
    expect(parseWire(omsPageSchema, null, "OMS", "default", "list answer").list).toEqual([]);
  });

  it("leaves out an entry without an order number, and reads one odd field as absent", () => {
    const page = omsPageSchema.parse({ list: [{ referenceNo: "x" }, { orderNo: "RO2", referenceNo: { text: "x" }, qty: "many", status: -1 }] });
    expect(page.list).toHaveLength(1);
    expect(parseOrder(page.list[0]!, "default")).toMatchObject({
      providerOrderNo: "RO2",
      referenceNo: null,
      totalQuantity: 0,
      status: "CANCELLED",
      providerStatus: "-1",
    });
  });

  it("reads the sibling lists' nesting: openItems and openWarehouse", () => {
    const wire = omsOrderSchema.parse({ orderNo: "RO3", openWarehouse: { warehouseCode: "USNJ01" }, openItems: [{ productSku: "SKU-1", qty: "2" }] });
    expect(parseOrder(wire, "default")).toMatchObject({ warehouseCode: "USNJ01", lines: [{ sku: "SKU-1", quantity: 2 }], totalQuantity: 2 });
  });
});

describe("OMS cancel", () => {
  it("sends a batch of order numbers and the remark (OverseasOutboundCancelRequest)", () => {
    expect(toCancelRequest("RO1", "kept")).toEqual({ orderNos: ["RO1"], cancelRemark: "kept" });
    expect(toCancelRequest("RO1", null)).toEqual({ orderNos: ["RO1"], cancelRemark: "" });
  });

  const answer = (data: unknown) => omsCancelAnswerSchema.parse(data);

  it("reads an order in successList as cancelled, and one in failList as refused with its message", () => {
    const done = answer({ totalQty: 1, successQty: 1, failQty: 0, successList: [{ orderNo: "RO1", message: "取消成功" }], failList: [] });
    expect(cancelOutcome(done, "RO1")).toEqual({ kind: "cancelled" });
    const refused = answer({ totalQty: 1, successQty: 0, failQty: 1, successList: [], failList: [{ orderNo: "RO1", message: "已收货，不允许取消" }] });
    expect(cancelOutcome(refused, "RO1")).toEqual({ kind: "refused", message: "已收货，不允许取消" });
  });

  it("reads counts without lists, and an answer naming another order or nothing as unknown", () => {
    expect(cancelOutcome(answer({ totalQty: "1", successQty: "0", failQty: "1" }), "RO1")).toEqual({ kind: "refused", message: null });
    expect(cancelOutcome(answer({ totalQty: 1, successQty: 1, failQty: 0 }), "RO1")).toEqual({ kind: "cancelled" });
    expect(cancelOutcome(answer({ successList: [{ orderNo: "RO9" }] }), "RO1")).toEqual({ kind: "unknown" });
    expect(cancelOutcome(answer(null), "RO1")).toEqual({ kind: "unknown" });
  });
});

describe("OMS status table (the API's convention)", () => {
  const status = (code: string | number) => parseOrder(omsOrderSchema.parse({ orderNo: "RO1", status: code }), "default");

  it("reads -2 as exception, -1 as cancelled and 1 as draft; 0 is no code of the API", () => {
    expect([status(-2), status(-1), status(1), status(2), status(0)].map((o) => [o.providerStatus, o.status])).toEqual([
      ["-2", "EXCEPTION"],
      ["-1", "CANCELLED"],
      ["1", "DRAFT"],
      ["2", "OPEN"],
      ["0", "UNKNOWN"],
    ]);
  });

  it("offers update and cancel in draft and waiting-for-review only; inferred codes past review offer nothing", () => {
    const open = Object.entries(OMS_STATUS_TABLE)
      .filter(([, row]) => row.canUpdate || row.canCancel)
      .map(([code]) => code);
    expect(open).toEqual(["1", "2"]);
    for (const [code, row] of Object.entries(OMS_STATUS_TABLE)) {
      if (Number(code) >= 3 || Number(code) < 0) expect([code, row.evidence, row.canUpdate, row.canCancel]).toEqual([code, "inferred", false, false]);
    }
    expect(OMS_STATUS_TABLE["1"]!.evidence).toBe("confirmed");
  });

  it("gives reasons without internal wording", () => {
    const reasons = [..."-2,-1,1,2,3,4,5,0".split(",")].flatMap((code) => capabilitiesOf(OMS_STATUS_TABLE, code, OMS_ABILITIES).reasons);
    expect(reasons).toContain("The OMS cancels only orders in status 1, 2; this one is 4.");
    expect(reasons.filter((r) => /assum|infer/i.test(r))).toEqual([]);
  });
});
