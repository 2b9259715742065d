import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OmsEmulator } from "../../src/demo/oms/emulator.js";
import type { QianyiEmulator } from "../../src/demo/qianyi/emulator.js";
import { OMS_PATHS } from "../../src/providers/oms/client.js";
import {
  CreateReturnOrderDocument,
  ReturnOrdersChangedDocument,
  ReturnOrdersDocument,
  type ReturnOrderCreateInput,
  type ReturnOrderFilter,
} from "../generated/graphql.js";
import { startTestApp, type TestApp } from "../helpers/app.js";

// `updatedFrom` / `updatedTo` through GraphQL for every provider: pushed down to Qianyi (whole
// China days) and the OMS (to the second, instead of the creation window it excludes), matched
// here on `updatedAt` for WINIT and Qimen and wherever the pushdown is coarser.

const chinaDay = (at: Date) => new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
const chinaTime = (at: Date) => new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace("T", " ");

describe("the change-time filter", () => {
  let app: TestApp;
  let qianyi: QianyiEmulator;
  let oms: OmsEmulator;
  beforeAll(async () => {
    app = await startTestApp();
    qianyi = app.emulators.QIANYI as QianyiEmulator;
    oms = app.emulators.OMS as OmsEmulator;
  }, 60_000);
  afterAll(async () => {
    await app.close();
  });

  const list = async (filter: ReturnOrderFilter) => {
    const { data, errors } = await app.gql(ReturnOrdersChangedDocument, { filter, first: 100 });
    expect(errors).toBeUndefined();
    expect(data!.returnOrders.providerErrors).toEqual([]);
    return data!.returnOrders.nodes;
  };

  it("Qianyi: sends the window's China days as updateTimeFrom/updateTimeTo and keeps only the exact instants", async () => {
    const [changed, before] = [...qianyi.orders.values()].filter((o) => o["type"] === "SALES_RETURN");
    const from = new Date(Date.now() - 60_000);
    qianyi.setStatus(changed!.returnNumber, "WAIT_STORAGE");
    // Changed on the same day but before the window: Qianyi's day filter lets it through, the subgraph does not.
    before!.updateTime = from.getTime() - 1_000;
    const to = new Date(Date.now() + 60_000);
    const nodes = await list({ providers: ["QIANYI"], updatedFrom: from.toISOString(), updatedTo: to.toISOString() });
    expect(nodes.map((n) => n.providerOrderNo)).toContain(changed!.returnNumber);
    expect(nodes.map((n) => n.providerOrderNo)).not.toContain(before!.returnNumber);
    for (const n of nodes) expect(new Date(n.updatedAt!).getTime()).toBeGreaterThanOrEqual(from.getTime());
    const sent = qianyi.calls.filter((c) => c.serviceType === "QUERY_RETURN_ORDER_LIST").at(-1)!.bizParam as Record<string, unknown>;
    expect(sent).toMatchObject({ updateTimeFrom: chinaDay(from), updateTimeTo: chinaDay(to) });
  });

  it("the OMS: sends startUpdateTime/endUpdateTime instead of the creation window, which is matched here", async () => {
    const [changed] = [...oms.orders.values()];
    const from = new Date(Math.floor(Date.now() / 1000) * 1000 - 30_000);
    oms.setStatus(changed!.orderNo, 2);
    const nodes = await list({ providers: ["OMS"], updatedFrom: from.toISOString(), createdFrom: "2000-01-01T00:00:00Z" });
    expect(nodes.map((n) => n.providerOrderNo)).toContain(changed!.orderNo);
    for (const n of nodes) expect(new Date(n.updatedAt!).getTime()).toBeGreaterThanOrEqual(from.getTime());
    const body = oms.calls.filter((c) => c.path === OMS_PATHS.list).at(-1)!.body as Record<string, unknown>;
    expect(body["startUpdateTime"]).toBe(chinaTime(from));
    expect(body).not.toHaveProperty("startCreateTime");
    // Every order the OMS holds changed before the window's end is outside a window that ends before them.
    expect(await list({ providers: ["OMS"], updatedTo: "2000-01-01T00:00:00Z" })).toEqual([]);
  });

  it("WINIT: matched here on updatedAt, with the creation window ending at updatedTo", async () => {
    const all = await list({ providers: ["WINIT"] });
    const times = all.map((n) => new Date(n.updatedAt!).getTime()).sort((a, b) => a - b);
    const middle = new Date(times[Math.floor(times.length / 2)]!);
    const later = await list({ providers: ["WINIT"], updatedFrom: middle.toISOString() });
    expect(later.length).toBeGreaterThan(0);
    expect(later.length).toBeLessThan(all.length);
    for (const n of later) expect(new Date(n.updatedAt!).getTime()).toBeGreaterThanOrEqual(middle.getTime());
    const earlier = await list({ providers: ["WINIT"], updatedTo: middle.toISOString() });
    for (const n of earlier) expect(new Date(n.updatedAt!).getTime()).toBeLessThanOrEqual(middle.getTime());
    expect(new Set([...later, ...earlier].map((n) => n.id)).size).toBe(all.length);
    const sent = app.winit.calls.at(-1)!.data as Record<string, unknown>;
    expect(sent["OderEndDatetime"]).toBe(chinaDay(middle));
  });

  it("Qimen: matched in the store on the snapshot's updatedAt", async () => {
    const input: ReturnOrderCreateInput = {
      provider: "QIMEN",
      warehouseCode: "W1234",
      outboundOrderNo: "PD-CHANGED-1",
      reason: "破损退货",
      sender: { name: "老王", mobile: "13214567869", province: "浙江省", city: "杭州", address1: "余杭区989号" },
      lines: [{ sku: "I1234", quantity: 1 }],
      qimen: { ownerCode: "HZ1234", logisticsCode: "SF", orderFlags: ["VISIT"] },
    };
    const before = new Date(Date.now() - 1_000);
    const created = (await app.gql(CreateReturnOrderDocument, { input })).data!.returnOrderCreate;
    if (created.__typename !== "ReturnOrderCreated") throw new Error(JSON.stringify(created));
    const id = created.returnOrder.id;
    expect((await list({ providers: ["QIMEN"], updatedFrom: before.toISOString() })).map((n) => n.id)).toContain(id);
    expect((await list({ providers: ["QIMEN"], updatedTo: before.toISOString() })).map((n) => n.id)).not.toContain(id);
  });
});

describe("the change window in the cursor", () => {
  it("refuses a cursor made for another change window", async () => {
    const app = await startTestApp();
    try {
      const first = await app.gql(ReturnOrdersDocument, { filter: { providers: ["WINIT"], updatedFrom: "2020-01-01T00:00:00Z" }, first: 2 });
      expect(first.data!.returnOrders.pageInfo.hasNextPage).toBe(true);
      const cursor = first.data!.returnOrders.pageInfo.endCursor;
      const same = await app.gql(ReturnOrdersDocument, { filter: { providers: ["WINIT"], updatedFrom: "2020-01-01T00:00:00Z" }, first: 2, after: cursor });
      expect(same.errors).toBeUndefined();
      const other = await app.gql(ReturnOrdersDocument, { filter: { providers: ["WINIT"], updatedFrom: "2021-01-01T00:00:00Z" }, first: 2, after: cursor });
      expect(other.errors?.[0]?.extensions?.["code"]).toBe("BAD_USER_INPUT");
    } finally {
      await app.close();
    }
  }, 60_000);
});
