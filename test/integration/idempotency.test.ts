import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../../src/store/index.js";
import { CreateReturnOrderDocument, ReturnOrderDocument, type ReturnOrderCreateInput } from "../generated/graphql.js";
import { freshPostgresUrl, openTestStore, startTestApp, TEST_DATABASE_URL, type TestApp } from "../helpers/app.js";
import { startSharedWinit, winitCreates } from "../helpers/emulators.js";
import { openStore } from "../../src/store/index.js";

const input = (reference: string): ReturnOrderCreateInput => ({
  provider: "WINIT",
  warehouseCode: "US0001",
  referenceNo: reference,
  sender: { name: "n", country: "US", city: "c", postcode: "1", address1: "a" },
  lines: [{ sku: "SKU-002", quantity: 1 }],
  winit: { handleMethod: "SA", winitProductCode: "OSF521006534", packageLength: 11.22, packageWidth: 11.12, packageHeight: 11.12, packageWeight: 0.61 },
});

describe("idempotent creates across replicas", () => {
  let winit: Awaited<ReturnType<typeof startSharedWinit>>;
  let stores: Store[] = [];
  let apps: TestApp[] = [];

  beforeAll(async () => {
    winit = await startSharedWinit();
    // Two replicas on one database: two pools on one PostgreSQL schema, or one PGlite shared.
    if (TEST_DATABASE_URL) {
      const url = await freshPostgresUrl();
      stores = [await openTestStore(url), await openTestStore(url)];
    } else {
      const shared = await openTestStore();
      stores = [shared, shared];
    }
    apps = [await startTestApp({ env: winit.env, store: stores[0] }), await startTestApp({ env: winit.env, store: stores[1] })];
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    for (const store of new Set(stores)) await store.close();
    await winit.close();
  });

  it("creates exactly one order when two replicas race on one key", async () => {
    const before = winitCreates(winit.emulator);
    const key = "race-key-0001";
    const results = await Promise.all([0, 1, 0, 1].map((i) => apps[i]!.gql(CreateReturnOrderDocument, { input: input("RACE-1"), idempotencyKey: key })));
    expect(winitCreates(winit.emulator) - before).toBe(1);
    const created = results.map((r) => r.data!.returnOrderCreate).filter((r) => r.__typename === "ReturnOrderCreated");
    const others = results.map((r) => r.data!.returnOrderCreate).filter((r) => r.__typename !== "ReturnOrderCreated");
    expect(created.length).toBeGreaterThanOrEqual(1);
    // every winner reports the same order; a loser is only ever a retryable "in progress"
    expect(new Set(created.map((c) => (c.__typename === "ReturnOrderCreated" ? c.returnOrder.providerOrderNo : "")))).toHaveProperty("size", 1);
    for (const other of others) expect(other).toMatchObject({ __typename: "ProviderUnavailable", retryable: true });
  });

  it("replays the first result from the other replica without calling the provider", async () => {
    const key = "replay-key-0001";
    const first = await apps[0]!.gql(CreateReturnOrderDocument, { input: input("REPLAY-1"), idempotencyKey: key });
    const before = winitCreates(winit.emulator);
    const second = await apps[1]!.gql(CreateReturnOrderDocument, { input: input("REPLAY-1"), idempotencyKey: key });
    expect(second.data).toEqual(first.data);
    expect(winitCreates(winit.emulator)).toBe(before);
    const conflict = await apps[1]!.gql(CreateReturnOrderDocument, { input: input("REPLAY-2"), idempotencyKey: key });
    expect(conflict.data?.returnOrderCreate.__typename).toBe("IdempotencyConflict");
  });
});

describe("a crash between the provider's success and the record of it", () => {
  it("produces no duplicate when the create is retried", async () => {
    const winit = await startSharedWinit();
    const url = TEST_DATABASE_URL ? await freshPostgresUrl() : undefined;
    // A short lease stands in for the time after which a crashed replica's claim is given up.
    const store = await openStore({ databaseUrl: url, idempotencyTtlMs: 3600_000, idempotencyLeaseMs: 300 });
    let crash = true;
    // The first store write after the provider's answer is the order's claim: a crash there
    // stands for any crash between the provider's success and the record of it.
    const claim = store.idempotency.claim.bind(store.idempotency);
    store.idempotency.claim = async (...args) => {
      if (crash) throw new Error("simulated crash after the provider created the order");
      return claim(...args);
    };
    const app = await startTestApp({ env: winit.env, store });
    try {
      const key = "crash-key-0001";
      const first = await app.gql(CreateReturnOrderDocument, { input: input("CRASH-1"), idempotencyKey: key });
      expect(first.errors?.[0]?.extensions?.["code"]).toBe("INTERNAL_SERVER_ERROR");
      expect(JSON.stringify(first)).not.toContain("simulated crash");
      expect(winitCreates(winit.emulator)).toBe(1);
      expect((await store.idempotency.state(`trusted:${key}`))?.state).toBe("pending");

      crash = false;
      await new Promise((r) => setTimeout(r, 400));
      const retry = await app.gql(CreateReturnOrderDocument, { input: input("CRASH-1"), idempotencyKey: key });
      const result = retry.data!.returnOrderCreate;
      if (result.__typename !== "ReturnOrderCreated") throw new Error(JSON.stringify(result));
      expect(winitCreates(winit.emulator)).toBe(1);
      expect(result.returnOrder.referenceNo).toBe("CRASH-1");
      expect(result.receipt).toMatchObject({ __typename: "WinitReceipt", returnGoodsOrderNo: result.returnOrder.providerOrderNo });
      // the record now tells the truth
      expect((await store.idempotency.state(`trusted:${key}`))?.state).toBe("completed");
      const read = await app.gql(ReturnOrderDocument, { id: result.returnOrder.id });
      expect(read.data?.returnOrder?.providerOrderNo).toBe(result.returnOrder.providerOrderNo);
    } finally {
      await app.close();
      await store.close();
      await winit.close();
    }
  });

  it("sends the attempt's token (not the caller's key) as WINIT's customerOrderNo when there is no seller reference", async () => {
    const winit = await startSharedWinit();
    const app = await startTestApp({ env: winit.env });
    try {
      const { referenceNo: _drop, ...withoutReference } = input("x");
      await app.gql(CreateReturnOrderDocument, { input: withoutReference, idempotencyKey: "key-as-reference-01" });
      const create = winit.emulator.calls.find((c) => c.action === "rma.returnGoodsOrder.createReturnGoodsOrder");
      expect((create?.data as { customerOrderNo: string }).customerOrderNo).toMatch(/^[0-9A-F]{26}$/);
    } finally {
      await app.close();
      await winit.close();
    }
  });
});
