import { faultsOf } from "../helpers/faults.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OMS_PATHS } from "../../src/providers/oms/client.js";
import type { OmsEmulator } from "../../src/demo/oms/emulator.js";
import { InvalidInputError } from "../../src/returns/errors.js";
import { decodeOrderId, encodeOrderId } from "../../src/returns/ids.js";
import {
  CancelReturnOrderDocument,
  CreateReturnOrderDocument,
  ReturnOrderDocument,
  ReturnOrdersDeepDocument,
  ReturnOrdersDocument,
  ReturnProvidersDocument,
  UpdateReturnOrderDocument,
  type ReturnOrderCreateInput,
  type ReturnOrdersDeepQuery,
} from "../generated/graphql.js";
import { startTestApp, type TestApp } from "../helpers/app.js";

const SEED_NO = "RO25102353783107";
const SEED_ID = encodeOrderId({ provider: "OMS", account: "default", providerOrderNo: SEED_NO });
const WINIT_SEED_ID = encodeOrderId({ provider: "WINIT", account: "default", providerOrderNo: "RT16000000005910CN" });
const PDF = Buffer.from("%PDF-1.4\nreturn label\n").toString("base64");

const omsInput = (overrides: Partial<ReturnOrderCreateInput> = {}): ReturnOrderCreateInput => ({
  provider: "OMS",
  warehouseCode: "USLAX01",
  referenceNo: `REF-${Math.random().toString(36).slice(2, 10)}`,
  trackingNumber: "1Z999",
  sender: { name: "Ann Lee", phone: "555-0100", city: "Los Angeles", province: "CA", address1: "1 Main St", postcode: "90001" },
  lines: [{ sku: "SKU-001", quantity: 2 }],
  oms: { returnType: "1", pickupType: "1" },
  ...overrides,
});

describe("OMS end to end through GraphQL", () => {
  let app: TestApp;
  let oms: OmsEmulator;
  const updateCalls = () => oms.calls.filter((c) => c.path === OMS_PATHS.update).length;

  beforeAll(async () => {
    app = await startTestApp();
    oms = app.emulators.OMS as OmsEmulator;
  });
  afterAll(async () => {
    await app.close();
  });

  async function createOrder(overrides: Partial<ReturnOrderCreateInput> = {}) {
    const { data } = await app.gql(CreateReturnOrderDocument, { input: omsInput(overrides) });
    const result = data!.returnOrderCreate;
    if (result.__typename !== "ReturnOrderCreated") throw new Error(`expected ReturnOrderCreated, got ${JSON.stringify(result)}`);
    return result;
  }

  it("lists the OMS as a provider that can create, update and cancel, and receives no pushes", async () => {
    const { data } = await app.gql(ReturnProvidersDocument);
    expect(data?.returnProviders).toContainEqual({
      provider: "OMS",
      accounts: ["default"],
      canCreate: true,
      canUpdate: true,
      canCancel: true,
      receivesPushes: false,
    });
  });

  it("serves the seed's example order by id with every field", async () => {
    const { data, errors } = await app.gql(ReturnOrderDocument, { id: SEED_ID });
    expect(errors).toBeUndefined();
    expect(data?.returnOrder).toMatchObject({
      id: SEED_ID,
      provider: "OMS",
      providerOrderNo: SEED_NO,
      referenceNo: "incididunt 1proident1",
      outboundOrderNo: "eiusmod magna",
      status: "DRAFT",
      providerStatus: "1",
      trackingNumber: "ipsum in eiusmod elit",
      sender: { name: "逯语桐", company: "褒天娇公司1", phone: "16284171365", mobile: "13551590409", city: "衡码市", address1: "查巷9号" },
      totalQuantity: 94,
      receivedQuantity: 0,
      capabilities: { canUpdate: true, canCancel: true, reasons: [] },
      details: {
        __typename: "OmsReturnDetails",
        signatureNo: "consequat mollit Lorem velit",
        pickupType: "2",
        returnType: "1",
        isSplitAsn: "1",
        cancelType: "1",
        goodQuantity: 0,
        destroyQuantity: 0,
      },
    });
  });

  it("creates, updates, reads back the new values, lists and cancels a return", async () => {
    const input = omsInput();
    const created = await createOrder(input);
    expect(created.receipt).toMatchObject({ __typename: "OmsReceipt", status: "1" });
    expect(created.returnOrder).toMatchObject({
      provider: "OMS",
      referenceNo: input.referenceNo,
      status: "DRAFT",
      providerStatus: "1",
      warehouseCode: "USLAX01",
      totalQuantity: 2,
    });
    expect(created.returnOrder.capabilities).toEqual({ canUpdate: true, canCancel: true, reasons: [] });
    const id = created.returnOrder.id;
    const orderNo = decodeOrderId(id)!.providerOrderNo;
    if (created.receipt.__typename === "OmsReceipt") expect(created.receipt.orderNo).toBe(orderNo);

    const updated = await app.gql(UpdateReturnOrderDocument, {
      id,
      input: {
        referenceNo: `${input.referenceNo}-2`,
        outboundOrderNo: "OB-77",
        trackingNumber: "1Z000NEW",
        warehouseCode: "USNJ01",
        remark: "second thoughts",
        sender: { name: "Ann Lee-Park", company: "Park & Co", mobile: "555-0199", email: "ann@example.com", district: "Downtown", houseNo: "12B" },
        lines: [
          { sku: "SKU-001", quantity: 1 },
          { sku: "SKU-002", quantity: 3, remark: "boxed" },
        ],
        oms: {
          signatureNo: "SIG-1",
          pickupType: "2",
          pickupDate: "2026-01-05",
          etaDate: "2026-01-09",
          returnType: "2",
          isSplitAsn: "1",
          handleAdvice: "inspect and restock",
          attachments: [{ fileName: "label.pdf", base64: PDF, attachmentType: "1" }],
        },
      },
    });
    const expected = {
      id,
      referenceNo: `${input.referenceNo}-2`,
      outboundOrderNo: "OB-77",
      trackingNumber: "1Z000NEW",
      warehouseCode: "USNJ01",
      remark: "second thoughts",
      status: "DRAFT",
      sender: {
        name: "Ann Lee-Park",
        company: "Park & Co",
        phone: "555-0100",
        mobile: "555-0199",
        email: "ann@example.com",
        district: "Downtown",
        houseNo: "12B",
        city: "Los Angeles",
        address1: "1 Main St",
      },
      lines: [
        { sku: "SKU-001", quantity: 1, remark: null },
        { sku: "SKU-002", quantity: 3, remark: "boxed" },
      ],
      totalQuantity: 4,
      details: {
        signatureNo: "SIG-1",
        pickupType: "2",
        pickupDate: "2026-01-05",
        etaDate: "2026-01-09",
        returnType: "2",
        isSplitAsn: "1",
        handleAdvice: "inspect and restock",
      },
    };
    expect(updated.data?.returnOrderUpdate).toMatchObject({ __typename: "ReturnOrderUpdated", returnOrder: expected });
    expect(oms.attachments.get(orderNo)).toEqual([{ fileName: "label.pdf", attachmentType: "1", bytes: Buffer.from(PDF, "base64").length }]);

    const read = await app.gql(ReturnOrderDocument, { id });
    expect(read.data?.returnOrder).toMatchObject(expected);
    expect(read.data?.returnOrder?.events.map((e) => [e.source, e.providerStatus])).toEqual([
      ["MUTATION", "1"],
      ["MUTATION", "1"],
    ]); // create, update

    const listed = await app.gql(ReturnOrdersDocument, { filter: { providers: ["OMS"], search: `${input.referenceNo}-2` }, first: 5 });
    expect(listed.data?.returnOrders.nodes.map((n) => n.id)).toEqual([id]);
    const newest = await app.gql(ReturnOrdersDocument, { filter: { providers: ["OMS"], warehouseCode: "USNJ01" }, first: 1 });
    expect(newest.data?.returnOrders.nodes.map((n) => n.id)).toEqual([id]);

    const cancelled = await app.gql(CancelReturnOrderDocument, { id, reason: "buyer kept it" });
    expect(cancelled.data?.returnOrderCancel).toMatchObject({
      __typename: "ReturnOrderCancelled",
      returnOrder: {
        id,
        status: "CANCELLED",
        providerStatus: "-1",
        capabilities: { canUpdate: false, canCancel: false },
        details: { cancelRemark: "buyer kept it" },
      },
    });
    const after = await app.gql(ReturnOrderDocument, { id });
    expect(after.data?.returnOrder?.events.map((e) => e.providerStatus)).toEqual(["1", "1", "-1"]);
    const again = await app.gql(UpdateReturnOrderDocument, { id, input: { remark: "x" } });
    expect(again.data?.returnOrderUpdate).toMatchObject({ __typename: "InvalidState", providerStatus: "-1" });
  });

  it("shows each mutation's own events when one operation updates, then cancels, the same order", async () => {
    const { returnOrder } = await createOrder();
    const body = {
      query: `mutation ($id: ID!) {
        a: returnOrderUpdate(id: $id, input: { remark: "first" }) { ... on ReturnOrderUpdated { returnOrder { events { providerStatus source } } } }
        b: returnOrderCancel(id: $id, reason: "then") { ... on ReturnOrderCancelled { returnOrder { events { providerStatus source } } } }
      }`,
      variables: { id: returnOrder.id },
    };
    const answer = (await (await app.post(body)).json()) as {
      data: Record<"a" | "b", { returnOrder: { events: { providerStatus: string; source: string }[] } }>;
    };
    // the events read after the update are not served again after the cancel
    expect(answer.data.a.returnOrder.events.map((e) => e.providerStatus)).toEqual(["1", "1"]);
    expect(answer.data.b.returnOrder.events.map((e) => e.providerStatus)).toEqual(["1", "1", "-1"]);
  });

  it("looks up orders by id in one OMS call per hundred distinct orders (orderNos)", async () => {
    const known = [...oms.orders.keys()];
    const numbers = Array.from({ length: 150 }, (_, i) => known[i] ?? `RO-NONE-${i}`);
    const representations = [...numbers, ...numbers.slice(0, 10)].map((providerOrderNo) => ({ __typename: "ReturnOrder", provider: "OMS", providerOrderNo }));
    const before = oms.calls.length;
    const answer = (await (
      await app.post({
        query: "query($r: [_Any!]!) { _entities(representations: $r) { ... on ReturnOrder { providerOrderNo } } }",
        variables: { r: representations },
      })
    ).json()) as {
      data: { _entities: ({ providerOrderNo: string } | null)[] };
      errors?: unknown[];
    };
    expect(answer.errors).toBeUndefined();
    expect(answer.data._entities.slice(0, known.length).map((e) => e?.providerOrderNo)).toEqual(numbers.slice(0, known.length));
    expect(answer.data._entities.slice(known.length, 150).every((e) => e === null)).toBe(true);
    const calls = oms.calls.slice(before);
    expect(calls.map((c) => c.path)).toEqual([OMS_PATHS.list, OMS_PATHS.list]);
    expect(calls.map((c) => (c.body as { orderNos: string[] }).orderNos.length).sort()).toEqual([100, 50]);
  });

  it("says truthfully per order whether it can still be updated or cancelled", async () => {
    const seen = new Set<string>();
    let after: string | null | undefined = null;
    do {
      const page: { data?: ReturnOrdersDeepQuery } = await app.gql(ReturnOrdersDeepDocument, { filter: { providers: ["OMS"] }, first: 25, after });
      for (const node of page.data!.returnOrders.nodes) {
        expect(seen.has(node.providerOrderNo)).toBe(false);
        seen.add(node.providerOrderNo);
        // Draft and waiting for review (1, 2); every later or closed code offers nothing.
        const open = ["1", "2"].includes(node.providerStatus);
        expect([node.providerStatus, node.capabilities.canUpdate, node.capabilities.canCancel]).toEqual([node.providerStatus, open, open]);
        expect(node.capabilities.reasons.length).toBe(open ? 0 : 2);
      }
      after = page.data!.returnOrders.pageInfo.hasNextPage ? page.data!.returnOrders.pageInfo.endCursor : null;
    } while (after);
    expect(seen.size).toBeGreaterThanOrEqual(51);
    const statuses = new Set([...oms.orders.values()].map((o) => String(o.status)));
    expect(statuses.size).toBeGreaterThanOrEqual(7);
  });

  describe("returnOrderUpdate answers every member of its union", () => {
    it("InvalidInput: fields the OMS cannot hold, an empty change, a bad code, and bad attachments — nothing sent", async () => {
      const { returnOrder } = await createOrder();
      const before = updateCalls();
      const unrepresentable = await app.gql(UpdateReturnOrderDocument, { id: returnOrder.id, input: { sender: { country: "USA", address2: "Apt 1" } } });
      const result = unrepresentable.data!.returnOrderUpdate;
      if (result.__typename !== "InvalidInput") throw new Error(result.__typename);
      expect(result.violations.map((v) => v.field.join("."))).toEqual(["input.sender.country", "input.sender.address2"]);

      const empty = await app.gql(UpdateReturnOrderDocument, { id: returnOrder.id, input: {} });
      expect(empty.data?.returnOrderUpdate).toMatchObject({
        __typename: "InvalidInput",
        violations: [{ field: ["input"], message: "nothing to change: give at least one field" }],
      });
      const noFiles = await app.gql(UpdateReturnOrderDocument, { id: returnOrder.id, input: { oms: { attachments: [] } } });
      expect(noFiles.data?.returnOrderUpdate).toMatchObject({ __typename: "InvalidInput", violations: [{ field: ["input"] }] });

      const badCode = await app.gql(UpdateReturnOrderDocument, { id: returnOrder.id, input: { oms: { isSplitAsn: "yes", pickupDate: "05/01/2026" } } });
      expect(badCode.data?.returnOrderUpdate).toMatchObject({ __typename: "InvalidInput" });

      const notBase64 = await app.gql(UpdateReturnOrderDocument, {
        id: returnOrder.id,
        input: {
          oms: {
            attachments: [
              { fileName: "photo.jpg", base64: "not base64 at all" },
              { fileName: "virus.exe", base64: PDF },
            ],
          },
        },
      });
      expect(notBase64.data?.returnOrderUpdate).toMatchObject({
        __typename: "InvalidInput",
        code: "INVALID",
        violations: [
          {
            field: ["input", "oms", "attachments", "0", "base64"],
            message: "photo.jpg: base64 is not valid base64 (plain base64 expected, without a data: prefix or line breaks)",
          },
          { field: ["input", "oms", "attachments", "1", "fileName"], message: "virus.exe: only pdf, png, jpg, jpeg files are accepted" },
        ],
      });
      expect(updateCalls()).toBe(before);
    });

    it("InvalidInput for a 30 MB attachment, with nothing sent (the service path; over HTTP the 1 MB body limit answers 413 first)", async () => {
      const { returnOrder } = await createOrder();
      const before = oms.calls.length;
      const huge = Buffer.alloc(30 * 1024 * 1024, 0x20);
      huge.write("%PDF-1.4");
      const attempt = app.service.update(
        returnOrder.id,
        { options: { attachments: [{ fileName: "scan.pdf", base64: huge.toString("base64") }] } },
        app.service.createLoaders(),
      );
      await expect(attempt).rejects.toBeInstanceOf(InvalidInputError);
      await expect(attempt).rejects.toMatchObject({
        violations: [{ field: ["input", "oms", "attachments", "0", "base64"], message: "scan.pdf: 30.0 MB is over the 10 MB limit per file" }],
      });
      // the service read the order once (the loader); no update went out
      expect(oms.calls.slice(before).map((c) => c.path)).toEqual([OMS_PATHS.list]);

      const overHttp = await app.post({
        query:
          'mutation($id: ID!, $b: String!) { returnOrderUpdate(id: $id, input: { oms: { attachments: [{ fileName: "scan.pdf", base64: $b }] } }) { __typename } }',
        variables: { id: returnOrder.id, b: huge.toString("base64") },
      });
      expect(overHttp.status).toBe(413);
      expect(await overHttp.json()).toMatchObject({ errors: [{ extensions: { code: "PAYLOAD_TOO_LARGE" } }] });
      expect(oms.calls.slice(before).map((c) => c.path)).toEqual([OMS_PATHS.list]);
    });

    it("NotFound for an OMS order the OMS does not have", async () => {
      const id = encodeOrderId({ provider: "OMS", account: "default", providerOrderNo: "RO00000000000000" });
      const { data } = await app.gql(UpdateReturnOrderDocument, { id, input: { remark: "x" } });
      expect(data?.returnOrderUpdate).toMatchObject({ __typename: "NotFound", code: "NOT_FOUND", field: ["id"] });
    });

    it("InvalidState with the OMS status once the parcel is received, without calling the update", async () => {
      const { returnOrder } = await createOrder();
      const orderNo = decodeOrderId(returnOrder.id)!.providerOrderNo;
      oms.setStatus(orderNo, 4);
      const before = updateCalls();
      const read = await app.gql(ReturnOrderDocument, { id: returnOrder.id });
      expect(read.data?.returnOrder).toMatchObject({ status: "RECEIVED", capabilities: { canUpdate: false, canCancel: false } });
      const { data } = await app.gql(UpdateReturnOrderDocument, { id: returnOrder.id, input: { remark: "too late" } });
      expect(data?.returnOrderUpdate).toMatchObject({ __typename: "InvalidState", code: "INVALID_STATE", providerStatus: "4" });
      const cancel = await app.gql(CancelReturnOrderDocument, { id: returnOrder.id });
      expect(cancel.data?.returnOrderCancel).toMatchObject({ __typename: "InvalidState", providerStatus: "4" });
      expect(updateCalls()).toBe(before);
    });

    it("InvalidState when the parcel arrives between our read and the OMS's update, with the OMS's message", async () => {
      const { returnOrder } = await createOrder();
      const orderNo = decodeOrderId(returnOrder.id)!.providerOrderNo;
      oms.beforeHandle = (path) => {
        if (path === OMS_PATHS.update) oms.setStatus(orderNo, 3);
      };
      try {
        const { data } = await app.gql(UpdateReturnOrderDocument, { id: returnOrder.id, input: { remark: "racing" } });
        const result = data!.returnOrderUpdate;
        expect(result).toMatchObject({ __typename: "InvalidState", providerStatus: "3" });
        expect(result.__typename === "InvalidState" && result.message).toContain("不允许修改");
      } finally {
        oms.beforeHandle = null;
      }
      expect(oms.orders.get(orderNo)?.remark).not.toBe("racing");
    });

    it("InvalidState when the parcel arrives between our read and the OMS's cancel (refused in failList under success)", async () => {
      const { returnOrder } = await createOrder();
      const orderNo = decodeOrderId(returnOrder.id)!.providerOrderNo;
      oms.beforeHandle = (path) => {
        if (path === OMS_PATHS.cancel) oms.setStatus(orderNo, 4);
      };
      try {
        const { data } = await app.gql(CancelReturnOrderDocument, { id: returnOrder.id, reason: "racing" });
        const result = data!.returnOrderCancel;
        expect(result).toMatchObject({ __typename: "InvalidState", providerStatus: "4" });
        expect(result.__typename === "InvalidState" && result.message).toContain("不允许取消");
      } finally {
        oms.beforeHandle = null;
      }
      expect(oms.calls.filter((c) => c.path === OMS_PATHS.cancel).at(-1)).toMatchObject({
        code: "20000",
        body: { orderNos: [orderNo], cancelRemark: "racing" },
      });
    });

    it("a cancel the OMS confirmed but that cannot be read back is CANCELLED without an invented code", async () => {
      const { returnOrder } = await createOrder();
      oms.beforeHandle = (path) => {
        if (path === OMS_PATHS.cancel) faultsOf(oms.app).set("5xx", { times: 10, when: (r) => r.url === OMS_PATHS.list });
      };
      const { data } = await app.gql(CancelReturnOrderDocument, { id: returnOrder.id }).finally(() => {
        oms.beforeHandle = null;
        faultsOf(oms.app).clear();
      });
      expect(data?.returnOrderCancel).toMatchObject({ __typename: "ReturnOrderCancelled", returnOrder: { status: "CANCELLED", providerStatus: "" } });
    });

    it("OperationNotSupported for a WINIT order", async () => {
      const { data } = await app.gql(UpdateReturnOrderDocument, { id: WINIT_SEED_ID, input: { remark: "x" } });
      expect(data?.returnOrderUpdate).toMatchObject({ __typename: "OperationNotSupported", code: "NOT_SUPPORTED", provider: "WINIT" });
    });

    it("ProviderRejected with the OMS's code, message and errors", async () => {
      const { returnOrder } = await createOrder();
      const { data } = await app.gql(UpdateReturnOrderDocument, { id: returnOrder.id, input: { warehouseCode: "NOWHERE" } });
      expect(data?.returnOrderUpdate).toMatchObject({
        __typename: "ProviderRejected",
        code: "PROVIDER_REJECTED",
        provider: "OMS",
        providerCode: "40002",
        providerMessage: "仓库不存在; warehouseCode: 仓库NOWHERE不存在",
      });
    });

    it("ProviderUnavailable (retryable) when the OMS answers garbage, and nothing is recorded", async () => {
      const { returnOrder } = await createOrder();
      faultsOf(oms.app).set("malformed", { times: 1, when: (r) => r.url === OMS_PATHS.update });
      const { data } = await app.gql(UpdateReturnOrderDocument, { id: returnOrder.id, input: { remark: "lost" } });
      faultsOf(oms.app).clear();
      expect(data?.returnOrderUpdate).toMatchObject({ __typename: "ProviderUnavailable", code: "PROVIDER_UNAVAILABLE", provider: "OMS", retryable: true });
      const read = await app.gql(ReturnOrderDocument, { id: returnOrder.id });
      expect(read.data?.returnOrder?.remark).toBeNull();
    });
  });

  it("refuses create fields the OMS cannot hold, and an empty sender name, before calling it", async () => {
    const before = oms.calls.filter((c) => c.path === OMS_PATHS.create).length;
    const { data } = await app.gql(CreateReturnOrderDocument, { input: omsInput({ carrier: "UPS", sender: { city: "x", country: "United States" } }) });
    const result = data!.returnOrderCreate;
    if (result.__typename !== "InvalidInput") throw new Error(result.__typename);
    expect(result.violations.map((v) => v.field.join("."))).toEqual(["input.carrier", "input.sender.country", "input.sender.name"]);
    expect(oms.calls.filter((c) => c.path === OMS_PATHS.create).length).toBe(before);
  });

  it("passes the OMS's create refusal through as ProviderRejected", async () => {
    const { data } = await app.gql(CreateReturnOrderDocument, { input: omsInput({ warehouseCode: "XX" }) });
    expect(data?.returnOrderCreate).toMatchObject({ __typename: "ProviderRejected", provider: "OMS", providerCode: "40002" });
  });

  it("replays an idempotent create without a second OMS create", async () => {
    const key = `oms-key-${Date.now()}`;
    const input = omsInput({ referenceNo: null });
    const first = await app.gql(CreateReturnOrderDocument, { input, idempotencyKey: key });
    // Without a seller reference the attempt's token is the OMS referenceNo: never the caller's raw key.
    expect(first.data?.returnOrderCreate).toMatchObject({
      __typename: "ReturnOrderCreated",
      returnOrder: { referenceNo: expect.stringMatching(/^[0-9A-F]{26}$/) },
    });
    const creates = oms.calls.filter((c) => c.path === OMS_PATHS.create).length;
    const again = await app.gql(CreateReturnOrderDocument, { input, idempotencyKey: key });
    expect(again.data?.returnOrderCreate).toEqual(first.data?.returnOrderCreate);
    expect(oms.calls.filter((c) => c.path === OMS_PATHS.create).length).toBe(creates);
  });
});

describe("OMS unreachable", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { OMS_BASE_URL: "http://127.0.0.1:9", OMS_API_KEY: "k", OMS_API_SECRET: "s", RETURNS_DEMO: "false" } });
  });
  afterAll(async () => {
    await app.close();
  });

  it("answers ProviderUnavailable for an update and providerErrors for the list", async () => {
    const update = await app.gql(UpdateReturnOrderDocument, { id: SEED_ID, input: { remark: "x" } });
    expect(update.data?.returnOrderUpdate).toMatchObject({ __typename: "ProviderUnavailable", provider: "OMS", retryable: true });
    const list = await app.gql(ReturnOrdersDocument, { first: 5 });
    expect(list.data?.returnOrders).toMatchObject({ nodes: [], providerErrors: [{ provider: "OMS", account: "default", code: "PROVIDER_UNAVAILABLE" }] });
  });
});
