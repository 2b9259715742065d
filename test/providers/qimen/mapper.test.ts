import { describe, expect, it } from "vitest";
import createRequest from "../../../src/demo/qimen/fixtures/seed-004-create-request.json" with { type: "json" };
import createResponse from "../../../src/demo/qimen/fixtures/seed-004-create-response.json" with { type: "json" };
import { readQimenAnswer } from "../../../src/providers/qimen/client.js";
import {
  applyConfirm,
  joinFlags,
  orderFromDocument,
  parseConfirm,
  parseCreateAnswer,
  parseQimenTime,
  qimenDateTime,
  qimenReturnOrderCode,
  QimenConfirmError,
  splitFlags,
  toCancelRequest,
  toCreateRequest,
  type QimenConfirm,
} from "../../../src/providers/qimen/mapper.js";
import { QIMEN_STATUS_TABLE, qimenCancellable, qimenStatus } from "../../../src/providers/qimen/status.js";
import { buildQimenXml, parseQimenXml } from "../../../src/providers/qimen/xml.js";
import { ProviderRejectedError, ProviderUnavailableError } from "../../../src/returns/errors.js";
import type { CreateReturnOrderCommand, ReturnOrder } from "../../../src/returns/model.js";

/** Seed 004's example order, said in the unified input. */
const seedCommand: CreateReturnOrderCommand = {
  provider: "QIMEN",
  account: "default",
  warehouseCode: "W1234",
  outboundOrderNo: "PD1234",
  carrier: "顺丰",
  trackingNumber: "YD1234",
  reason: "破损退货",
  remark: "备注信息",
  sender: {
    company: "淘宝",
    name: "老王",
    postcode: "043300",
    phone: "81020340",
    mobile: "13214567869",
    email: "345@gmail.com",
    country: "051532",
    province: "浙江省",
    city: "杭州",
    district: "余杭",
    address1: "杭州市余杭区989号",
  },
  lines: [{ sku: "I1234", quantity: 12, remark: "备注" }],
  options: {
    orderType: "THRK",
    ownerCode: "HZ1234",
    logisticsCode: "SF",
    orderFlags: ["VISIT"],
    sourcePlatformCode: "TB",
    sourcePlatformName: "淘宝",
    preDeliveryOrderId: "PDI1234",
    buyerNick: "淘宝",
    shopNick: "店铺名称",
    sellerNick: "卖家名称",
    senderTown: "横加桥",
    lines: [
      {
        sku: "I1234",
        orderLineNo: "D1234",
        sourceOrderCode: "PD1224",
        subSourceOrderCode: "PL1234",
        itemId: "CK1234",
        inventoryType: "ZP",
        batchCode: "P123",
        productDate: "2016-09-09",
        expireDate: "2016-09-09",
        produceCode: "P1234",
        orderFlags: ["visit"],
      },
    ],
  },
};

const at = new Date("2024-03-01T02:00:00Z");

function seedOrder(): ReturnOrder {
  const document = toCreateRequest(seedCommand, "R1234", "KEY-1");
  document.returnOrder.returnOrderId = "RID1234";
  return orderFromDocument(document, { account: "default", providerStatus: "NEW", createdAt: at, updatedAt: at, completedAt: null, referenceNo: "SO-1", confirmations: [] });
}

describe("Qimen mapper: seed 004 (taobao.qimen.returnorder.create)", () => {
  it("builds every field of seed 004's literal request from the equivalent command", () => {
    const request = JSON.parse(JSON.stringify(toCreateRequest(seedCommand, "R1234", null))) as unknown;
    expect(request).toEqual(createRequest.request);
  });

  it("sends the idempotency key as outBizCode, serial numbers as snList, and ZP by default", () => {
    const request = toCreateRequest({ ...seedCommand, options: { ownerCode: "O", logisticsCode: "SF", lines: [{ sku: "I1234", serialNumbers: ["S1", "S2"] }] } }, "R9", "KEY-9");
    expect(request.returnOrder).toMatchObject({ returnOrderCode: "R9", outBizCode: "KEY-9", orderType: "THRK", orderFlag: undefined });
    expect(request.orderLines.orderLine[0]).toMatchObject({ ownerCode: "O", inventoryType: "ZP", snList: { sn: ["S1", "S2"] }, returnReason: "破损退货" });
    const xml = buildQimenXml("request", request as unknown as Record<string, unknown>);
    expect(xml).toContain("<snList><sn>S1</sn><sn>S2</sn></snList>");
    expect(xml).toContain("<outBizCode>KEY-9</outBizCode>");
  });

  it("survives the XML round trip: what the emulator parses is what was built", () => {
    const request = toCreateRequest(seedCommand, "R1234", null);
    const parsed = parseQimenXml(buildQimenXml("request", request as unknown as Record<string, unknown>))["request"] as Record<string, unknown>;
    const expected = JSON.parse(JSON.stringify(createRequest.request).replace('"planQty":12', '"planQty":"12"')) as unknown;
    expect(parsed).toEqual(expected);
  });

  it("reads seed 004's success answer into the receipt", () => {
    const response = readQimenAnswer(createResponse.success, "default");
    expect(response).toEqual({ flag: "success", code: "0", message: "invalid appkey", returnOrderId: "RID1234" });
    expect(parseCreateAnswer(response, "R1234")).toEqual({ __typename: "QimenReceipt", returnOrderCode: "R1234", returnOrderId: "RID1234" });
  });

  it("reads seed 004's gateway error as ProviderRejected with the sub code and message", () => {
    let error: unknown;
    try {
      readQimenAnswer(createResponse.error, "default");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ProviderRejectedError);
    expect(error).toMatchObject({ provider: "QIMEN", providerCode: "isv.invalid-parameter", providerMessage: "非法参数" });
  });

  it("reads a failure flag as ProviderRejected and garbage as ProviderUnavailable", () => {
    expect(() => readQimenAnswer("<response><flag>failure</flag><code>X1</code><message>no</message></response>", "a")).toThrow(ProviderRejectedError);
    for (const garbage of ["<html>502</html>", "{}", "<response><code>0</code></response>", '<!DOCTYPE x [<!ENTITY e "e">]><response/>']) {
      expect(() => readQimenAnswer(garbage, "a")).toThrow(ProviderUnavailableError);
    }
  });

  it("maps the created order: unified fields and every Qimen-only field", () => {
    const order = seedOrder();
    expect(order).toMatchObject({
      provider: "QIMEN",
      providerOrderNo: "R1234",
      referenceNo: "SO-1",
      outboundOrderNo: "PD1234",
      status: "OPEN",
      providerStatus: "NEW",
      warehouseCode: "W1234",
      carrier: "顺丰",
      trackingNumber: "YD1234",
      reason: "破损退货",
      remark: "备注信息",
      totalQuantity: 12,
      receivedQuantity: null,
      createdAt: at,
    });
    expect(order.sender).toEqual({ ...seedCommand.sender, address2: null, houseNo: null });
    expect(order.lines).toEqual([{ sku: "I1234", quantity: 12, receivedQuantity: null, goodQuantity: null, defectiveQuantity: null, productName: null, remark: "备注" }]);
    expect(order.details).toEqual({
      __typename: "QimenReturnDetails",
      returnOrderId: "RID1234",
      orderType: "THRK",
      orderFlags: ["VISIT"],
      logisticsCode: "SF",
      logisticsName: "顺丰",
      preDeliveryOrderCode: "PD1234",
      sourcePlatformCode: "TB",
      buyerNick: "淘宝",
      ownerCode: "HZ1234",
      preDeliveryOrderId: "PDI1234",
      sourcePlatformName: "淘宝",
      shopNick: "店铺名称",
      sellerNick: "卖家名称",
      outBizCode: "KEY-1",
      orderLines: [
        {
          orderLineNo: "D1234",
          ownerCode: "HZ1234",
          itemCode: "I1234",
          itemId: "CK1234",
          inventoryType: "ZP",
          planQty: 12,
          actualQty: null,
          batchCode: "P123",
          productDate: "2016-09-09",
          expireDate: "2016-09-09",
          produceCode: "P1234",
          serialNumbers: [],
          sourceOrderCode: "PD1224",
          subSourceOrderCode: "PL1234",
        },
      ],
      confirmations: [],
    });
  });

  it("cancels under the order's own type (THRK) with its codes", () => {
    expect(toCancelRequest(seedOrder(), "buyer kept it")).toEqual({
      warehouseCode: "W1234",
      ownerCode: "HZ1234",
      orderCode: "R1234",
      orderId: "RID1234",
      orderType: "THRK",
      cancelReason: "buyer kept it",
    });
  });
});

describe("Qimen confirms (taobao.qimen.returnorder.confirm)", () => {
  const confirm = (outBizCode: string, lines: QimenConfirm["lines"], status: string | null = null): QimenConfirm => ({
    returnOrderCode: "R1234",
    returnOrderId: "RID1234",
    outBizCode,
    confirmTime: "2024-03-02 10:00:00",
    status,
    lines,
  });
  const line = (itemCode: string, actualQty: number, inventoryType: string | null = "ZP") => ({ orderLineNo: null, itemCode, inventoryType, actualQty, batchCode: null });

  it("adds partial receipts up, and a confirm already applied changes nothing", () => {
    const first = applyConfirm(seedOrder(), confirm("C1", [line("I1234", 5)]), at);
    expect(first).toMatchObject({ status: "RECEIVED", providerStatus: "PARTFULFILLED", receivedQuantity: 5, completedAt: null });
    expect(first.updatedAt?.toISOString()).toBe("2024-03-02T02:00:00.000Z");
    expect(applyConfirm(first, confirm("C1", [line("I1234", 5)]), at)).toBe(first);
    const second = applyConfirm(first, confirm("C2", [line("I1234", 7)]), at);
    expect(second).toMatchObject({ status: "COMPLETED", providerStatus: "FULFILLED", receivedQuantity: 12 });
    expect(second.completedAt?.toISOString()).toBe("2024-03-02T02:00:00.000Z");
    expect(second.lines[0]).toMatchObject({ quantity: 12, receivedQuantity: 12, goodQuantity: 12, defectiveQuantity: 0 });
    expect((second.details as unknown as { confirmations: { outBizCode: string; quantity: number }[] }).confirmations.map((c) => [c.outBizCode, c.quantity])).toEqual([
      ["C1", 5],
      ["C2", 7],
    ]);
  });

  it("keeps goods graded otherwise, or not planned, as lines of their own", () => {
    const order = applyConfirm(seedOrder(), confirm("C1", [line("I1234", 10), line("I1234", 2, "CC"), line("EXTRA", 1)]), at);
    expect(order.lines).toEqual([
      { sku: "I1234", quantity: 12, receivedQuantity: 12, goodQuantity: 10, defectiveQuantity: 2, productName: null, remark: "备注" },
      { sku: "EXTRA", quantity: 0, receivedQuantity: 1, goodQuantity: 1, defectiveQuantity: 0, productName: null, remark: null },
    ]);
    expect(order.providerStatus).toBe("FULFILLED");
  });

  it("takes the warehouse's own status when it sends a known one", () => {
    expect(applyConfirm(seedOrder(), confirm("C1", [line("I1234", 1)], "FULFILLED"), at)).toMatchObject({ status: "COMPLETED", providerStatus: "FULFILLED" });
    expect(applyConfirm(seedOrder(), confirm("C1", [line("I1234", 1)], "WHATEVER"), at)).toMatchObject({ providerStatus: "PARTFULFILLED" });
  });

  it("parses a confirm document and refuses incomplete ones", () => {
    const xml = buildQimenXml("request", {
      returnOrder: { returnOrderCode: "R1234", returnOrderId: "RID1234", outBizCode: "C1", orderConfirmTime: "2024-03-02 10:00:00" },
      orderLines: { orderLine: [{ orderLineNo: "D1234", itemCode: "I1234", inventoryType: "CC", actualQty: 3, batchCode: "B" }] },
    });
    expect(parseConfirm(parseQimenXml(xml))).toEqual({
      returnOrderCode: "R1234",
      returnOrderId: "RID1234",
      outBizCode: "C1",
      confirmTime: "2024-03-02 10:00:00",
      status: null,
      lines: [{ orderLineNo: "D1234", itemCode: "I1234", inventoryType: "CC", actualQty: 3, batchCode: "B" }],
    });
    for (const bad of [
      "<response/>",
      "<request><orderLines/></request>",
      "<request><returnOrder><outBizCode>C</outBizCode></returnOrder></request>",
      "<request><returnOrder><returnOrderCode>R</returnOrderCode></returnOrder></request>",
      "<request><returnOrder><returnOrderCode>R</returnOrderCode><outBizCode>C</outBizCode></returnOrder></request>",
      "<request><returnOrder><returnOrderCode>R</returnOrderCode><outBizCode>C</outBizCode></returnOrder><orderLines><orderLine><itemCode>I</itemCode><actualQty>1.5</actualQty></orderLine></orderLines></request>",
      "<request><returnOrder><returnOrderCode>R</returnOrderCode><outBizCode>C</outBizCode></returnOrder><orderLines><orderLine><actualQty>1</actualQty></orderLine></orderLines></request>",
    ]) {
      expect(() => parseConfirm(parseQimenXml(bad))).toThrow(QimenConfirmError);
    }
  });
});

describe("Qimen status table and small helpers", () => {
  it.each([
    ["NEW", "OPEN", true],
    ["ACCEPT", "OPEN", true],
    ["PARTFULFILLED", "RECEIVED", false],
    ["FULFILLED", "COMPLETED", false],
    ["EXCEPTION", "EXCEPTION", false],
    ["REJECT", "EXCEPTION", false],
    ["CANCELED", "CANCELLED", false],
    ["CLOSED", "CANCELLED", false],
  ])("%s → %s (cancellable: %s)", (code, status, cancellable) => {
    expect(qimenStatus(code)).toBe(status);
    expect(qimenCancellable(code)).toBe(cancellable);
  });

  it("maps an unknown code to UNKNOWN, not cancellable, and keeps it", () => {
    expect(qimenStatus("ZZ")).toBe("UNKNOWN");
    expect(qimenCancellable("ZZ")).toBe(false);
    expect(Object.keys(QIMEN_STATUS_TABLE)).toHaveLength(8);
  });

  it("joins and splits order flags with ^", () => {
    expect(joinFlags(["VISIT", " SELLER_AFFORD ", ""])).toBe("VISIT^SELLER_AFFORD");
    expect(joinFlags([])).toBeUndefined();
    expect(splitFlags("VISIT^ SELLER_AFFORD^SYNC_RETURN_BILL")).toEqual(["VISIT", "SELLER_AFFORD", "SYNC_RETURN_BILL"]);
  });

  it("derives the returnOrderCode from the idempotency key, else makes a fresh one", () => {
    expect(qimenReturnOrderCode("key-1", at)).toBe(qimenReturnOrderCode("key-1", new Date()));
    expect(qimenReturnOrderCode("key-1", at)).not.toBe(qimenReturnOrderCode("key-2", at));
    expect(qimenReturnOrderCode(null, at)).toMatch(/^QR20240301100000[0-9A-F]{12}$/);
    expect(qimenReturnOrderCode(null, at)).not.toBe(qimenReturnOrderCode(null, at));
  });

  it("writes and reads China time", () => {
    expect(qimenDateTime(at)).toBe("2024-03-01 10:00:00");
    expect(parseQimenTime("2024-03-01 10:00:00")).toEqual(at);
    expect(parseQimenTime("yesterday")).toBeNull();
  });
});
