import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import closeResponse from "../../../src/demo/qianyi/fixtures/seed-001-close-response.json" with { type: "json" };
import createRequest from "../../../src/demo/qianyi/fixtures/seed-001-create-request.json" with { type: "json" };
import createResponse from "../../../src/demo/qianyi/fixtures/seed-001-create-response.json" with { type: "json" };
import pushJson from "../../../src/demo/qianyi/fixtures/seed-001-push-json.json" with { type: "json" };
import queryRequest from "../../../src/demo/qianyi/fixtures/seed-001-query-request.json" with { type: "json" };
import queryResponse from "../../../src/demo/qianyi/fixtures/seed-001-query-response.json" with { type: "json" };
import { parseQianyiAnswer } from "../../../src/providers/qianyi/client.js";
import { parseCreateAnswer, parseOrder } from "../../../src/providers/qianyi/mapper.js";
import { orderFromPush, parsePushInfo, readQianyiFields } from "../../../src/providers/qianyi/push.js";
import { referenceMarkerOf } from "../../../src/providers/qianyi/reference-marker.js";
import { parseQianyiDateTime, qianyiDateTime, toCreateRequest, toListRequest } from "../../../src/providers/qianyi/requests.js";
import { qianyiCreateResultWire, qianyiOrderWire, qianyiQueryResultWire } from "../../../src/providers/qianyi/wire.js";
import { QIANYI_STATUS_TABLE, qianyiCodesOf, qianyiStatus } from "../../../src/providers/qianyi/status.js";
import { ProviderRejectedError, ProviderUnavailableError } from "../../../src/returns/errors.js";
import type { CreateReturnOrderCommand } from "../../../src/returns/model.js";

const FIXTURES = new URL("../../../src/demo/qianyi/fixtures/", import.meta.url);
const query = parseQianyiAnswer("default", JSON.stringify(queryResponse));
const [waiting, finished] = qianyiQueryResultWire.parse(query.result);
/** An order as its wire schema reads it. */
const wireOrder = (raw: Record<string, unknown>) => qianyiOrderWire.parse(raw);

describe("Qianyi client: the envelope with bizContent as a JSON string", () => {
  it("decodes seed 001's query answer: state, notSuccess, total and both orders", () => {
    expect(query).toMatchObject({ state: "success", notSuccess: false, total: 1089 });
    expect([waiting!.returnNumber, finished!.returnNumber]).toEqual(["B250912149637", "B250822148831"]);
  });

  it("decodes the create and close answers", () => {
    expect(qianyiCreateResultWire.parse(parseQianyiAnswer("default", JSON.stringify(createResponse)).result).returnNumber).toBe("B250912149639");
    expect(parseQianyiAnswer("default", JSON.stringify(closeResponse))).toMatchObject({ notSuccess: false, state: "success", total: null });
  });

  it("turns state failure into ProviderRejected with Qianyi's code and message", () => {
    const failure = JSON.stringify({ state: "failure", errorCode: "DATA_INPUT_ERROR", errorMsg: "输入参数不对", bizContent: "", requestId: "r" });
    const error = (() => {
      try {
        parseQianyiAnswer("default", failure);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ProviderRejectedError);
    expect(error).toMatchObject({ provider: "QIANYI", providerCode: "DATA_INPUT_ERROR", providerMessage: "输入参数不对" });
    const inner = JSON.stringify({
      state: "success",
      errorCode: "",
      errorMsg: "",
      bizContent: JSON.stringify({ state: "failure", notSuccess: true, errorMsg: "no" }),
    });
    expect(() => parseQianyiAnswer("default", inner)).toThrow(ProviderRejectedError);
  });

  it("treats a malformed bizContent, a non-envelope and non-JSON as the provider's fault, not a crash", () => {
    for (const body of [
      JSON.stringify({ state: "success", errorCode: "", errorMsg: "", bizContent: "{not json" }),
      JSON.stringify({ state: "success", bizContent: "[1,2]" }),
      JSON.stringify({ hello: "world" }),
      "<html>502</html>",
    ]) {
      expect(() => parseQianyiAnswer("default", body)).toThrow(ProviderUnavailableError);
    }
  });
});

describe("Qianyi mapper: seed 001 query answer, first order (WAIT_STORAGE, custom field with a value)", () => {
  const order = parseOrder(waiting!, "default");

  it("maps every unified field", () => {
    expect({ ...order, details: undefined }).toEqual({
      provider: "QIANYI",
      account: "default",
      providerOrderNo: "B250912149637",
      referenceNo: null,
      outboundOrderNo: null,
      status: "OPEN",
      providerStatus: "WAIT_STORAGE",
      warehouseCode: "best warehouse(测试用)",
      carrier: null,
      trackingNumber: null,
      reason: "退款测试",
      remark: "破损退货",
      sender: null,
      lines: [
        { sku: "hmsku090901-1", quantity: 1, receivedQuantity: null, goodQuantity: null, defectiveQuantity: null, productName: null, remark: "破损退货" },
      ],
      totalQuantity: 1,
      receivedQuantity: null,
      createdAt: new Date(1757642599000),
      updatedAt: new Date(1757642613000),
      completedAt: null,
      details: undefined,
    });
    expect(order.createdAt!.toISOString()).toBe("2025-09-12T02:03:19.000Z");
  });

  it("keeps Qianyi's own fields, the custom field and the ASN (warehouseEntry*) in QianyiReturnDetails", () => {
    expect(order.details).toEqual({
      __typename: "QianyiReturnDetails",
      shop: "shopee111PH",
      type: "SALES_RETURN",
      currency: null,
      orderRefundAmount: "0",
      totalAmount: null,
      onlineOrderNumber: null,
      buyerId: null,
      asnNumber: "A250912149638",
      asnId: "46060",
      commitTime: null,
      customFields: [
        {
          id: "43",
          tableName: null,
          name: "网上订单号",
          value: "1234",
          type: "STRING",
          defaultValue: null,
          candidateValues: [],
          remark: null,
          required: true,
          isQuery: true,
          isShow: true,
        },
      ],
      skus: [
        {
          sku: "hmsku090901-1",
          orderSkuId: null,
          quantity: 1,
          goodQuantity: null,
          badQuantity: null,
          itemRefundAmount: "0",
          refundAmount: null,
          storageLocationCode: "SYS LOC",
          selected: true,
          remark: "破损退货",
          locations: [],
        },
      ],
    });
  });
});

describe("Qianyi mapper: seed 001 query answer, second order (FINISH, received with locations)", () => {
  const order = parseOrder(finished!, "default");

  it("maps every unified field, good / bad quantities and epoch-millisecond times", () => {
    expect({ ...order, details: undefined }).toEqual({
      provider: "QIANYI",
      account: "default",
      providerOrderNo: "B250822148831",
      referenceNo: "S250807148097",
      outboundOrderNo: "S250807148097",
      status: "COMPLETED",
      providerStatus: "FINISH",
      warehouseCode: "solaso-huzhiming",
      carrier: "jt",
      trackingNumber: "801100620944",
      reason: "与商家协商一致",
      remark: null,
      sender: null,
      lines: [
        { sku: "110015015005", quantity: 3, receivedQuantity: 3, goodQuantity: 3, defectiveQuantity: 0, productName: null, remark: null },
        { sku: "110015019002", quantity: 6, receivedQuantity: 6, goodQuantity: 6, defectiveQuantity: 0, productName: null, remark: null },
      ],
      totalQuantity: 9,
      receivedQuantity: 9,
      createdAt: new Date(1755853887000),
      updatedAt: new Date(1755854697000),
      completedAt: new Date(1755854697000),
      details: undefined,
    });
  });

  it("keeps currency, buyer, online order number, the value-less custom field and locAndQuantityList", () => {
    expect(order.details).toEqual({
      __typename: "QianyiReturnDetails",
      shop: "Solaso-ERP",
      type: "SALES_RETURN",
      currency: "VND",
      orderRefundAmount: "0",
      totalAmount: null,
      onlineOrderNumber: "2508071639020252990324083",
      buyerId: "408",
      asnNumber: "A250822148832",
      asnId: "45838",
      commitTime: null,
      customFields: [
        {
          id: "43",
          tableName: null,
          name: "网上订单号",
          value: null,
          type: "STRING",
          defaultValue: null,
          candidateValues: [],
          remark: null,
          required: true,
          isQuery: true,
          isShow: true,
        },
      ],
      skus: [
        {
          sku: "110015015005",
          orderSkuId: "92169604",
          quantity: 3,
          goodQuantity: 3,
          badQuantity: 0,
          itemRefundAmount: "0",
          refundAmount: null,
          storageLocationCode: "SYS LOC",
          selected: true,
          remark: null,
          locations: [{ storageLocationCode: "SYS LOC", receiveQuantity: 3 }],
        },
        {
          sku: "110015019002",
          orderSkuId: "92169605",
          quantity: 6,
          goodQuantity: 6,
          badQuantity: 0,
          itemRefundAmount: "0",
          refundAmount: null,
          storageLocationCode: "SYS LOC",
          selected: true,
          remark: null,
          locations: [{ storageLocationCode: "SYS LOC", receiveQuantity: 6 }],
        },
      ],
    });
  });

  it("takes the documented asnNumber / asnId / commitTime / totalAmount names over the query's own when present", () => {
    const documented = parseOrder(
      {
        ...finished!,
        ...wireOrder({ returnNumber: finished!.returnNumber, asnNumber: "ASN-1", asnId: 7, commitTime: 1755853900000, totalAmount: 12.5, currency: "CNY" }),
        warehouseEntryNumber: "A",
        warehouseEntryID: "1",
      },
      "a",
    );
    expect(documented.details).toMatchObject({ asnNumber: "ASN-1", asnId: "7", commitTime: new Date(1755853900000), totalAmount: "12.5" });
  });

  it("counts received from good + bad when there is no location list, and hides lines Qianyi does not show", () => {
    const wire = wireOrder({
      returnNumber: "B1",
      status: "FINISH",
      returnSkuList: [
        { sku: "A", quantity: 2, goodQuantity: 1, badQuantity: 1, selected: 1 },
        { sku: "HIDDEN", quantity: 5, selected: 0 },
        { sku: "DELETED", quantity: 5, isDeleted: 1 },
      ],
    });
    const order = parseOrder(wire, "a");
    expect(order.lines).toEqual([{ sku: "A", quantity: 2, receivedQuantity: 2, goodQuantity: 1, defectiveQuantity: 1, productName: null, remark: null }]);
    expect(order.receivedQuantity).toBe(2);
  });
});

describe("Qianyi mapper: seed 001 create", () => {
  const command: CreateReturnOrderCommand = {
    provider: "QIANYI",
    account: "default",
    warehouseCode: "best warehouse(测试用)",
    lines: [{ sku: "DP001", quantity: 1 }],
    options: { shop: "测试1" },
  };

  it("builds the seed's create bizParam exactly", () => {
    expect(toCreateRequest(command, null)).toEqual(JSON.parse(createRequest.bizParam));
  });

  it("sends every optional field: orderNumber, autoCommit, orderSkuId, custom fields and the reference marker", () => {
    const full = toCreateRequest(
      {
        ...command,
        referenceNo: "S250807148097",
        carrier: "jt",
        trackingNumber: "801100620944",
        reason: "买错了",
        remark: "备注",
        lines: [
          { sku: "110015015005", quantity: 3, remark: "破损" },
          { sku: "DP001", quantity: 1 },
        ],
        options: {
          shop: "Solaso-ERP",
          autoCommit: true,
          expectArriveDate: "2020-03-06",
          lines: [{ sku: "110015015005", orderSkuId: "92169604", storageLocationCode: "SYS LOC" }],
          customFields: [{ customFieldId: "3", value: "张三" }],
        },
      },
      "key-123456",
    );
    expect(full).toEqual({
      orderNumber: "S250807148097",
      warehouse: "best warehouse(测试用)",
      shop: "Solaso-ERP",
      expectArriveTime: "2020-03-06",
      reason: "买错了",
      remark: "备注 [rs:key-123456]",
      carrier: "jt",
      customNumber: "801100620944",
      autoCommit: true,
      returnSkuList: [
        { orderSkuId: 92169604, sku: "110015015005", quantity: 3, storageLocationCode: "SYS LOC", remark: "破损" },
        { sku: "DP001", quantity: 1 },
      ],
      refundCustomFieldValueVOList: [{ customFieldId: 3, value: "张三" }],
    });
    expect(referenceMarkerOf(full["remark"] as string)).toBe("key-123456");
    expect(parseOrder(wireOrder({ returnNumber: "B", status: "NEW", remark: full["remark"] }), "a").remark).toBe("备注");
  });

  it("reads the seed's create answer as the receipt", () => {
    const content = parseQianyiAnswer("default", JSON.stringify(createResponse));
    expect(parseCreateAnswer(qianyiCreateResultWire.parse(content.result))).toEqual({
      __typename: "QianyiReceipt",
      returnNumber: "B250912149639",
      status: "NEW",
      type: "SALES_RETURN",
    });
    const order = parseOrder(wireOrder(content.result as Record<string, unknown>), "default");
    expect(order).toMatchObject({
      status: "DRAFT",
      providerStatus: "NEW",
      warehouseCode: "best warehouse(测试用)",
      totalQuantity: 1,
      createdAt: new Date(1757644953059),
    });
    expect(order.details).toMatchObject({ shop: "测试1", type: "SALES_RETURN" });
  });
});

describe("Qianyi mapper: seed 001 query and close requests", () => {
  it("builds the seed's query bizParam, and the time filters in China time", () => {
    // The seed's request, with commitTime asked for: without it Qianyi leaves commitTime out.
    expect(toListRequest({}, 1, 2)).toEqual({ ...JSON.parse(queryRequest.bizParam), withCommitTime: true });
    expect(
      toListRequest(
        {
          returnNumber: "B1",
          warehouse: "GWMS",
          status: "FINISH",
          fromCreateTime: new Date("2020-03-03T16:00:00Z"),
          toCreateTime: new Date("2020-03-26T15:59:59Z"),
        },
        2,
        200,
      ),
    ).toEqual({
      returnNumber: "B1",
      warehouse: "GWMS",
      status: "FINISH",
      fromCreateTime: "2020-03-04 00:00:00",
      toCreateTime: "2020-03-26 23:59:59",
      withoutType: true,
      withCommitTime: true,
      page: 2,
      pageSize: 200,
    });
  });

  it("reads and writes Qianyi's 'yyyy-MM-dd HH:mm:ss' as China time", () => {
    expect(qianyiDateTime(new Date(1757642599000))).toBe("2025-09-12 10:03:19");
    expect(parseQianyiDateTime("2025-09-12 10:03:19")?.getTime()).toBe(1757642599000);
    expect(parseQianyiDateTime("2020-03-04")?.toISOString()).toBe("2020-03-03T16:00:00.000Z");
    expect(parseQianyiDateTime("12/09/2025")).toBeNull();
  });
});

describe("Qianyi status table", () => {
  it("maps the seed's codes and the inferred closed state, anything else to UNKNOWN", () => {
    expect(qianyiStatus("NEW")).toBe("DRAFT");
    expect(qianyiStatus("WAIT_STORAGE")).toBe("OPEN");
    expect(qianyiStatus("FINISH")).toBe("COMPLETED");
    expect(qianyiStatus("CLOSED")).toBe("CANCELLED");
    expect(qianyiStatus("SOMETHING_NEW")).toBe("UNKNOWN");
    expect(parseOrder(wireOrder({ returnNumber: "B", status: "SOMETHING_NEW" }), "a")).toMatchObject({ status: "UNKNOWN", providerStatus: "SOMETHING_NEW" });
    expect(Object.keys(QIANYI_STATUS_TABLE)).toEqual(["NEW", "WAIT_STORAGE", "FINISH", "CLOSED"]);
    expect(qianyiCodesOf(["OPEN", "CANCELLED"])).toEqual(["WAIT_STORAGE", "CLOSED"]);
  });
});

describe("Qianyi push: both shapes of seed 001", () => {
  it("reads the JSON shape", async () => {
    const fields = await readQianyiFields(Buffer.from(JSON.stringify(pushJson)), "application/json");
    expect(fields).toEqual({
      appId: "15167732016",
      serviceType: "PUSH_RETURN_ORDER_INFO",
      bizParam: pushJson.bizParam,
      timestamp: "1754033260116",
      sign: "b55826f1b417bd398aacf61aaa8abe23",
    });
  });

  it("reads the form-data shape (the seed prints its fields as a map) as multipart and as urlencoded", async () => {
    const printed = readFileSync(new URL("seed-001-push-form.txt", FIXTURES), "utf8").trim();
    const m = /^\{serviceType=(.*),appId=(.*),sign=(.*),bizParam=(\{.*\}),timestamp=(\d+)\}$/.exec(printed)!;
    const values = { serviceType: m[1]!, appId: m[2]!, sign: m[3]!, bizParam: m[4]!.replace(/\\"/g, '"'), timestamp: m[5]! };
    expect(values.bizParam).toBe(pushJson.bizParam); // the same push as the JSON shape
    const form = new FormData();
    for (const [k, v] of Object.entries(values)) form.append(k, v);
    const request = new Request("http://x", { method: "POST", body: form });
    const multipart = await readQianyiFields(Buffer.from(await request.arrayBuffer()), request.headers.get("content-type")!);
    expect(multipart).toEqual(values);
    const urlencoded = await readQianyiFields(Buffer.from(new URLSearchParams(values).toString()), "application/x-www-form-urlencoded");
    expect(urlencoded).toEqual(values);
  });

  it("refuses bodies that are neither shape or miss a field", async () => {
    expect(await readQianyiFields(Buffer.from("{broken"), "application/json")).toBeNull();
    expect(await readQianyiFields(Buffer.from("[]"), "application/json")).toBeNull();
    expect(await readQianyiFields(Buffer.from(JSON.stringify({ ...pushJson, sign: "" })), "application/json")).toBeNull();
    expect(await readQianyiFields(Buffer.from("plain"), "text/plain")).toBeNull();
    expect(await readQianyiFields(Buffer.from("--x\r\nbroken"), "multipart/form-data; boundary=x")).toBeNull();
  });

  it("reads the push's bizParam into an order for the index, nothing invented", () => {
    const info = parsePushInfo(pushJson.bizParam)!;
    expect(info).toMatchObject({
      returnNumber: "B250801537077",
      status: "WAIT_STORAGE",
      orderNumber: "THTZD000859",
      onlineOrderNumber: "THTZD000859",
      returnSkuList: [{ orderSkuId: "45", quantity: 1, sku: "JCDF692024YH002" }],
    });
    const order = orderFromPush(info, "default");
    expect(order).toMatchObject({
      providerOrderNo: "B250801537077",
      referenceNo: "THTZD000859",
      status: "OPEN",
      providerStatus: "WAIT_STORAGE",
      lines: [{ sku: "JCDF692024YH002", quantity: 1 }],
      createdAt: null,
      details: { onlineOrderNumber: "THTZD000859", skus: [expect.objectContaining({ orderSkuId: "45" })] },
    });
    expect(parsePushInfo("{}")).toBeNull();
    expect(parsePushInfo("not json")).toBeNull();
    expect(parsePushInfo('{"returnNumber":"B1"}')).toBeNull();
  });
});
