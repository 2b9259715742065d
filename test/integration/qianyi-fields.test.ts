import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { QianyiEmulator } from "../../src/demo/qianyi/emulator.js";
import { QIANYI_SERVICES } from "../../src/providers/qianyi/client.js";
import { encodeOrderId } from "../../src/returns/ids.js";
import {
  QianyiFieldsCreateDocument,
  QianyiFieldsListDocument,
  QianyiFieldsReadDocument,
  ReturnOrdersDocument,
  type QianyiFieldsOrderFragment,
  type ReturnOrderCreateInput,
  type ReturnOrderFilter,
} from "../generated/graphql.js";
import { startTestApp, type TestApp } from "../helpers/app.js";

// Every field Qianyi takes, set through GraphQL and read back through GraphQL; its own list
// filters and the numbers `search` matches (issue 17).

type Details = Extract<QianyiFieldsOrderFragment["details"], { __typename: "QianyiReturnDetails" }>;

describe("Qianyi: every settable field through GraphQL, both ways; its own filters and numbers", () => {
  let app: TestApp;
  let qianyi: QianyiEmulator;
  beforeAll(async () => {
    app = await startTestApp();
    qianyi = app.emulators.QIANYI as QianyiEmulator;
  });
  afterAll(async () => {
    await app.close();
  });

  const read = async (providerOrderNo: string) => {
    const { data, errors } = await app.gql(QianyiFieldsReadDocument, { id: encodeOrderId({ provider: "QIANYI", account: "default", providerOrderNo }) });
    expect(errors).toBeUndefined();
    return data!.returnOrder!;
  };
  const list = async (filter: ReturnOrderFilter, first = 100) => {
    const { data, errors } = await app.gql(QianyiFieldsListDocument, { filter: { providers: ["QIANYI"], ...filter }, first });
    expect(errors).toBeUndefined();
    return data!.returnOrders;
  };
  const queries = () => qianyi.calls.filter((c) => c.serviceType === QIANYI_SERVICES.list).map((c) => c.bizParam as Record<string, unknown>);

  it("creates with every field and reads each one back", async () => {
    const input: ReturnOrderCreateInput = {
      provider: "QIANYI",
      referenceNo: "S250807148097",
      warehouseCode: "solaso-huzhiming",
      carrier: "jt",
      trackingNumber: "TRK-F-1",
      reason: "买错了",
      remark: "every field",
      lines: [{ sku: "110015019002", quantity: 2, remark: "盒子压坏" }],
      qianyi: {
        shop: "Solaso-ERP",
        autoCommit: true,
        expectArriveDate: "2024-02-29",
        lines: [{ sku: "110015019002", orderSkuId: "92169605", storageLocationCode: "A-01" }],
        customFields: [
          { customFieldId: "43", value: "ON-F-1" },
          { customFieldId: "44", value: "不良品" },
        ],
      },
    };
    const { data } = await app.gql(QianyiFieldsCreateDocument, { input });
    const result = data!.returnOrderCreate;
    if (result.__typename !== "ReturnOrderCreated") throw new Error(JSON.stringify(result));
    const expected = {
      referenceNo: "S250807148097",
      outboundOrderNo: "S250807148097",
      warehouseCode: "solaso-huzhiming",
      carrier: "jt",
      trackingNumber: "TRK-F-1",
      reason: "买错了",
      remark: "every field",
      status: "OPEN",
      providerStatus: "WAIT_STORAGE",
      lines: [{ sku: "110015019002", quantity: 2, remark: "盒子压坏" }],
      details: {
        shop: "Solaso-ERP",
        commitTime: expect.any(String),
        customFields: [
          { id: "43", value: "ON-F-1" },
          { id: "44", value: "不良品", candidateValues: ["良品", "不良品"] },
        ],
        skus: [{ sku: "110015019002", orderSkuId: "92169605", quantity: 2, storageLocationCode: "A-01", selected: true, remark: "盒子压坏" }],
      },
    };
    expect(result.returnOrder).toMatchObject(expected);
    expect(await read(result.returnOrder.providerOrderNo)).toMatchObject(expected);
  });

  it("reads amounts digit for digit, a hidden line as selected false, and every custom field attribute with text choices", async () => {
    const order = await read("B259900000003");
    expect(order.details).toMatchObject({
      __typename: "QianyiReturnDetails",
      orderRefundAmount: "12.3456789012345678",
      totalAmount: "12345678901234567.89",
      customFields: [
        {
          id: "44",
          tableName: "SYS_REFUND",
          name: "质检结果",
          value: "良品",
          type: "SELECT",
          defaultValue: "良品",
          candidateValues: ["良品", "不良品"],
          remark: "收货后填写",
          required: false,
          isQuery: true,
          isShow: false,
        },
      ],
      skus: [
        { sku: "DP001", selected: true, itemRefundAmount: "0.10", refundAmount: "12.3456789012345678" },
        { sku: "DP001-BOX", quantity: 1, selected: false, itemRefundAmount: "0", refundAmount: "0.00" },
      ],
    });
    // A hidden line is bookkeeping, not goods coming back: it is not among the unified lines.
    expect(order.lines.map((l) => l.sku)).toEqual(["DP001"]);
  });

  it("matches onlineOrderNumber and asnNumber exactly in search, and not a part of them", async () => {
    const target = (await list({}, 5)).nodes[3]!.providerOrderNo;
    const details = (await read(target)).details as Details & { onlineOrderNumber: string; asnNumber: string };
    for (const term of [details.onlineOrderNumber, details.asnNumber]) {
      expect((await list({ search: term })).nodes.map((n) => n.providerOrderNo)).toEqual([target]);
      expect((await list({ search: term.slice(0, -1) })).nodes).toEqual([]);
    }
  });

  it("offers Qianyi's finish-time, shop and shop-group filters, applied by Qianyi", async () => {
    const byShop = await list({ qianyi: { shopIds: ["3"] } });
    expect(byShop.nodes.length).toBeGreaterThan(0);
    expect(new Set(byShop.nodes.map((n) => (n.details as Details).shop))).toEqual(new Set(["Solaso-ERP"]));
    expect(queries().at(-1)).toMatchObject({ shopIdList: [3] });

    const byGroup = await list({ qianyi: { shopGroupIds: ["100"] } });
    expect(new Set(byGroup.nodes.map((n) => (n.details as Details).shop))).toEqual(new Set(["测试1", "shopee111PH"]));
    expect(queries().at(-1)).toMatchObject({ shopGroupIdList: [100] });

    const at = (text: string) => new Date(text).getTime();
    const finished = (await list({ statuses: ["COMPLETED"] })).nodes.flatMap((n) => (n.completedAt ? [n.completedAt] : [])).sort((a, b) => at(a) - at(b));
    const [from, to] = [finished[1]!, finished.at(-2)!];
    const window = await list({ qianyi: { finishedFrom: from, finishedTo: to } });
    expect(window.nodes.length).toBe(finished.length - 2);
    for (const node of window.nodes) expect(at(node.completedAt!) >= at(from) && at(node.completedAt!) <= at(to)).toBe(true);
    expect(queries().at(-1)).toMatchObject({
      finishTimeFrom: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
      finishTimeTo: expect.any(String),
    });

    // A cursor belongs to its filter, the provider's block included.
    const first = await app.gql(ReturnOrdersDocument, { filter: { qianyi: { shopIds: ["3"] } }, first: 1 });
    const after = first.data!.returnOrders.pageInfo.endCursor!;
    const same = await app.gql(ReturnOrdersDocument, { filter: { qianyi: { shopIds: ["3"] } }, first: 1, after });
    expect(same.errors).toBeUndefined();
    const other = await app.gql(ReturnOrdersDocument, { filter: { qianyi: { shopIds: ["2"] } }, first: 1, after });
    expect(other.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT" });

    // Another provider's orders cannot meet Qianyi's conditions: only Qianyi is asked.
    const everyone = await app.gql(QianyiFieldsListDocument, { filter: { qianyi: { shopIds: ["3"] } }, first: 5 });
    expect(everyone.data!.returnOrders.nodes.every((n) => n.details.__typename === "QianyiReturnDetails")).toBe(true);
  });

  it("refuses impossible dates and over-long values before anything is sent to Qianyi", async () => {
    const before = qianyi.calls.length;
    const created = await app.gql(QianyiFieldsCreateDocument, {
      input: { provider: "QIANYI", warehouseCode: "GWMS", lines: [{ sku: "DP001", quantity: 1 }], qianyi: { shop: "测试1", expectArriveDate: "2024-02-31" } },
    });
    expect(created.data!.returnOrderCreate).toMatchObject({ __typename: "InvalidInput", violations: [{ field: ["input", "qianyi", "expectArriveDate"] }] });

    const impossible = await app.gql(QianyiFieldsListDocument, { filter: { qianyi: { finishedFrom: "2019-02-30T00:00:00+08:00" } } });
    expect(impossible.errors?.[0]?.message).toMatch(/2019-02-30/);
    const badId = await app.gql(QianyiFieldsListDocument, { filter: { qianyi: { shopIds: ["shop-3"] } } });
    expect(badId.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT" });

    const longWarehouse = await list({ warehouseCode: "W".repeat(51) });
    expect(longWarehouse.providerErrors).toEqual([{ provider: "QIANYI", code: "INVALID", message: expect.stringContaining("50 characters") }]);
    expect(qianyi.calls.length).toBe(before);

    // A search term longer than a returnNumber can be is matched on the other numbers, never sent as one.
    await list({ search: "N".repeat(60) }, 5);
    expect(queries().filter((q) => q["returnNumber"] !== undefined && String(q["returnNumber"]).length > 50)).toEqual([]);
  });
});
