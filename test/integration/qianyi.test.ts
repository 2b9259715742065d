import type { ProviderCreateCommand } from "../../src/returns/model.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { QianyiAdapter } from "../../src/providers/qianyi/adapter.js";
import type { QianyiEmulator } from "../../src/demo/qianyi/emulator.js";
import { encodeOrderId } from "../../src/returns/ids.js";
import {
  CancelReturnOrderDocument,
  CreateReturnOrderDocument,
  EntitiesDocument,
  QianyiReturnOrderDocument,
  ReturnOrderDocument,
  ReturnOrdersDocument,
  ReturnProvidersDocument,
  UpdateReturnOrderDocument,
  type ReturnOrderCreateInput,
} from "../generated/graphql.js";
import { startTestApp, type TestApp } from "../helpers/app.js";

const idOf = (providerOrderNo: string) => encodeOrderId({ provider: "QIANYI", account: "default", providerOrderNo });
const SEED_ID = idOf("B250822148831");

const qianyiInput = (overrides: Partial<ReturnOrderCreateInput> = {}): ReturnOrderCreateInput => ({
  provider: "QIANYI",
  warehouseCode: "best warehouse(测试用)",
  reason: "买错了",
  remark: "破损退货",
  lines: [{ sku: "DP001", quantity: 2, remark: "盒子压坏" }],
  qianyi: { shop: "测试1" },
  ...overrides,
});

describe("Qianyi ERP end to end through GraphQL", () => {
  let app: TestApp;
  let qianyi: QianyiEmulator;
  beforeAll(async () => {
    app = await startTestApp();
    qianyi = app.emulators.QIANYI as QianyiEmulator;
  });
  afterAll(async () => {
    await app.close();
  });

  const create = async (input: ReturnOrderCreateInput, idempotencyKey?: string) => {
    const { data, errors } = await app.gql(CreateReturnOrderDocument, { input, idempotencyKey });
    expect(errors).toBeUndefined();
    const result = data!.returnOrderCreate;
    if (result.__typename !== "ReturnOrderCreated") throw new Error(`expected ReturnOrderCreated, got ${JSON.stringify(result)}`);
    return result;
  };
  const count = async (table: string) => Number((await app.store.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n);
  const postPush = (body: string, contentType: string) =>
    fetch(`${app.url}/webhooks/qianyi`, { method: "POST", headers: { "content-type": contentType }, body });

  it("lists Qianyi with what its API can do: create, cancel (close) and pushes, no update", async () => {
    const { data } = await app.gql(ReturnProvidersDocument);
    expect(data?.returnProviders).toContainEqual({
      provider: "QIANYI",
      accounts: ["default"],
      canCreate: true,
      canUpdate: false,
      canCancel: true,
      receivesPushes: true,
    });
  });

  it("serves the seed's finished order by id with every field", async () => {
    const { data, errors } = await app.gql(ReturnOrderDocument, { id: SEED_ID });
    expect(errors).toBeUndefined();
    expect(data!.returnOrder).toMatchObject({
      id: SEED_ID,
      provider: "QIANYI",
      providerOrderNo: "B250822148831",
      referenceNo: "S250807148097",
      status: "COMPLETED",
      providerStatus: "FINISH",
      warehouseCode: "solaso-huzhiming",
      carrier: "jt",
      trackingNumber: "801100620944",
      totalQuantity: 9,
      receivedQuantity: 9,
      createdAt: "2025-08-22T09:11:27.000Z",
      completedAt: "2025-08-22T09:24:57.000Z",
      lines: [
        { sku: "110015015005", quantity: 3, receivedQuantity: 3, goodQuantity: 3, defectiveQuantity: 0 },
        { sku: "110015019002", quantity: 6, receivedQuantity: 6, goodQuantity: 6, defectiveQuantity: 0 },
      ],
      capabilities: { canUpdate: false, canCancel: false },
      details: {
        __typename: "QianyiReturnDetails",
        shop: "Solaso-ERP",
        currency: "VND",
        onlineOrderNumber: "2508071639020252990324083",
        buyerId: "408",
        asnNumber: "A250822148832",
      },
      events: [{ status: "COMPLETED", providerStatus: "FINISH", source: "OBSERVED" }],
    });
    // Every field is proven by the mapper test; here the Qianyi-only shapes come through GraphQL.
    const full = await app.gql(QianyiReturnOrderDocument, { id: SEED_ID });
    expect(full.data?.returnOrder?.details).toMatchObject({
      __typename: "QianyiReturnDetails",
      asnId: "45838",
      customFields: [{ id: "43", name: "网上订单号", value: null, type: "STRING", candidateValues: [], required: true }],
      skus: [
        { orderSkuId: "92169604", goodQuantity: 3, badQuantity: 0, selected: true, locations: [{ storageLocationCode: "SYS LOC", receiveQuantity: 3 }] },
        { orderSkuId: "92169605", goodQuantity: 6, badQuantity: 0, selected: true, locations: [{ storageLocationCode: "SYS LOC", receiveQuantity: 6 }] },
      ],
    });
  });

  it("lists Qianyi orders newest first across pages, each once, and finds them by search", async () => {
    const seen: string[] = [];
    let after: string | null | undefined;
    for (let page = 0; page < 10; page++) {
      const { data, errors } = await app.gql(ReturnOrdersDocument, { filter: { providers: ["QIANYI"] }, first: 20, after });
      expect(errors).toBeUndefined();
      const nodes = data!.returnOrders.nodes;
      const dates = nodes.map((n) => n.createdAt!);
      expect([...dates].sort().reverse()).toEqual(dates);
      seen.push(...nodes.map((n) => n.providerOrderNo));
      after = data!.returnOrders.pageInfo.endCursor;
      if (!data!.returnOrders.pageInfo.hasNextPage) break;
    }
    expect(new Set(seen).size).toBe(seen.length);
    // A listing shows return documents; refund-only and reship documents only by their number.
    const returns = [...qianyi.orders.values()].filter((o) => o["type"] === "SALES_RETURN").map((o) => o.returnNumber);
    expect(seen).toEqual(expect.arrayContaining(returns));
    expect(seen).not.toContain("B259900000001");

    const byNumber = await app.gql(ReturnOrdersDocument, { filter: { providers: ["QIANYI"], search: "B250912149637" }, first: 5 });
    expect(byNumber.data?.returnOrders.nodes.map((n) => n.providerOrderNo)).toEqual(["B250912149637"]);
    const byOrderNumber = await app.gql(ReturnOrdersDocument, { filter: { providers: ["QIANYI"], search: "S250807148097" }, first: 5 });
    expect(byOrderNumber.data?.returnOrders.nodes.map((n) => n.providerOrderNo)).toEqual(["B250822148831"]);
    const byStatus = await app.gql(ReturnOrdersDocument, {
      filter: { providers: ["QIANYI"], statuses: ["COMPLETED"], warehouseCode: "solaso-huzhiming" },
      first: 50,
    });
    const statuses = byStatus.data!.returnOrders.nodes;
    expect(statuses.length).toBeGreaterThan(1);
    expect(statuses.every((n) => n.status === "COMPLETED")).toBe(true);
    const lastCall = qianyi.calls.at(-1)!.bizParam as Record<string, unknown>;
    expect(lastCall).toMatchObject({ status: "FINISH", warehouse: "solaso-huzhiming" });
  });

  it("creates, reads back, lists and cancels (closes) a return", async () => {
    const result = await create(qianyiInput());
    expect(result.receipt).toEqual({ __typename: "QianyiReceipt", returnNumber: expect.stringMatching(/^B/), status: "NEW", type: "SALES_RETURN" });
    expect(result.returnOrder).toMatchObject({
      provider: "QIANYI",
      status: "DRAFT",
      providerStatus: "NEW",
      warehouseCode: "best warehouse(测试用)",
      reason: "买错了",
      remark: "破损退货",
      totalQuantity: 2,
      lines: [{ sku: "DP001", quantity: 2, remark: "盒子压坏" }],
      capabilities: { canUpdate: false, canCancel: true },
      details: { shop: "测试1", type: "SALES_RETURN" },
    });
    const { id, providerOrderNo } = result.returnOrder;
    expect(qianyi.calls.at(-2)).toMatchObject({
      serviceType: "CREATE_RETURN_ORDER",
      bizParam: { warehouse: "best warehouse(测试用)", shop: "测试1", returnSkuList: [{ sku: "DP001", quantity: 2, remark: "盒子压坏" }] },
    });

    const read = await app.gql(ReturnOrderDocument, { id });
    expect(read.data?.returnOrder).toMatchObject({ id, providerOrderNo, status: "DRAFT" });
    expect(read.data?.returnOrder?.events.map((e) => [e.providerStatus, e.source])).toEqual([["NEW", "MUTATION"]]);
    const listed = await app.gql(ReturnOrdersDocument, { filter: { providers: ["QIANYI"] }, first: 5 });
    expect(listed.data?.returnOrders.nodes[0]?.id).toBe(id);

    const cancelled = await app.gql(CancelReturnOrderDocument, { id, reason: "buyer kept it" });
    expect(cancelled.data?.returnOrderCancel).toMatchObject({
      __typename: "ReturnOrderCancelled",
      returnOrder: { id, status: "CANCELLED", providerStatus: "CLOSED", capabilities: { canCancel: false } },
    });
    const after = await app.gql(ReturnOrderDocument, { id });
    expect(after.data?.returnOrder?.events.map((e) => e.providerStatus)).toEqual(["NEW", "CLOSED"]);
    const again = await app.gql(CancelReturnOrderDocument, { id });
    expect(again.data?.returnOrderCancel).toMatchObject({ __typename: "InvalidState", providerStatus: "CLOSED" });
  });

  it("creates against a sales order with autoCommit, orderSkuId and custom fields", async () => {
    const result = await create(
      qianyiInput({
        referenceNo: "S250807148097",
        carrier: "jt",
        trackingNumber: "TRK-1",
        lines: [{ sku: "110015019002", quantity: 1 }],
        qianyi: {
          shop: "Solaso-ERP",
          autoCommit: true,
          expectArriveDate: "2026-12-01",
          lines: [{ sku: "110015019002", orderSkuId: "92169605" }],
          customFields: [{ customFieldId: "43", value: "ON-42" }],
        },
      }),
    );
    expect(result.returnOrder).toMatchObject({
      status: "OPEN",
      providerStatus: "WAIT_STORAGE",
      referenceNo: "S250807148097",
      trackingNumber: "TRK-1",
      carrier: "jt",
    });
    expect(result.returnOrder.details).toMatchObject({ customFields: [{ id: "43", name: "网上订单号", value: "ON-42" }] });
    expect(qianyi.calls.at(-2)?.bizParam).toMatchObject({
      orderNumber: "S250807148097",
      autoCommit: true,
      expectArriveTime: "2026-12-01",
      returnSkuList: [{ orderSkuId: 92169605 }],
    });
  });

  it("answers InvalidInput for Qianyi's own rules before calling it", async () => {
    const before = qianyi.calls.length;
    const { data } = await app.gql(CreateReturnOrderDocument, {
      input: qianyiInput({ qianyi: undefined, sender: { name: "x" }, referenceNo: "S1", outboundOrderNo: "S2", warehouseCode: "W".repeat(51) }),
    });
    const result = data!.returnOrderCreate;
    if (result.__typename !== "InvalidInput") throw new Error(result.__typename);
    expect(result.violations.map((v) => v.field.join("."))).toEqual(["input.qianyi.shop", "input.warehouseCode", "input.outboundOrderNo", "input.sender"]);
    const badLine = await app.gql(CreateReturnOrderDocument, { input: qianyiInput({ qianyi: { shop: "s", lines: [{ sku: "OTHER" }] } }) });
    expect(badLine.data?.returnOrderCreate).toMatchObject({ __typename: "InvalidInput", field: ["input", "qianyi", "lines", "0", "sku"] });
    expect(qianyi.calls.length).toBe(before);
  });

  it("answers ProviderRejected with Qianyi's code and message, and OperationNotSupported for an update", async () => {
    const { data } = await app.gql(CreateReturnOrderDocument, { input: qianyiInput({ lines: [{ sku: "NO-SUCH-SKU", quantity: 1 }] }) });
    expect(data?.returnOrderCreate).toMatchObject({
      __typename: "ProviderRejected",
      provider: "QIANYI",
      providerCode: "DATA_INPUT_ERROR",
      providerMessage: expect.stringContaining("NO-SUCH-SKU"),
    });
    const update = await app.gql(UpdateReturnOrderDocument, { id: SEED_ID, input: { remark: "x" } });
    expect(update.data?.returnOrderUpdate).toMatchObject({ __typename: "OperationNotSupported", provider: "QIANYI", code: "NOT_SUPPORTED" });
  });

  it("answers ProviderRejected for a create or close Qianyi refuses with state success and an errorCode, recording nothing", async () => {
    qianyi.refuseNextAsSuccess("CREATE_RETURN_ORDER", "ERR_002", "business error");
    const refused = await app.gql(CreateReturnOrderDocument, { input: qianyiInput() });
    expect(refused.data?.returnOrderCreate).toMatchObject({
      __typename: "ProviderRejected",
      provider: "QIANYI",
      providerCode: "ERR_002",
      providerMessage: "business error",
    });
    const { returnOrder } = await create(qianyiInput());
    qianyi.refuseNextAsSuccess("CLOSE_RETURN_ORDER", "ERR_002", "business error");
    const close = await app.gql(CancelReturnOrderDocument, { id: returnOrder.id });
    expect(close.data?.returnOrderCancel).toMatchObject({ __typename: "ProviderRejected", providerCode: "ERR_002" });
    expect(qianyi.orders.get(returnOrder.providerOrderNo)?.status).toBe("NEW");
    const after = await app.gql(ReturnOrderDocument, { id: returnOrder.id });
    expect(after.data?.returnOrder).toMatchObject({ status: "DRAFT", providerStatus: "NEW" });
  });

  it("asks for commitTime, so a submitted order shows when it was submitted", async () => {
    const { returnOrder } = await create(qianyiInput({ qianyi: { shop: "测试1", autoCommit: true } }));
    const full = await app.gql(QianyiReturnOrderDocument, { id: returnOrder.id });
    const committed = qianyi.orders.get(returnOrder.providerOrderNo)!.commitTime as number;
    expect(full.data?.returnOrder?.details).toMatchObject({ commitTime: new Date(committed).toISOString() });
    expect(qianyi.calls.filter((c) => c.serviceType === "QUERY_RETURN_ORDER_LIST").at(-1)?.bizParam).toMatchObject({ withCommitTime: true });
  });

  it("finds a refund-only or reship document by its number, which a listing leaves out", async () => {
    for (const [number, type] of [
      ["B259900000001", "RETURN"],
      ["B259900000002", "RESHIP"],
    ] as const) {
      const { data, errors } = await app.gql(QianyiReturnOrderDocument, { id: idOf(number) });
      expect(errors).toBeUndefined();
      expect(data?.returnOrder).toMatchObject({ providerOrderNo: number, details: { type } });
    }
    const refund = await app.gql(QianyiReturnOrderDocument, { id: idOf("B259900000001") });
    expect(refund.data?.returnOrder?.details).toMatchObject({ orderRefundAmount: "12.5", skus: [{ itemRefundAmount: "12.5" }] });
    const listed = await app.gql(ReturnOrdersDocument, { filter: { providers: ["QIANYI"], warehouseCode: "GWMS" }, first: 100 });
    expect(listed.data?.returnOrders.nodes.map((n) => n.providerOrderNo)).not.toContain("B259900000001");
  });

  it("carries the attempt's token (never the caller's raw key) as a remark marker, so an interrupted create can be found again", async () => {
    const key = `qy-${Date.now()}`;
    const since = new Date();
    const result = await create(qianyiInput({ remark: "备注" }), key);
    expect(result.returnOrder.remark).toBe("备注");
    const remark = qianyi.orders.get(result.returnOrder.providerOrderNo)?.remark ?? "";
    expect(remark).toMatch(/^备注 \[rs:[0-9A-F]{26}\]$/);
    expect(remark).not.toContain(key);
    const token = /\[rs:([0-9A-F]{26})\]/.exec(remark)![1]!;
    const adapter = app.registry.get("QIANYI", "default") as QianyiAdapter;
    const command = { ...qianyiInput(), account: "default", options: qianyiInput().qianyi as Record<string, unknown> } as ProviderCreateCommand;
    expect((await adapter.findAttempt(command, { token, startedAt: since })).orders.map((o) => o.providerOrderNo)).toEqual([
      result.returnOrder.providerOrderNo,
    ]);
    expect((await adapter.findAttempt(command, { token: "FFFFFFFFFFFFFFFFFFFFFFFFFF", startedAt: since })).orders).toEqual([]);
    const creates = qianyi.calls.filter((c) => c.serviceType === "CREATE_RETURN_ORDER").length;
    const again = await app.gql(CreateReturnOrderDocument, { input: qianyiInput({ remark: "备注" }), idempotencyKey: key });
    expect(again.data?.returnOrderCreate).toMatchObject({ returnOrder: { id: result.returnOrder.id } });
    expect(qianyi.calls.filter((c) => c.serviceType === "CREATE_RETURN_ORDER").length).toBe(creates);
  });

  it("reads several orders in one request with one call per distinct order (no batch form upstream)", async () => {
    const numbers = ["B250822148831", "B250912149637", ...[...qianyi.orders.keys()].slice(2, 5)];
    const representations = numbers.flatMap((n) => [
      { __typename: "ReturnOrder", id: idOf(n) },
      { __typename: "ReturnOrder", provider: "QIANYI", providerOrderNo: n },
    ]);
    const before = qianyi.calls.length;
    const { data, errors } = await app.gql(EntitiesDocument, { representations });
    expect(errors).toBeUndefined();
    expect(data!._entities.map((e) => (e && "providerOrderNo" in e ? e.providerOrderNo : null))).toEqual(numbers.flatMap((n) => [n, n]));
    const asked = qianyi.calls.slice(before).map((c) => (c.bizParam as { returnNumber?: string }).returnNumber);
    expect(asked.sort()).toEqual([...numbers].sort());
  });

  describe("the status push PUSH_RETURN_ORDER_INFO at /webhooks/qianyi", () => {
    it("moves an order by a JSON push, answers Qianyi's success envelope, and records one event for the same push twice", async () => {
      const { returnOrder } = await create(qianyiInput({ qianyi: { shop: "测试1", autoCommit: true } }));
      qianyi.setStatus(returnOrder.providerOrderNo, "FINISH");
      const push = { returnNumber: returnOrder.providerOrderNo, status: "FINISH", returnSkuList: [{ quantity: 2, sku: "DP001" }] };
      const form = qianyi.buildPush(push);
      const first = await qianyi.sendPush(form, "json");
      expect(first).toMatchObject({
        status: 200,
        body: { state: "success", errorCode: "", errorMsg: "", bizContent: expect.any(String), requestId: expect.any(String) },
      });
      const events = await count("return_order_events");
      expect(await qianyi.sendPush(form, "json")).toMatchObject({ status: 200, body: { state: "success" } });
      expect(await qianyi.sendPush(form, "form")).toMatchObject({ status: 200, body: { state: "success" } });
      // Qianyi re-sending the same content later signs a fresh timestamp: still the same push.
      const resent = qianyi.buildPush(push, { timestamp: new Date(Date.now() + 2_000) });
      expect(resent.sign).not.toBe(form.sign);
      expect(await qianyi.sendPush(resent, "json")).toMatchObject({ status: 200, body: { state: "success" } });
      expect(await count("return_order_events")).toBe(events);

      const read = await app.gql(ReturnOrderDocument, { id: returnOrder.id });
      expect(read.data?.returnOrder).toMatchObject({ status: "COMPLETED", providerStatus: "FINISH" });
      expect(read.data?.returnOrder?.events.map((e) => [e.providerStatus, e.source])).toEqual([
        ["WAIT_STORAGE", "MUTATION"],
        ["FINISH", "PROVIDER_PUSH"],
      ]);
      expect(read.data?.returnOrder?.events[1]?.at).toBe(new Date(Number(form.timestamp)).toISOString());
    });

    it("accepts the form-data shape too", async () => {
      const { returnOrder } = await create(qianyiInput());
      const answer = await qianyi.pushStatus(returnOrder.providerOrderNo, "WAIT_STORAGE", "form");
      expect(answer).toMatchObject({ status: 200, body: { state: "success" } });
      const read = await app.gql(ReturnOrderDocument, { id: returnOrder.id });
      expect(read.data?.returnOrder?.events.map((e) => [e.providerStatus, e.source])).toEqual([
        ["NEW", "MUTATION"],
        ["WAIT_STORAGE", "PROVIDER_PUSH"],
      ]);
    });

    it("stores a push for an order this subgraph has never seen", async () => {
      const form = qianyi.buildPush({
        returnNumber: "B250801537077",
        status: "WAIT_STORAGE",
        orderNumber: "THTZD000859",
        onlineOrderNumber: "THTZD000859",
        returnSkuList: [{ orderSkuId: 45, quantity: 1, sku: "JCDF692024YH002" }],
      });
      expect(await qianyi.sendPush(form, "json")).toMatchObject({ status: 200 });
      const key = { provider: "QIANYI" as const, account: "default", providerOrderNo: "B250801537077" };
      const indexed = await app.store.orders.lookup([key]);
      expect([...indexed.values()]).toEqual([expect.objectContaining({ referenceNo: "THTZD000859", status: "OPEN", providerStatus: "WAIT_STORAGE" })]);
      const events = await app.store.events.eventsOf([key]);
      expect([...events.values()][0]).toEqual([
        expect.objectContaining({
          at: new Date(Number(form.timestamp)),
          status: "OPEN",
          providerStatus: "WAIT_STORAGE",
          source: "PROVIDER_PUSH",
          previousStatus: null,
        }),
      ]);
    });

    it("applies a push whose lines have unexpected shapes, keeping what can be read, instead of failing it", async () => {
      const returnSkuList = [{ sku: { nested: true }, quantity: "x", locAndQuantityList: { first: { receiveQuantity: 1 } }, remark: {} }, "not an object"];
      const form = qianyi.buildPush({ returnNumber: "B250801537078", status: "WAIT_STORAGE", returnSkuList } as never);
      expect(await qianyi.sendPush(form, "json")).toMatchObject({ status: 200 });
      const key = { provider: "QIANYI" as const, account: "default", providerOrderNo: "B250801537078" };
      const [order] = [...(await app.store.orders.lookup([key])).values()];
      expect(order).toMatchObject({ status: "OPEN", providerStatus: "WAIT_STORAGE" });
    });

    it("refuses forged, stale, malformed and oversized pushes with 4xx in Qianyi's envelope, changing nothing", async () => {
      const before = [await count("return_order_events"), await count("return_orders"), await count("webhook_receipts")];
      const info = { returnNumber: "B250912149637", status: "FINISH" };
      const good = qianyi.buildPush(info);
      const cases: [string, string, number, string][] = [
        ["forged (wrong secret)", JSON.stringify(qianyi.buildPush(info, { appSecret: "not-the-secret" })), 401, "AUTH_001"],
        ["tampered bizParam", JSON.stringify({ ...good, bizParam: good.bizParam.replace("FINISH", "CLOSED") }), 401, "AUTH_001"],
        ["unknown appId", JSON.stringify({ ...good, appId: "SOMEONE-ELSE" }), 401, "AUTH_001"],
        ["stale (6 minutes old)", JSON.stringify(qianyi.buildPush(info, { timestamp: new Date(Date.now() - 6 * 60_000) })), 401, "AUTH_002"],
        ["from the future", JSON.stringify(qianyi.buildPush(info, { timestamp: new Date(Date.now() + 6 * 60_000) })), 401, "AUTH_002"],
        ["not JSON", "{not json", 400, "DATA_INPUT_ERROR"],
        ["missing sign", JSON.stringify({ ...good, sign: undefined }), 400, "DATA_INPUT_ERROR"],
        ["signed but no returnNumber", JSON.stringify(qianyi.buildPush({ returnNumber: "", status: "FINISH" })), 400, "DATA_INPUT_ERROR"],
      ];
      for (const [name, body, status, code] of cases) {
        const response = await postPush(body, "application/json");
        expect(response.status, name).toBe(status);
        expect(await response.json(), name).toMatchObject({ state: "failure", errorCode: code, errorMsg: expect.any(String) });
      }
      const oversized = await postPush(`{"x":"${"a".repeat(600 * 1024)}"}`, "application/json");
      expect(oversized.status).toBe(413);
      expect(await oversized.json()).toMatchObject({ state: "failure", errorCode: "DATA_INPUT_ERROR" });
      expect([await count("return_order_events"), await count("return_orders"), await count("webhook_receipts")]).toEqual(before);
    });
  });
});

describe("Qianyi unreachable", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { QIANYI_BASE_URL: "http://127.0.0.1:9", QIANYI_APP_ID: "app", QIANYI_APP_SECRET: "secret" } });
  });
  afterAll(async () => {
    await app.close();
  });

  it("answers ProviderUnavailable for a create and providerErrors for the list, still serving the other providers", async () => {
    const { data } = await app.gql(CreateReturnOrderDocument, { input: qianyiInput() });
    expect(data?.returnOrderCreate).toMatchObject({ __typename: "ProviderUnavailable", provider: "QIANYI", retryable: true });
    const list = await app.gql(ReturnOrdersDocument, { first: 5 });
    expect(list.errors).toBeUndefined();
    expect(list.data?.returnOrders.providerErrors).toEqual([expect.objectContaining({ provider: "QIANYI", account: "default", code: "PROVIDER_UNAVAILABLE" })]);
    expect(list.data?.returnOrders.nodes.length).toBe(5);
  });
});
