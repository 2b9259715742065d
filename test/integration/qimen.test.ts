import type { ProviderCreateCommand } from "../../src/returns/model.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { QimenAdapter } from "../../src/providers/qimen/adapter.js";
import { buildQimenCall, QIMEN_METHODS } from "../../src/providers/qimen/client.js";
import { signQimen } from "../../src/providers/qimen/signing.js";
import { encodeOrderId } from "../../src/returns/ids.js";
import {
  CancelReturnOrderDocument,
  CreateReturnOrderDocument,
  QimenOrderDocument,
  ReturnOrderDocument,
  ReturnOrdersDocument,
  ReturnProvidersDocument,
  UpdateReturnOrderDocument,
  type ReturnOrderCreateInput,
  type ReturnOrdersQuery,
} from "../generated/graphql.js";
import { startTestApp, type TestApp } from "../helpers/app.js";

let counter = 0;
const qimenInput = (overrides: Partial<ReturnOrderCreateInput> = {}): ReturnOrderCreateInput => ({
  provider: "QIMEN",
  warehouseCode: "W1234",
  referenceNo: `REF-Q-${++counter}-${Math.random().toString(36).slice(2, 8)}`,
  outboundOrderNo: `PD-${counter}`,
  carrier: "顺丰",
  trackingNumber: `YD${1000 + counter}`,
  reason: "破损退货",
  sender: { name: "老王", mobile: "13214567869", province: "浙江省", city: "杭州", district: "余杭", address1: "杭州市余杭区989号 <A&B>" },
  lines: [
    { sku: "I1234", quantity: 3, remark: "box dented" },
    { sku: "I5678", quantity: 2 },
  ],
  qimen: {
    ownerCode: "HZ1234",
    logisticsCode: "SF",
    orderFlags: ["VISIT", "SELLER_AFFORD"],
    sourcePlatformCode: "TB",
    lines: [{ sku: "I5678", inventoryType: "CC", batchCode: "P123", serialNumbers: ["SN1", "SN2"] }],
  },
  ...overrides,
});

describe("Qimen end to end through GraphQL and the confirm webhook", () => {
  let app: TestApp;
  // Starting the whole app (store, migrations, emulators) can take a while on a loaded machine.
  beforeAll(async () => {
    app = await startTestApp();
  }, 60_000);
  afterAll(async () => {
    await app?.close();
  });

  const create = async (input = qimenInput(), idempotencyKey?: string) => {
    const { data, errors } = await app.gql(CreateReturnOrderDocument, { input, idempotencyKey });
    expect(errors).toBeUndefined();
    const result = data!.returnOrderCreate;
    if (result.__typename !== "ReturnOrderCreated") throw new Error(`expected ReturnOrderCreated, got ${JSON.stringify(result)}`);
    return result;
  };
  const read = async (id: string) => (await app.gql(QimenOrderDocument, { id })).data!.returnOrder!;

  it("lists Qimen with create, cancel and pushes, but no update", async () => {
    const { data } = await app.gql(ReturnProvidersDocument);
    expect(data?.returnProviders.find((p) => p.provider === "QIMEN")).toEqual({
      provider: "QIMEN",
      accounts: ["default"],
      canCreate: true,
      canUpdate: false,
      canCancel: true,
      receivesPushes: true,
    });
  });

  it("creates a return, finds it by id and in returnOrders, receives it in two confirms that add up", async () => {
    const input = qimenInput();
    const created = await create(input);
    expect(created.receipt).toMatchObject({
      __typename: "QimenReceipt",
      returnOrderCode: created.returnOrder.providerOrderNo,
      returnOrderId: expect.stringMatching(/^RID/),
    });
    expect(created.returnOrder).toMatchObject({
      provider: "QIMEN",
      status: "OPEN",
      providerStatus: "NEW",
      referenceNo: input.referenceNo,
      totalQuantity: 5,
      receivedQuantity: null,
    });
    const { id, providerOrderNo: code } = created.returnOrder;

    // What went over the wire: seed 004's shape, escaped XML, flags joined with ^.
    const sent = app.qimen.orders.get(code)!.document;
    expect(sent.returnOrder).toMatchObject({
      warehouseCode: "W1234",
      orderType: "THRK",
      orderFlag: "VISIT^SELLER_AFFORD",
      preDeliveryOrderCode: input.outboundOrderNo,
      logisticsCode: "SF",
    });
    expect(sent.returnOrder.senderInfo?.detailAddress).toBe("杭州市余杭区989号 <A&B>");
    expect(sent.orderLines.orderLine[1]).toMatchObject({
      itemCode: "I5678",
      ownerCode: "HZ1234",
      planQty: "2",
      inventoryType: "CC",
      batchCode: "P123",
      snList: { sn: ["SN1", "SN2"] },
    });

    const byId = await read(id);
    expect(byId).toMatchObject({ providerOrderNo: code, status: "OPEN", capabilities: { canUpdate: false, canCancel: true } });
    expect(byId.details).toMatchObject({
      __typename: "QimenReturnDetails",
      orderFlags: ["VISIT", "SELLER_AFFORD"],
      ownerCode: "HZ1234",
      sourcePlatformCode: "TB",
      confirmations: [],
    });

    const listed = await app.gql(ReturnOrdersDocument, { filter: { providers: ["QIMEN"], search: input.referenceNo }, first: 10 });
    expect(listed.data?.returnOrders.nodes.map((n) => n.id)).toEqual([id]);

    const first = await app.qimen.confirm(code, { lines: [{ itemCode: "I1234", actualQty: 2 }] });
    expect(first.status).toBe(200);
    expect(first.body).toContain("<flag>success</flag>");
    const partial = await read(id);
    expect(partial).toMatchObject({ status: "RECEIVED", providerStatus: "PARTFULFILLED", receivedQuantity: 2, capabilities: { canCancel: false } });

    // The warehouse repeats the first confirm: nothing changes.
    const repeated = await app.qimen.confirm(code, { lines: [{ itemCode: "I1234", actualQty: 2 }], outBizCode: first.outBizCode });
    expect(repeated.body).toContain("<flag>success</flag>");
    expect((await read(id)).receivedQuantity).toBe(2);

    const second = await app.qimen.confirm(code, {
      lines: [
        { itemCode: "I1234", actualQty: 1 },
        { itemCode: "I5678", actualQty: 2, inventoryType: "CC" },
      ],
    });
    expect(second.body).toContain("<flag>success</flag>");
    const done = await read(id);
    expect(done).toMatchObject({ status: "COMPLETED", providerStatus: "FULFILLED", receivedQuantity: 5, completedAt: expect.any(String) });
    expect(done.lines).toEqual([
      { sku: "I1234", quantity: 3, receivedQuantity: 3, goodQuantity: 3, defectiveQuantity: 0, remark: "box dented" },
      { sku: "I5678", quantity: 2, receivedQuantity: 2, goodQuantity: 0, defectiveQuantity: 2, remark: null },
    ]);
    if (done.details.__typename !== "QimenReturnDetails") throw new Error("details");
    expect(done.details.confirmations.map((c) => [c.outBizCode, c.quantity])).toEqual([
      [first.outBizCode, 2],
      [second.outBizCode, 3],
    ]);
    expect(done.events.map((e) => [e.source, e.providerStatus])).toEqual([
      ["MUTATION", "NEW"],
      ["PROVIDER_PUSH", "PARTFULFILLED"],
      ["PROVIDER_PUSH", "FULFILLED"],
    ]);

    const cancel = await app.gql(CancelReturnOrderDocument, { id });
    expect(cancel.data?.returnOrderCancel).toMatchObject({ __typename: "InvalidState", providerStatus: "FULFILLED" });
  });

  it("grades each confirm of one line: 5 ZP, then 7 CC of the same orderLineNo are 5 good and 7 defective", async () => {
    const input = qimenInput({
      lines: [{ sku: "I1234", quantity: 12 }],
      qimen: { ownerCode: "HZ1234", logisticsCode: "SF", orderFlags: ["SELLER_AFFORD"], lines: [{ sku: "I1234", orderLineNo: "D1" }] },
    });
    const { returnOrder } = await create(input);
    await app.qimen.confirm(returnOrder.providerOrderNo, { lines: [{ itemCode: "I1234", orderLineNo: "D1", inventoryType: "ZP", actualQty: 5 }] });
    await app.qimen.confirm(returnOrder.providerOrderNo, { lines: [{ itemCode: "I1234", orderLineNo: "D1", inventoryType: "CC", actualQty: 7 }] });
    const order = await read(returnOrder.id);
    expect(order.lines).toEqual([{ sku: "I1234", quantity: 12, receivedQuantity: 12, goodQuantity: 5, defectiveQuantity: 7, remark: null }]);
    expect(order).toMatchObject({ status: "COMPLETED", providerStatus: "FULFILLED" });
  });

  it("grades a confirmed line by its batches (batchs), and the last confirm (confirmType 0) completes a short order", async () => {
    const { returnOrder } = await create();
    const reply = await app.qimen.confirm(returnOrder.providerOrderNo, {
      lines: [
        {
          itemCode: "I1234",
          batches: [
            { inventoryType: "ZP", actualQty: 1 },
            { inventoryType: "JS", actualQty: 1, batchCode: "B7" },
          ],
        },
      ],
      confirmType: "0",
    });
    expect(reply.body).toContain("<flag>success</flag>");
    const order = await read(returnOrder.id);
    expect(order.lines[0]).toMatchObject({ sku: "I1234", quantity: 3, receivedQuantity: 2, goodQuantity: 1, defectiveQuantity: 1 });
    expect(order).toMatchObject({ status: "COMPLETED", providerStatus: "FULFILLED", receivedQuantity: 2 });
    if (order.details.__typename !== "QimenReturnDetails") throw new Error("details");
    expect(order.details.confirmations[0]?.lines).toEqual([
      { orderLineNo: null, itemCode: "I1234", inventoryType: "ZP", actualQty: 1, batchCode: null },
      { orderLineNo: null, itemCode: "I1234", inventoryType: "JS", actualQty: 1, batchCode: "B7" },
    ]);
  });

  it("keeps an unknown status a confirm sends visible, and an order whose cancel failed live and cancellable", async () => {
    const unknown = await create();
    await app.qimen.confirm(unknown.returnOrder.providerOrderNo, { lines: [{ itemCode: "I1234", actualQty: 1 }], status: "ONHOLD" });
    expect(await read(unknown.returnOrder.id)).toMatchObject({
      status: "UNKNOWN",
      providerStatus: "ONHOLD",
      receivedQuantity: 1,
      capabilities: { canCancel: false },
    });

    const failed = await create();
    await app.qimen.confirm(failed.returnOrder.providerOrderNo, { lines: [{ itemCode: "I1234", actualQty: 0 }], status: "CANCELEDFAIL" });
    expect(await read(failed.returnOrder.id)).toMatchObject({ status: "OPEN", providerStatus: "CANCELEDFAIL", capabilities: { canCancel: true } });
    const retried = await app.gql(CancelReturnOrderDocument, { id: failed.returnOrder.id, reason: "try again" });
    expect(retried.data?.returnOrderCancel).toMatchObject({
      __typename: "ReturnOrderCancelled",
      returnOrder: { status: "CANCELLED", providerStatus: "CANCELED" },
    });
  });

  it("requires a return reason for every line, takes a two-letter country only, and keeps the house number in detailAddress", async () => {
    const before = app.qimen.calls.length;
    const refused = (await app.gql(CreateReturnOrderDocument, { input: qimenInput({ reason: null, sender: { ...qimenInput().sender, country: "051532" } }) }))
      .data!.returnOrderCreate;
    if (refused.__typename !== "InvalidInput") throw new Error(refused.__typename);
    expect(refused.violations.map((v) => v.field.join("."))).toEqual(["input.sender.country", "input.reason", "input.qimen.lines.0.returnReason"]);
    expect(app.qimen.calls.length).toBe(before);

    const perLine = qimenInput({
      reason: null,
      sender: { ...qimenInput().sender, houseNo: "7号楼", country: "CN" },
      qimen: {
        ownerCode: "HZ1234",
        logisticsCode: "SF",
        orderFlags: ["SELLER_AFFORD"],
        lines: [
          { sku: "I1234", returnReason: "破损" },
          { sku: "I5678", returnReason: "错发" },
        ],
      },
    });
    const { returnOrder } = await create(perLine);
    const sent = app.qimen.orders.get(returnOrder.providerOrderNo)!.document;
    expect(sent.returnOrder.senderInfo).toMatchObject({ countryCode: "CN", detailAddress: "7号楼 杭州市余杭区989号 <A&B>" });
    expect(sent.orderLines.orderLine.map((l) => l["returnReason"])).toEqual(["破损", "错发"]);
  });

  it("recovers a retried create the warehouse already holds: it refuses the code, the order is found under it", async () => {
    const adapter = app.registry.get("QIMEN", "default") as QimenAdapter;
    const input = qimenInput();
    const command = { ...input, account: "default", options: input.qimen as Record<string, unknown> } as ProviderCreateCommand;
    const attempt = { token: "ABCDEF0123456789ABCDEF0123", startedAt: new Date() };
    const first = await adapter.create(command, attempt);
    const again = await adapter.create(command, attempt);
    expect(again.receipt).toEqual(first.receipt);
    expect(app.qimen.calls.filter((c) => c.method === QIMEN_METHODS.create && JSON.stringify(c.request).includes(attempt.token))).toHaveLength(2);
  });

  it("adds up confirms that arrive at the same time (the order is locked while one applies)", async () => {
    const { returnOrder } = await create();
    const replies = await Promise.all([
      app.qimen.confirm(returnOrder.providerOrderNo, { lines: [{ itemCode: "I1234", actualQty: 1 }] }),
      app.qimen.confirm(returnOrder.providerOrderNo, { lines: [{ itemCode: "I1234", actualQty: 2 }] }),
      app.qimen.confirm(returnOrder.providerOrderNo, { lines: [{ itemCode: "I5678", actualQty: 1, inventoryType: "CC" }] }),
    ]);
    for (const reply of replies) expect(reply.body).toContain("<flag>success</flag>");
    const order = await read(returnOrder.id);
    expect(order).toMatchObject({ receivedQuantity: 4, providerStatus: "PARTFULFILLED" });
    if (order.details.__typename !== "QimenReturnDetails") throw new Error("details");
    expect(order.details.confirmations).toHaveLength(3);
  });

  it("cancels an order not yet received, through taobao.qimen.order.cancel with orderType THRK", async () => {
    const { returnOrder } = await create();
    const cancelled = await app.gql(CancelReturnOrderDocument, { id: returnOrder.id, reason: "buyer kept it" });
    expect(cancelled.data?.returnOrderCancel).toMatchObject({
      __typename: "ReturnOrderCancelled",
      returnOrder: { id: returnOrder.id, status: "CANCELLED", providerStatus: "CANCELED", capabilities: { canCancel: false } },
    });
    const call = app.qimen.calls.filter((c) => c.method === QIMEN_METHODS.cancel).at(-1)!;
    expect(call.request).toMatchObject({
      orderCode: returnOrder.providerOrderNo,
      orderType: "THRK",
      ownerCode: "HZ1234",
      warehouseCode: "W1234",
      cancelReason: "buyer kept it",
    });
    expect(app.qimen.orders.get(returnOrder.providerOrderNo)!.status).toBe("CANCELED");
    const after = await read(returnOrder.id);
    expect(after).toMatchObject({ status: "CANCELLED", providerStatus: "CANCELED" });
    expect(after.events.map((e) => e.providerStatus)).toEqual(["NEW", "CANCELED"]);
    const listed = await app.gql(ReturnOrdersDocument, {
      filter: { providers: ["QIMEN"], statuses: ["CANCELLED"], search: returnOrder.providerOrderNo },
      first: 5,
    });
    expect(listed.data?.returnOrders.nodes.map((n) => n.id)).toEqual([returnOrder.id]);
  });

  it("pages the store-backed list newest first with filters", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await create(qimenInput({ warehouseCode: "PAGING-WH" }))).returnOrder.id);
    const seen: string[] = [];
    let after: string | null | undefined = undefined;
    for (let page = 0; page < 5; page++) {
      const { data }: { data?: ReturnOrdersQuery } = await app.gql(ReturnOrdersDocument, {
        filter: { providers: ["QIMEN"], warehouseCode: "PAGING-WH" },
        first: 2,
        after,
      });
      seen.push(...data!.returnOrders.nodes.map((n) => n.id));
      if (!data!.returnOrders.pageInfo.hasNextPage) break;
      after = data!.returnOrders.pageInfo.endCursor;
    }
    expect(seen).toEqual([...ids].reverse());
  });

  it("creates once under an idempotency key: the same returnOrderCode and outBizCode, replayed", async () => {
    const key = `qimen-key-${Date.now()}`;
    const input = qimenInput();
    const first = await create(input, key);
    const again = await create(input, key);
    expect(again).toEqual(first);
    const code = first.returnOrder.providerOrderNo;
    const creates = app.qimen.calls.filter((c) => c.method === QIMEN_METHODS.create && JSON.stringify(c.request).includes(code));
    expect(creates).toHaveLength(1);
    // The outBizCode is the attempt's token, never the caller's raw key (not unique across callers).
    expect(app.qimen.orders.get(code)!.outBizCode).toBe(code.slice(2));
    expect(JSON.stringify(creates)).not.toContain(key);
  });

  it("answers InvalidInput for Qimen's required fields before calling it", async () => {
    const before = app.qimen.calls.length;
    const { data } = await app.gql(CreateReturnOrderDocument, { input: qimenInput({ outboundOrderNo: null, sender: { name: "x" }, qimen: null }) });
    const result = data!.returnOrderCreate;
    if (result.__typename !== "InvalidInput") throw new Error(result.__typename);
    expect(result.violations.map((v) => v.field.join("."))).toEqual([
      "input.qimen",
      "input.outboundOrderNo",
      "input.sender.mobile",
      "input.sender.province",
      "input.sender.city",
      "input.sender.address1",
    ]);
    expect(app.qimen.calls.length).toBe(before);
  });

  it("answers ProviderRejected with Qimen's code and message", async () => {
    const { data } = await app.gql(CreateReturnOrderDocument, {
      input: qimenInput({ warehouseCode: "W", qimen: { ownerCode: "", logisticsCode: "SF", orderFlags: ["VISIT"] } }),
    });
    expect(data?.returnOrderCreate).toMatchObject({
      __typename: "ProviderRejected",
      provider: "QIMEN",
      providerCode: "isv.invalid-parameter",
      providerMessage: expect.stringContaining("ownerCode"),
    });
  });

  it("answers OperationNotSupported for an update", async () => {
    const { returnOrder } = await create();
    const update = await app.gql(UpdateReturnOrderDocument, { id: returnOrder.id, input: { remark: "x" } });
    expect(update.data?.returnOrderUpdate).toMatchObject({ __typename: "OperationNotSupported", provider: "QIMEN", code: "NOT_SUPPORTED" });
    expect(returnOrder.capabilities.reasons[0]).toBe("Qimen's API cannot change a return order after it is created.");
  });

  it("answers NotFound for a Qimen order the subgraph never created", async () => {
    const id = encodeOrderId({ provider: "QIMEN", account: "default", providerOrderNo: "R1234" });
    expect((await app.gql(ReturnOrderDocument, { id })).data?.returnOrder).toBeNull();
    expect((await app.gql(CancelReturnOrderDocument, { id })).data?.returnOrderCancel).toMatchObject({ __typename: "NotFound" });
  });

  it("reads an order back from the warehouse (returnorder.query): to recover an interrupted create, and on refresh", async () => {
    const adapter = app.registry.get("QIMEN", "default") as QimenAdapter;
    const since = new Date();
    // Seed 004's example order stands, under an attempt's code, for an order only the warehouse
    // holds (the interrupted create never recorded it): found there, not invented here.
    const token = "0123456789ABCDEF0123456789";
    const qimenCommand = { ...qimenInput(), account: "default", options: qimenInput().qimen as Record<string, unknown> } as ProviderCreateCommand;
    const seed = app.qimen.orders.get("R1234")!;
    app.qimen.orders.set(`QR${token}`, {
      ...seed,
      document: { ...seed.document, returnOrder: { ...seed.document.returnOrder, returnOrderCode: `QR${token}` } },
    });
    const search = await adapter.findAttempt(qimenCommand, { token, startedAt: since });
    expect(search.byToken).toBe(true);
    // The return query documents no status: an order found there is one the warehouse holds, NEW to us.
    expect(search.orders[0]).toMatchObject({
      providerOrderNo: `QR${token}`,
      providerStatus: "NEW",
      status: "OPEN",
      warehouseCode: "W1234",
      totalQuantity: 12,
      createdAt: since,
    });
    expect(search.orders[0]?.details).toMatchObject({ returnOrderId: "RID1234", orderFlags: ["VISIT"], ownerCode: "HZ1234" });
    expect(await adapter.findAttempt(qimenCommand, { token: "FFFFFFFFFFFFFFFFFFFFFFFFFF", startedAt: since })).toEqual({ orders: [], byToken: true });

    const { returnOrder } = await create();
    const order = (await adapter.getMany([{ providerOrderNo: returnOrder.providerOrderNo, createdAt: null }]))[0]!;
    const held = app.qimen.orders.get(returnOrder.providerOrderNo)!;
    held.status = "EXCEPTION";
    held.document.orderLines.orderLine[0]!.actualQty = "1";
    const refreshed = await adapter.refresh(order);
    // What the query documents is read back (lines, counts); the status it does not carry is kept.
    expect(refreshed).toMatchObject({ status: "OPEN", providerStatus: "NEW", receivedQuantity: 1, referenceNo: order.referenceNo, createdAt: order.createdAt });
    const asked = app.qimen.calls.filter((c) => c.method === QIMEN_METHODS.query).at(-1)!;
    expect(asked.request).toMatchObject({
      returnOrderCode: returnOrder.providerOrderNo,
      returnOrderId: held.returnOrderId,
      warehouseCode: "W1234",
      ownerCode: "HZ1234",
      page: "1",
      pageSize: "100",
    });
    expect(await read(returnOrder.id)).toMatchObject({ receivedQuantity: 1 });
  });

  describe("the webhook refuses and changes nothing", () => {
    let code: string;
    let id: string;
    const settings = () => ({ keys: app.qimen.credentials });
    const post = (params: Record<string, string>, body: string) =>
      fetch(`${app.url}/webhooks/qimen?${new URLSearchParams(params).toString()}`, { method: "POST", headers: { "content-type": "text/xml" }, body });
    const confirmBody = (outBizCode: string) => ({
      returnOrder: { returnOrderCode: code, outBizCode },
      orderLines: { orderLine: [{ itemCode: "I1234", actualQty: 3 }] },
    });
    const unchanged = async () => {
      const order = await read(id);
      expect(order).toMatchObject({ providerStatus: "NEW", receivedQuantity: null });
      expect(order.events.map((e) => e.source)).toEqual(["MUTATION"]);
    };

    beforeAll(async () => {
      const created = await create();
      code = created.returnOrder.providerOrderNo;
      id = created.returnOrder.id;
    });

    it("a forged signature", async () => {
      const { keys } = settings();
      const call = buildQimenCall({ ...keys, appSecret: "not-the-secret" }, QIMEN_METHODS.confirm, confirmBody("FORGED-1"), new Date());
      const response = await post(call.params, call.body);
      expect(response.status).toBe(401);
      const text = await response.text();
      expect(text).toContain("<flag>failure</flag>");
      expect(text).toContain("<code>sign-check-failure</code>");
      await unchanged();
    });

    it("a body changed after signing", async () => {
      const call = buildQimenCall(settings().keys, QIMEN_METHODS.confirm, confirmBody("TAMPER-1"), new Date());
      const response = await post(call.params, call.body.replace("<actualQty>3</actualQty>", "<actualQty>30</actualQty>"));
      expect(await response.text()).toContain("sign-check-failure");
      await unchanged();
    });

    it("malformed XML, an entity declaration, and a confirm without lines, even when signed", async () => {
      const { keys } = settings();
      const params = (body: string) => {
        const call = buildQimenCall(keys, QIMEN_METHODS.confirm, {}, new Date());
        const { sign: _drop, ...unsigned } = call.params;
        return { ...unsigned, sign: signQimen(unsigned, body, keys.appSecret) };
      };
      for (const body of [
        "<request><returnOrder>",
        `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><request><returnOrder><returnOrderCode>${code}</returnOrderCode><outBizCode>&x;</outBizCode></returnOrder></request>`,
        `<request><returnOrder><returnOrderCode>${code}</returnOrderCode><outBizCode>NOLINES</outBizCode></returnOrder></request>`,
        `<request><returnOrder><returnOrderCode>${code}</returnOrderCode><outBizCode>NEG</outBizCode></returnOrder><orderLines><orderLine><itemCode>I1234</itemCode><actualQty>-3</actualQty></orderLine></orderLines></request>`,
      ]) {
        const response = await post(params(body), body);
        expect(response.status).toBe(400);
        expect(await response.text()).toContain("<flag>failure</flag>");
      }
      await unchanged();
    });

    it("a signed document nested 50,000 levels deep", async () => {
      const { keys } = settings();
      const body = `<request><returnOrder><returnOrderCode>${code}</returnOrderCode><outBizCode>DEEP-1</outBizCode></returnOrder>${"<a>".repeat(50_000)}${"</a>".repeat(50_000)}</request>`;
      const { sign: _drop, ...unsigned } = buildQimenCall(keys, QIMEN_METHODS.confirm, {}, new Date()).params;
      const response = await post({ ...unsigned, sign: signQimen(unsigned, body, keys.appSecret) }, body);
      expect(response.status).toBe(400);
      const text = await response.text();
      expect(text).toContain("<flag>failure</flag>");
      expect(text).toContain("<code>isv.invalid-parameter</code>");
      await unchanged();
    });

    it("an oversized body", async () => {
      const call = buildQimenCall(settings().keys, QIMEN_METHODS.confirm, confirmBody("BIG-1"), new Date());
      const response = await post(call.params, call.body + " ".repeat(600 * 1024));
      expect(response.status).toBe(413);
      expect(await response.text()).toContain("<flag>failure</flag>");
      await unchanged();
    });

    it("a stale timestamp", async () => {
      const call = buildQimenCall(settings().keys, QIMEN_METHODS.confirm, confirmBody("OLD-1"), new Date(Date.now() - 3600_000));
      const response = await post(call.params, call.body);
      expect(await response.text()).toContain("isv.invalid-timestamp");
      await unchanged();
    });

    it("a confirm for an order the subgraph did not create (refused, not invented)", async () => {
      const response = await app.qimen.confirm("R1234");
      expect(response.status).toBe(200);
      expect(response.body).toContain("<code>ORDER_NOT_FOUND</code>");
      const id = encodeOrderId({ provider: "QIMEN", account: "default", providerOrderNo: "R1234" });
      expect((await app.gql(ReturnOrderDocument, { id })).data?.returnOrder).toBeNull();
      await unchanged();
    });
  });
});
