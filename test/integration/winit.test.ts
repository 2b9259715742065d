import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROVIDER_MODULES } from "../../src/providers/registry.js";
import { encodeOrderId } from "../../src/returns/ids.js";
import {
  CancelReturnOrderDocument,
  CreateReturnOrderDocument,
  ReturnOrderDocument,
  ReturnOrdersDocument,
  ReturnProvidersDocument,
  UpdateReturnOrderDocument,
  type ReturnOrderCreateInput,
} from "../generated/graphql.js";
import { startTestApp, type TestApp } from "../helpers/app.js";

const SEED_ID = encodeOrderId({ provider: "WINIT", account: "default", providerOrderNo: "RT16000000005910CN" });

/** A return of goods WINIT did not ship goes by its return label: a channel and the parcel's measures (seed 002). */
const LABEL = { winitProductCode: "OSF521006534", packageLength: 11.22, packageWidth: 11.12, packageHeight: 11.12, packageWeight: 0.61 };

const winitInput = (overrides: Partial<ReturnOrderCreateInput> = {}): ReturnOrderCreateInput => ({
  provider: "WINIT",
  warehouseCode: "US0001",
  referenceNo: `REF-${Math.random().toString(36).slice(2, 10)}`,
  sender: { name: "shane bellingham", country: "United States", city: "Radeburg", postcode: "01471", address1: "Unti", email: "a@example.com" },
  lines: [{ sku: "SKU-001", quantity: 2 }],
  winit: { handleMethod: "SA", ...LABEL },
  ...overrides,
});

describe("WINIT end to end through GraphQL", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  it("lists WINIT among the providers built so far, and only those: nothing faked", async () => {
    const { data } = await app.gql(ReturnProvidersDocument);
    expect(data?.returnProviders.map((p) => p.provider)).toEqual(PROVIDER_MODULES.map((m) => m.provider));
    expect(data?.returnProviders.find((p) => p.provider === "WINIT")).toEqual({
      provider: "WINIT",
      accounts: ["default"],
      canCreate: true,
      canUpdate: false,
      canCancel: true,
      receivesPushes: false,
    });
  });

  it("serves the seed's example order by id with every field", async () => {
    const { data, errors } = await app.gql(ReturnOrderDocument, { id: SEED_ID });
    expect(errors).toBeUndefined();
    const order = data!.returnOrder!;
    expect(order).toMatchObject({
      id: SEED_ID,
      provider: "WINIT",
      providerOrderNo: "RT16000000005910CN",
      status: "COMPLETED",
      providerStatus: "OC",
      createdAt: "2023-12-08T04:00:58.000Z",
      capabilities: { canUpdate: false, canCancel: false },
      details: { __typename: "WinitReturnDetails", rmaNo: "9443591", sellerOrderNo: "1428543289948930650" },
    });
    expect(order.capabilities.reasons.length).toBe(2);
    // the first sighting is recorded as an observed event
    expect(order.events).toEqual([{ at: "2023-12-08T08:10:11.000Z", status: "COMPLETED", providerStatus: "OC", source: "OBSERVED" }]);
  });

  it("finds the seed order in returnOrders with a window that covers it, and by search", async () => {
    const byWindow = await app.gql(ReturnOrdersDocument, { filter: { createdFrom: "2023-12-01T00:00:00Z", createdTo: "2023-12-31T00:00:00Z" }, first: 10 });
    expect(byWindow.data?.returnOrders.nodes.map((n) => n.providerOrderNo)).toEqual(["RT16000000005910CN"]);
    const bySearch = await app.gql(ReturnOrdersDocument, { filter: { search: "WO0000084535" }, first: 10 });
    expect(bySearch.data?.returnOrders.nodes.map((n) => n.id)).toEqual([SEED_ID]);
  });

  it("lists newest first with the default window", async () => {
    const { data } = await app.gql(ReturnOrdersDocument, { first: 20 });
    const dates = data!.returnOrders.nodes.map((n) => n.createdAt!);
    expect(dates.length).toBe(20);
    expect([...dates].sort().reverse()).toEqual(dates);
    expect(data!.returnOrders.pageInfo.hasNextPage).toBe(true);
    expect(data!.returnOrders.edges.map((e) => e.node.id)).toEqual(data!.returnOrders.nodes.map((n) => n.id));
  });

  it("creates, reads back and cancels a return", async () => {
    const input = winitInput();
    const created = await app.gql(CreateReturnOrderDocument, { input });
    const result = created.data!.returnOrderCreate;
    if (result.__typename !== "ReturnOrderCreated") throw new Error(`expected ReturnOrderCreated, got ${JSON.stringify(result)}`);
    expect(result.receipt).toMatchObject({ __typename: "WinitReceipt", rmaNo: expect.any(String), returnAddress: expect.stringContaining("US0001") });
    expect(result.returnOrder).toMatchObject({ provider: "WINIT", referenceNo: input.referenceNo, status: "OPEN", providerStatus: "OD", totalQuantity: 2 });
    expect(result.returnOrder.capabilities).toMatchObject({ canUpdate: false, canCancel: true });
    const id = result.returnOrder.id;

    const read = await app.gql(ReturnOrderDocument, { id });
    expect(read.data?.returnOrder).toMatchObject({ id, warehouseCode: "US0001", lines: [{ sku: "SKU-001", quantity: 2 }] });
    expect(read.data?.returnOrder?.events.map((e) => e.source)).toEqual(["MUTATION"]);

    const cancelled = await app.gql(CancelReturnOrderDocument, { id, reason: "buyer kept it" });
    expect(cancelled.data?.returnOrderCancel).toMatchObject({
      __typename: "ReturnOrderCancelled",
      returnOrder: { id, status: "CANCELLED", providerStatus: "VO", capabilities: { canCancel: false } },
    });
    const after = await app.gql(ReturnOrderDocument, { id });
    expect(after.data?.returnOrder?.events.map((e) => e.providerStatus)).toEqual(["OD", "VO"]);
  });

  it("answers InvalidInput with every violation and its path, and calls nobody", async () => {
    const before = app.winit.calls.length;
    const { data } = await app.gql(CreateReturnOrderDocument, {
      input: winitInput({
        warehouseCode: "",
        lines: [{ sku: "", quantity: 0 }],
        sender: { email: "not-an-email" },
        qimen: { ownerCode: "O", logisticsCode: "L" },
      }),
      idempotencyKey: "short",
    });
    const result = data!.returnOrderCreate;
    expect(result.__typename).toBe("InvalidInput");
    if (result.__typename !== "InvalidInput") return;
    const fields = result.violations.map((v) => v.field.join("."));
    expect(fields).toEqual(
      expect.arrayContaining(["input.warehouseCode", "input.lines.0.sku", "input.lines.0.quantity", "input.sender.email", "input.qimen", "idempotencyKey"]),
    );
    expect(result.code).toBe("INVALID");
    expect(app.winit.calls.length).toBe(before);
  });

  it("answers InvalidInput for WINIT's own rules (sender fields) before calling it", async () => {
    const before = app.winit.calls.length;
    const { data } = await app.gql(CreateReturnOrderDocument, { input: winitInput({ sender: { name: "x" } }) });
    const result = data!.returnOrderCreate;
    if (result.__typename !== "InvalidInput") throw new Error(result.__typename);
    expect(result.violations.map((v) => v.field.join("."))).toEqual([
      "input.sender.country",
      "input.sender.city",
      "input.sender.postcode",
      "input.sender.address1",
    ]);
    expect(app.winit.calls.length).toBe(before);
  });

  it("answers InvalidInput naming each field WINIT's create has no place for, and calls nobody", async () => {
    const before = app.winit.calls.length;
    const { data } = await app.gql(CreateReturnOrderDocument, {
      input: winitInput({
        reason: "r",
        remark: "m",
        lines: [{ sku: "SKU-001", quantity: 2, remark: "l" }],
        sender: { ...winitInput().sender, company: "C", district: "D" },
      }),
    });
    const result = data!.returnOrderCreate;
    if (result.__typename !== "InvalidInput") throw new Error(result.__typename);
    expect(result.violations.map((v) => v.field.join("."))).toEqual([
      "input.reason",
      "input.remark",
      "input.lines.0.remark",
      "input.sender.company",
      "input.sender.district",
    ]);
    expect(app.winit.calls.length).toBe(before);
  });

  it("answers InvalidInput for WI without its methods and for barcodes that do not number the quantity", async () => {
    const { data } = await app.gql(CreateReturnOrderDocument, {
      input: winitInput({ winit: { ...LABEL, handleMethod: "WI", lines: [{ sku: "SKU-001", itemCodes: ["S1"] }] } }),
    });
    const result = data!.returnOrderCreate;
    if (result.__typename !== "InvalidInput") throw new Error(result.__typename);
    expect(result.violations.map((v) => v.field.join("."))).toEqual(["input.winit.goodMethod", "input.winit.defectiveMethod", "input.winit.lines.0.itemCodes"]);
  });

  it("keeps the seller reference WINIT does not answer: from the create, on read-back, and by search", async () => {
    const input = winitInput();
    const created = await app.gql(CreateReturnOrderDocument, { input });
    const result = created.data!.returnOrderCreate;
    if (result.__typename !== "ReturnOrderCreated") throw new Error(result.__typename);
    expect(result.returnOrder.referenceNo).toBe(input.referenceNo);
    const read = await app.gql(ReturnOrderDocument, { id: result.returnOrder.id });
    expect(read.data?.returnOrder?.referenceNo).toBe(input.referenceNo);
    const bySearch = await app.gql(ReturnOrdersDocument, { filter: { search: input.referenceNo!, providers: ["WINIT"] }, first: 5 });
    expect(bySearch.data?.returnOrders.nodes.map((n) => n.id)).toEqual([result.returnOrder.id]);
  });

  it("finds an order by its rmaNo", async () => {
    const bySearch = await app.gql(ReturnOrdersDocument, { filter: { search: "9443591" }, first: 10 });
    expect(bySearch.data?.returnOrders.nodes.map((n) => n.id)).toEqual([SEED_ID]);
  });

  it("answers ProviderRejected with WINIT's code and message", async () => {
    const { data } = await app.gql(CreateReturnOrderDocument, { input: winitInput({ lines: [{ sku: "NO-SUCH-PRODUCT", quantity: 1 }] }) });
    expect(data?.returnOrderCreate).toMatchObject({
      __typename: "ProviderRejected",
      code: "PROVIDER_REJECTED",
      provider: "WINIT",
      providerCode: "02050240124",
      providerMessage: "商品编码不存在",
    });
  });

  it("answers OperationNotSupported for updating a WINIT order", async () => {
    const update = await app.gql(UpdateReturnOrderDocument, { id: SEED_ID, input: { remark: "x" } });
    expect(update.data?.returnOrderUpdate).toMatchObject({ __typename: "OperationNotSupported", provider: "WINIT", code: "NOT_SUPPORTED" });
  });

  it("answers NotFound for junk, foreign and unknown ids", async () => {
    for (const id of [
      "junk",
      encodeOrderId({ provider: "OMS", account: "default", providerOrderNo: "RO1" }),
      encodeOrderId({ provider: "WINIT", account: "default", providerOrderNo: "RT-NOPE" }),
    ]) {
      const cancel = await app.gql(CancelReturnOrderDocument, { id });
      expect(cancel.data?.returnOrderCancel).toMatchObject({ __typename: "NotFound", code: "NOT_FOUND", field: ["id"] });
      const read = await app.gql(ReturnOrderDocument, { id });
      expect(read.errors).toBeUndefined();
      expect(read.data?.returnOrder).toBeNull();
    }
  });

  it("answers InvalidState with the provider's status when WINIT can no longer void", async () => {
    const { data } = await app.gql(CancelReturnOrderDocument, { id: SEED_ID });
    expect(data?.returnOrderCancel).toMatchObject({ __typename: "InvalidState", code: "INVALID_STATE", providerStatus: "OC" });
  });

  it("answers IdempotencyConflict for a reused key with another input, and replays the first result", async () => {
    const key = `key-${Date.now()}`;
    const input = winitInput();
    const first = await app.gql(CreateReturnOrderDocument, { input, idempotencyKey: key });
    expect(first.data?.returnOrderCreate.__typename).toBe("ReturnOrderCreated");
    const creates = app.winit.calls.filter((c) => c.action.endsWith("createReturnGoodsOrder")).length;
    const again = await app.gql(CreateReturnOrderDocument, { input, idempotencyKey: key });
    expect(again.data?.returnOrderCreate).toEqual(first.data?.returnOrderCreate);
    expect(app.winit.calls.filter((c) => c.action.endsWith("createReturnGoodsOrder")).length).toBe(creates);
    const conflict = await app.gql(CreateReturnOrderDocument, { input: { ...input, trackingNumber: "CHANGED-1" }, idempotencyKey: key });
    expect(conflict.data?.returnOrderCreate).toMatchObject({ __typename: "IdempotencyConflict", code: "IDEMPOTENCY_CONFLICT", field: ["idempotencyKey"] });
  });
});

describe("WINIT unreachable", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({
      env: {
        WINIT_BASE_URL: "http://127.0.0.1:9",
        WINIT_APP_KEY: "k",
        WINIT_TOKEN: "t",
        WINIT_CLIENT_ID: "c",
        WINIT_CLIENT_SECRET: "s",
        WINIT_PLATFORM: "p",
        RETURNS_DEMO: "false",
      },
    });
  });
  afterAll(async () => {
    await app.close();
  });

  it("answers OperationNotSupported for a provider this deployment does not configure", async () => {
    const create = await app.gql(CreateReturnOrderDocument, {
      input: { provider: "QIANYI", warehouseCode: "W", lines: [{ sku: "S", quantity: 1 }], qianyi: { shop: "s" } },
    });
    expect(create.data?.returnOrderCreate).toMatchObject({ __typename: "OperationNotSupported", provider: "QIANYI", code: "NOT_SUPPORTED" });
  });

  it("answers ProviderUnavailable (retryable) for a create, and providerErrors for the list", async () => {
    const create = await app.gql(CreateReturnOrderDocument, { input: winitInput() });
    expect(create.data?.returnOrderCreate).toMatchObject({
      __typename: "ProviderUnavailable",
      code: "PROVIDER_UNAVAILABLE",
      provider: "WINIT",
      retryable: true,
    });
    const list = await app.gql(ReturnOrdersDocument, { first: 5 });
    expect(list.errors).toBeUndefined();
    expect(list.data?.returnOrders).toMatchObject({ nodes: [], providerErrors: [{ provider: "WINIT", account: "default", code: "PROVIDER_UNAVAILABLE" }] });
  });

  it("gives a typed top-level error, not a stack trace, when a single order cannot be read", async () => {
    const read = await app.gql(ReturnOrderDocument, { id: SEED_ID });
    expect(read.errors?.[0]?.extensions?.["code"]).toBe("PROVIDER_UNAVAILABLE");
    expect(JSON.stringify(read)).not.toMatch(/at .*\.ts:\d+/);
  });
});
