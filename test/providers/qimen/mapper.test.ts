import { describe, expect, it } from "vitest";
import createRequest from "../../../src/demo/qimen/fixtures/seed-004-create-request.json" with { type: "json" };
import createResponse from "../../../src/demo/qimen/fixtures/seed-004-create-response.json" with { type: "json" };
import { readQimenAnswer } from "../../../src/providers/qimen/client.js";
import { parseCreateAnswer, readQueryPage, splitFlags } from "../../../src/providers/qimen/mapper.js";
import { joinFlags, qimenReturnOrderCode, toCancelRequest, toCreateRequest, toQueryRequest } from "../../../src/providers/qimen/requests.js";
import { QIMEN_STATUS_TABLE, qimenCapabilities, qimenStatus } from "../../../src/providers/qimen/status.js";
import { parseQimenTime, qimenDateTime } from "../../../src/providers/qimen/time.js";
import { buildQimenXml, parseQimenXml } from "../../../src/providers/qimen/xml.js";
import { ProviderRejectedError, ProviderUnavailableError } from "../../../src/returns/errors.js";

import { at, seedCommand, seedOrder } from "./seed-order.js";

describe("Qimen mapper: seed 004 (taobao.qimen.returnorder.create)", () => {
  it("builds every field of seed 004's literal request from the equivalent command", () => {
    const request = JSON.parse(JSON.stringify(toCreateRequest(seedCommand, "R1234", null))) as unknown;
    expect(request).toEqual(createRequest.request);
  });

  it("sends the idempotency key as outBizCode, serial numbers as snList, and ZP by default", () => {
    const request = toCreateRequest(
      { ...seedCommand, options: { ownerCode: "O", logisticsCode: "SF", lines: [{ sku: "I1234", serialNumbers: ["S1", "S2"] }] } },
      "R9",
      "KEY-9",
    );
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
    expect(parseCreateAnswer(response, "R1234", "default")).toEqual({ __typename: "QimenReceipt", returnOrderCode: "R1234", returnOrderId: "RID1234" });
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
    expect(order.lines).toEqual([
      { sku: "I1234", quantity: 12, receivedQuantity: null, goodQuantity: null, defectiveQuantity: null, productName: null, remark: "备注" },
    ]);
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
      senderTown: "横加桥",
      extendProps: [],
      senderExtendProps: [],
      requestExtendProps: [],
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
          orderFlags: ["visit"],
          returnReason: "破损退货",
          extendProps: [],
        },
      ],
      confirmations: [],
    });
  });

  it("keeps the house number: Qimen's sender has none, so it leads detailAddress", () => {
    const request = toCreateRequest({ ...seedCommand, sender: { ...seedCommand.sender, houseNo: "12", address1: "Main St", address2: "Flat 3" } }, "R1", null);
    expect(request.returnOrder.senderInfo?.detailAddress).toBe("12 Main St Flat 3");
    expect(JSON.stringify(request)).not.toContain("houseNo");
  });

  it("sends the order's reason and flags on every line (seed 004 requires both per line), a line's own first", () => {
    const request = toCreateRequest(
      {
        ...seedCommand,
        lines: [
          { sku: "A", quantity: 1 },
          { sku: "B", quantity: 2 },
        ],
        options: {
          ownerCode: "O",
          logisticsCode: "SF",
          orderFlags: ["VISIT"],
          lines: [{ sku: "B", returnReason: "wrong size", orderFlags: ["SELLER_AFFORD"] }],
        },
      },
      "R2",
      null,
    );
    expect(request.orderLines.orderLine.map((l) => [l.itemCode, l.orderFlag, l.returnReason])).toEqual([
      ["A", "VISIT", "破损退货"],
      ["B", "SELLER_AFFORD", "wrong size"],
    ]);
  });

  it("asks returnorder.query by code, and by the warehouse's id, warehouse and owner when they are known", () => {
    expect(toQueryRequest("R1234", { returnOrderId: "RID1234", warehouseCode: "W1234", ownerCode: "HZ1234" }, 2)).toEqual({
      returnOrderCode: "R1234",
      returnOrderId: "RID1234",
      warehouseCode: "W1234",
      ownerCode: "HZ1234",
      page: 2,
      pageSize: 100,
    });
    const xml = buildQimenXml("request", toQueryRequest("R1", {}, 1));
    expect(xml).toBe("<request><returnOrderCode>R1</returnOrderCode><page>1</page><pageSize>100</pageSize></request>");
  });

  it("reads a query answer of the .NET SDK's shape (no status, no line count), and fails one without its order", () => {
    const answer = readQimenAnswer(
      "<response><flag>success</flag><code>0</code><message/><returnOrder><returnOrderCode>R1234</returnOrderCode><returnOrderId>RID1</returnOrderId><warehouseCode>W1234</warehouseCode></returnOrder><orderLines><orderLine><itemCode>I1</itemCode><planQty>2</planQty><actualQty>1</actualQty><inventoryType>CC</inventoryType><qrCode>q1;q2</qrCode></orderLine><orderLine>odd</orderLine></orderLines></response>",
      "default",
    );
    const page = readQueryPage(answer, "default");
    expect(page.status).toBeNull();
    expect(page.totalLines).toBeNull();
    expect(page.document.orderLines).toMatchObject([{ itemCode: "I1", planQty: 2, actualQty: 1, inventoryType: "CC" }]);
    expect(readQueryPage({ returnOrder: { returnOrderCode: "R1", status: "ACCEPT" } }, "default").status).toBe("ACCEPT");
    for (const odd of [{}, { returnOrder: "R1234" }, { returnOrder: { returnOrderId: "RID1" } }]) {
      expect(() => readQueryPage(odd, "default")).toThrow(ProviderUnavailableError);
    }
  });

  it("cancels under the order's own type (THRK) with its codes", () => {
    expect(toCancelRequest({ ...seedOrder(), warehouseCode: "W1234" }, "buyer kept it")).toEqual({
      warehouseCode: "W1234",
      ownerCode: "HZ1234",
      orderCode: "R1234",
      orderId: "RID1234",
      orderType: "THRK",
      cancelReason: "buyer kept it",
    });
  });
});

describe("Qimen status table and small helpers", () => {
  it.each([
    ["NEW", "OPEN", true],
    ["ACCEPT", "OPEN", true],
    ["CANCELEDFAIL", "OPEN", true],
    ["PARTFULFILLED", "RECEIVED", false],
    ["FULFILLED", "COMPLETED", false],
    ["EXCEPTION", "EXCEPTION", false],
    ["REJECT", "EXCEPTION", false],
    ["CANCELED", "CANCELLED", false],
    ["CLOSED", "CANCELLED", false],
  ])("%s → %s (canCancel: %s)", (code, status, canCancel) => {
    expect(qimenStatus(code)).toBe(status);
    expect(qimenCapabilities(code)).toMatchObject({ canUpdate: false, canCancel });
  });

  it("keeps an order whose cancel failed at the warehouse live, and offers the cancel again", () => {
    expect(qimenStatus("CANCELEDFAIL")).toBe("OPEN");
    expect(qimenCapabilities("CANCELEDFAIL")).toMatchObject({
      canUpdate: false,
      canCancel: true,
      reasons: ["Qimen's API cannot change a return order after it is created."],
    });
  });

  it("maps an unknown code to UNKNOWN, offering nothing, with reasons free of internal wording", () => {
    expect(qimenStatus("ZZ")).toBe("UNKNOWN");
    expect(qimenCapabilities("ZZ")).toMatchObject({ canCancel: false, canUpdate: false });
    expect(qimenCapabilities("FULFILLED").reasons).toEqual([
      "Qimen's API cannot change a return order after it is created.",
      "Qimen cancels only orders in status NEW, ACCEPT, CANCELEDFAIL; this one is FULFILLED.",
    ]);
    expect(Object.keys(QIMEN_STATUS_TABLE)).toHaveLength(9);
    for (const row of Object.values(QIMEN_STATUS_TABLE)) expect(row.evidence).toBe("inferred");
  });

  it("joins and splits order flags with ^", () => {
    expect(joinFlags(["VISIT", " SELLER_AFFORD ", ""])).toBe("VISIT^SELLER_AFFORD");
    expect(joinFlags([])).toBeUndefined();
    expect(splitFlags("VISIT^ SELLER_AFFORD^SYNC_RETURN_BILL")).toEqual(["VISIT", "SELLER_AFFORD", "SYNC_RETURN_BILL"]);
    expect(splitFlags(null)).toEqual([]);
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
    // A time that does not exist is no time (not carried over into the next month or day).
    expect(parseQimenTime("2024-02-29 23:59:59")).toEqual(new Date("2024-02-29T15:59:59Z"));
    for (const impossible of ["2024-02-31 10:00:00", "2019-02-30 10:00:00", "2023-02-29 00:00:00", "2024-01-01 24:00:00", "2024-01-01 10:60:00"])
      expect(parseQimenTime(impossible)).toBeNull();
  });
});
