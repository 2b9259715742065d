import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OmsEmulator } from "../../src/demo/oms/emulator.js";
import {
  CancelReturnOrderDocument,
  CreateReturnOrderDocument,
  ReturnOrderDocument,
  ReturnOrdersDeepDocument,
  UpdateReturnOrderDocument,
  type ReturnOrderCreateInput,
} from "../generated/graphql.js";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { VALID_INPUTS } from "../resilience/common.js";

// What the subgraph sent is kept and shown under what the provider reports (issue 17); a mutation
// answers the order exactly as the next read shows it.

const unique = () => Math.random().toString(36).slice(2, 10);
const winitInput = (): ReturnOrderCreateInput => ({
  provider: "WINIT",
  warehouseCode: "US0001",
  referenceNo: `REF-${unique()}`,
  sender: SENDER,
  lines: [{ sku: "SKU-001", quantity: 1 }],
  winit: VALID_INPUTS.WINIT.winit,
});
const SENDER = { name: "Shane Bellingham", country: "US", city: "Radeburg", postcode: "01471", address1: "1 Main St", email: "shane@example.com" };

describe("what was sent, under what the provider reports", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  const create = async (input: ReturnOrderCreateInput) => {
    const { data, errors } = await app.gql(CreateReturnOrderDocument, { input });
    expect(errors).toBeUndefined();
    const result = data!.returnOrderCreate;
    if (result.__typename !== "ReturnOrderCreated") throw new Error(`expected ReturnOrderCreated, got ${JSON.stringify(result)}`);
    return result.returnOrder;
  };
  const read = async (id: string) => (await app.gql(ReturnOrderDocument, { id })).data!.returnOrder!;
  const listed = async (search: string) => (await app.gql(ReturnOrdersDeepDocument, { filter: { search } })).data!.returnOrders.nodes;

  it("WINIT: the create's sender shows on the create answer, every read by id and the list, though WINIT reports only the name", async () => {
    const created = await create(winitInput());
    // WINIT itself keeps the buyer's name only.
    expect(Object.keys(app.winit.orders.get(created.providerOrderNo)!).filter((k) => /buyer|country|city|post|zip/i.test(k))).toEqual(["buyerName"]);
    const expected = { name: SENDER.name, country: "US", city: "Radeburg", postcode: "01471", address1: "1 Main St", email: "shane@example.com" };
    expect(created.sender).toMatchObject(expected);
    expect((await read(created.id)).sender).toMatchObject(expected);
    const found = (await listed(created.providerOrderNo)).find((o) => o.id === created.id);
    expect(found!.sender).toMatchObject(expected);
  });

  it("WINIT: where the provider reports a value it wins over what was sent", async () => {
    const created = await create(winitInput());
    app.winit.orders.get(created.providerOrderNo)!.buyerName = "Shane B. (corrected at WINIT)";
    const sender = (await read(created.id)).sender!;
    expect(sender.name).toBe("Shane B. (corrected at WINIT)");
    expect(sender.city).toBe("Radeburg");
  });

  it("OMS: a sender field and a line remark the OMS stops reporting are still shown as sent; what it reports wins", async () => {
    const oms = app.emulators.OMS as OmsEmulator;
    const created = await create({
      provider: "OMS",
      warehouseCode: "USLAX01",
      referenceNo: `REF-${unique()}`,
      trackingNumber: "1Z999",
      sender: { name: "Ann Lee", phone: "555-0100", city: "Los Angeles", province: "CA", address1: "1 Main St", postcode: "90001" },
      lines: [{ sku: "SKU-001", quantity: 2, remark: "box dented" }],
      oms: { returnType: "1", pickupType: "1" },
    });
    const wire = oms.orders.get(created.providerOrderNo)! as unknown as Record<string, unknown> & { itemDTOs: Record<string, unknown>[] };
    delete wire["postcode"];
    wire["contactName"] = "Ann Lee-Smith";
    for (const item of wire.itemDTOs) delete item["remark"];
    const again = await read(created.id);
    expect(again.sender).toMatchObject({ name: "Ann Lee-Smith", postcode: "90001", city: "Los Angeles" });
    expect(again.lines).toEqual([expect.objectContaining({ sku: "SKU-001", quantity: 2, remark: "box dented" })]);
  });
});

describe("a mutation answers the order as the next read shows it", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  const createOms = async () => {
    const { data } = await app.gql(CreateReturnOrderDocument, {
      input: {
        provider: "OMS",
        warehouseCode: "USLAX01",
        referenceNo: `REF-${unique()}`,
        sender: { name: "Ann Lee", city: "Los Angeles", address1: "1 Main St", postcode: "90001" },
        lines: [{ sku: "SKU-001", quantity: 2 }],
        oms: { returnType: "1", pickupType: "1" },
      },
    });
    const result = data!.returnOrderCreate;
    if (result.__typename !== "ReturnOrderCreated") throw new Error(JSON.stringify(result));
    return result.returnOrder;
  };
  // Events are the store's, read after the answer: compared on their own below.
  const withoutEvents = <T extends { events: unknown }>(order: T) => ({ ...order, events: undefined });

  it("OMS update: every field of the answer equals the immediate re-read (updatedAt, received quantities, sender)", async () => {
    const created = await createOms();
    await new Promise((r) => setTimeout(r, 1100)); // the OMS writes change times to the second
    const { data } = await app.gql(UpdateReturnOrderDocument, { id: created.id, input: { trackingNumber: "1Z-NEW", sender: { company: "ACME" } } });
    const result = data!.returnOrderUpdate;
    if (result.__typename !== "ReturnOrderUpdated") throw new Error(JSON.stringify(result));
    const next = (await app.gql(ReturnOrderDocument, { id: created.id })).data!.returnOrder!;
    expect(withoutEvents(result.returnOrder)).toEqual(withoutEvents(next));
    expect(result.returnOrder.trackingNumber).toBe("1Z-NEW");
    expect(result.returnOrder.sender).toMatchObject({ name: "Ann Lee", company: "ACME", postcode: "90001" });
    expect(result.returnOrder.updatedAt).not.toBe(created.updatedAt);
  });

  it.each(["WINIT", "QIANYI", "OMS", "QIMEN"] as const)("%s cancel: every field of the answer equals the immediate re-read", async (provider) => {
    const input = VALID_INPUTS[provider];
    const { data: made } = await app.gql(CreateReturnOrderDocument, { input: { ...input, ...(input.referenceNo ? { referenceNo: `REF-${unique()}` } : {}) } });
    const created = made!.returnOrderCreate;
    if (created.__typename !== "ReturnOrderCreated") throw new Error(JSON.stringify(created));
    const { data } = await app.gql(CancelReturnOrderDocument, { id: created.returnOrder.id, reason: "customer kept it" });
    const result = data!.returnOrderCancel;
    if (result.__typename !== "ReturnOrderCancelled") throw new Error(JSON.stringify(result));
    const next = (await app.gql(ReturnOrderDocument, { id: created.returnOrder.id })).data!.returnOrder!;
    expect(withoutEvents(result.returnOrder)).toEqual(withoutEvents(next));
    expect(result.returnOrder.status).toBe("CANCELLED");
    // What was sent stays on the cancelled order.
    expect(result.returnOrder.lines.map((l) => l.sku)).toEqual(input.lines.map((l) => l.sku));
  });
});
