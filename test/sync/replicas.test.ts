import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { OmsEmulator } from "../../src/demo/oms/emulator.js";
import { OMS_PATHS } from "../../src/providers/oms/client.js";
import type { Store } from "../../src/store/index.js";
import { ReturnOrdersChangedDocument } from "../generated/graphql.js";
import { freshPostgresUrl, openTestStore, startTestApp, TEST_DATABASE_URL, type TestApp } from "../helpers/app.js";
import { startSharedWinit } from "../helpers/emulators.js";
import { faultsOf } from "../helpers/faults.js";
import { runsOf, waitFor } from "./helpers.js";

// Several replicas on one store: one lease per account (migration 4), so each account is polled
// once per interval between them, and a replica that dies or stops hands the account over.

const WINIT_KEY = { provider: "WINIT", account: "default" } as const;

/** Two stores on one database: two pools on PostgreSQL, one shared engine on PGlite (one process). */
async function storesOnOneDatabase(): Promise<[Store, Store]> {
  if (!TEST_DATABASE_URL) {
    const store = await openTestStore();
    return [store, store];
  }
  const url = await freshPostgresUrl();
  return [await openTestStore(url), await openTestStore(url)];
}

describe("sync across replicas", () => {
  let winit: Awaited<ReturnType<typeof startSharedWinit>>;
  const apps: TestApp[] = [];
  const stores: Store[] = [];
  beforeAll(async () => {
    winit = await startSharedWinit({ generated: 10 });
  });
  afterEach(async () => {
    faultsOf(winit.emulator.app).clear();
    for (const app of apps.splice(0)) await app.close();
    for (const store of new Set(stores.splice(0))) await store.close();
  });
  afterAll(async () => {
    await winit.close();
  });

  const replica = async (store: Store, intervalSeconds: number) => {
    const app = await startTestApp({ store, env: { ...winit.env, RETURNS_DEMO: "false", RETURNS_SYNC_INTERVAL_SECONDS: String(intervalSeconds) } });
    apps.push(app);
    return app;
  };
  const opened = async () => {
    const pair = await storesOnOneDatabase();
    stores.push(...pair);
    return pair;
  };

  it("polls each account once per interval between two replicas", async () => {
    const [one, two] = await opened();
    const a = await replica(one, 1);
    const b = await replica(two, 1);
    // The WINIT orders are known from one read: from here on each run asks WINIT for them.
    await a.gql(ReturnOrdersChangedDocument, { filter: { providers: ["WINIT"] }, first: 100 });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const runs = async () => (await runsOf(a, "WINIT")) + (await runsOf(b, "WINIT"));
    const [runs0, calls0] = [await runs(), winit.emulator.calls.length];
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    const [runs1, calls1] = [await runs(), winit.emulator.calls.length];
    // Five intervals: five runs between them (one either side for timing), where two unleased replicas would make ten.
    expect(runs1 - runs0).toBeGreaterThanOrEqual(4);
    expect(runs1 - runs0).toBeLessThanOrEqual(6);
    // Nobody reads meanwhile: every call is a run's, and every run reads the same open orders with the same calls.
    const perRun = (await a.store.sync.states()).find((s) => s.provider === "WINIT")!.lastRunCalls!;
    expect(perRun).toBeGreaterThan(0);
    expect(Math.abs(calls1 - calls0 - (runs1 - runs0) * perRun)).toBeLessThanOrEqual(perRun);
  }, 30_000);

  it("leaves an account alone while its holder renews the lease, and takes it within one interval when the holder dies mid-run", async () => {
    const [one] = await opened();
    const intervalMs = 3_000;
    const leaseMs = 1_000;
    // Another replica claims the account and keeps renewing its lease, as a live one does.
    const claimed = await one.sync.claim(WINIT_KEY, "other-replica", leaseMs, intervalMs);
    expect(claimed.claimed).toBe(true);
    const renewing = setInterval(() => void one.sync.renew(WINIT_KEY, "other-replica", leaseMs), 200);
    let diedAt: number;
    try {
      const b = await replica(one, intervalMs / 1000);
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      expect(await runsOf(b, "WINIT")).toBe(0);
      // It dies: no more renewals, no release; its run never ends.
      clearInterval(renewing);
      diedAt = Date.now();
      const until = Date.now() + intervalMs + 1_000;
      while ((await runsOf(b, "WINIT")) === 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await runsOf(b, "WINIT")).toBe(1);
    } finally {
      clearInterval(renewing);
    }
    const [row] = (await one.sync.states()).filter((s) => s.provider === "WINIT");
    // Taken over once the dead lease ran out: within one interval of the death.
    expect(Date.now() - diedAt).toBeLessThanOrEqual(intervalMs);
    expect(row!.syncedAt).not.toBeNull();
  }, 30_000);

  it("gives the account back when a replica shuts down mid-run, so another takes it at once", async () => {
    const [one, two] = await opened();
    const a = await replica(one, 2);
    await a.gql(ReturnOrdersChangedDocument, { filter: { providers: ["WINIT"] }, first: 100 });
    let hung = false;
    // The next run's call hangs at WINIT.
    faultsOf(winit.emulator.app).set("latency", { latencyMs: 20_000, times: 1, when: () => (hung = true) });
    expect(await waitFor(() => hung, 5_000)).toBe(true);
    const held = (await one.sync.states()).find((s) => s.provider === "WINIT")!;
    expect(held.runEndedAt).toBeNull();
    await a.close();
    apps.splice(apps.indexOf(a), 1);
    const released = (await two.sync.states()).find((s) => s.provider === "WINIT")!;
    expect(released.runEndedAt).not.toBeNull();
    // The run did not finish: the watermark stays where the last successful run left it.
    expect(released.syncedAt?.getTime() ?? null).toBe(held.syncedAt?.getTime() ?? null);
  }, 30_000);

  it("resumes after a restart from the watermark in the store", async () => {
    const [one] = await opened();
    const env = {
      RETURNS_SYNC_INTERVAL_SECONDS: "1",
      RETURNS_SYNC_OVERLAP_SECONDS: "0",
      RETURNS_SYNC_INTERVAL_SECONDS_WINIT: "0",
      RETURNS_SYNC_INTERVAL_SECONDS_QIANYI: "0",
    };
    const first = await startTestApp({ store: one, env });
    const until = Date.now() + 10_000;
    let synced: Date | null = null;
    while (!synced && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      synced = (await one.sync.states()).find((s) => s.provider === "OMS")?.syncedAt ?? null;
    }
    await first.close();
    synced = (await one.sync.states()).find((s) => s.provider === "OMS")!.syncedAt!;
    const second = await startTestApp({ store: one, env });
    apps.push(second);
    const oms = second.emulators.OMS as OmsEmulator;
    const windowed = () => oms.calls.filter((c) => c.path === OMS_PATHS.list && (c.body as Record<string, unknown>)["startUpdateTime"] !== undefined);
    expect(await waitFor(() => windowed().length > 0, 10_000)).toBe(true);
    // The OMS writes China time to the second: the window starts where the last run before the restart began.
    const china = new Date(Math.floor(synced.getTime() / 1000) * 1000 + 8 * 3600_000).toISOString().slice(0, 19).replace("T", " ");
    expect((windowed()[0]!.body as Record<string, unknown>)["startUpdateTime"]).toBe(china);
  }, 30_000);
});
