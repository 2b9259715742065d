import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OmsEmulator } from "../../src/demo/oms/emulator.js";
import { OMS_PATHS } from "../../src/providers/oms/client.js";
import type { OrderKey } from "../../src/returns/model.js";
import { encodeOrderId } from "../../src/returns/ids.js";
import { ReturnOrderEventsOfDocument, ReturnOrdersChangedDocument, ReturnProvidersSyncDocument } from "../generated/graphql.js";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { faultsOf } from "../helpers/faults.js";
import { eventsWhen, metricValue, runsOf } from "./helpers.js";

// The sync finds changes of providers that push nothing, without anyone reading the orders:
// WINIT by reading the open orders it knows again, the OMS by its update-time window.

const INTERVAL_S = 1;

describe("the sync of providers that do not push", () => {
  let app: TestApp;
  let oms: OmsEmulator;
  beforeAll(async () => {
    app = await startTestApp({ env: { RETURNS_SYNC_INTERVAL_SECONDS: String(INTERVAL_S), RETURNS_SYNC_INTERVAL_SECONDS_QIANYI: "0" } });
    oms = app.emulators.OMS as OmsEmulator;
  }, 60_000);
  afterAll(async () => {
    await app.close();
  });

  const known = async (provider: "WINIT" | "OMS") => {
    // One read, as a screen would make it: the orders are known (indexed) from here on.
    const { data } = await app.gql(ReturnOrdersChangedDocument, { filter: { providers: [provider] }, first: 100 });
    return data!.returnOrders.nodes;
  };

  it("records a WINIT status change made in the emulator as an OBSERVED event, without a read", async () => {
    const nodes = await known("WINIT");
    const open = nodes.find((n) => n.status === "OPEN" || n.status === "IN_TRANSIT")!;
    const key: OrderKey = { provider: "WINIT", account: "default", providerOrderNo: open.providerOrderNo };
    app.winit.setStatus(open.providerOrderNo, "RE");
    const before = app.winit.calls.length;
    const events = await eventsWhen(app, key, (e) => e.some((x) => x.status === "RECEIVED"), 10_000);
    expect(events.at(-1)).toMatchObject({ status: "RECEIVED", providerStatus: "RE", source: "OBSERVED" });
    // Found by the sync's window queries (the lookup planner's), not by one call per order.
    expect(app.winit.calls.length).toBeGreaterThan(before);
    const { data } = await app.gql(ReturnOrderEventsOfDocument, { id: encodeOrderId(key) });
    expect(data!.returnOrder!.events.map((e) => [e.status, e.source])).toContainEqual(["RECEIVED", "OBSERVED"]);
  });

  it("records an OMS status change made in the emulator, found by the update-time window", async () => {
    const nodes = await known("OMS");
    const live = nodes.find((n) => n.status === "OPEN" || n.status === "DRAFT")!;
    const key: OrderKey = { provider: "OMS", account: "default", providerOrderNo: live.providerOrderNo };
    oms.setStatus(live.providerOrderNo, -1);
    const events = await eventsWhen(app, key, (e) => e.some((x) => x.status === "CANCELLED"), 10_000);
    expect(events.at(-1)).toMatchObject({ status: "CANCELLED", providerStatus: "-1", source: "OBSERVED" });
    const windowed = oms.calls.filter((c) => c.path === OMS_PATHS.list && (c.body as Record<string, unknown>)["startUpdateTime"] !== undefined);
    expect(windowed.length).toBeGreaterThan(0);
    expect(windowed.every((c) => (c.body as Record<string, unknown>)["startCreateTime"] === undefined)).toBe(true);
  });

  it("shows each account's sync in returnProviders and its cost and lag in /metrics", async () => {
    const { data } = await app.gql(ReturnProvidersSyncDocument);
    const byProvider = new Map(data!.returnProviders.map((p) => [p.provider, p.sync]));
    expect(byProvider.get("OMS")).toEqual([expect.objectContaining({ account: "default", enabled: true, intervalSeconds: INTERVAL_S, lastError: null })]);
    expect(byProvider.get("OMS")![0]!.syncedAt).not.toBeNull();
    expect(byProvider.get("WINIT")![0]).toMatchObject({ enabled: true });
    // Qianyi's interval is 0 here; Qimen's query is synced only when asked for (RETURNS_SYNC_QIMEN=1).
    expect(byProvider.get("QIANYI")![0]).toMatchObject({ enabled: false, intervalSeconds: null });
    expect(byProvider.get("QIMEN")![0]).toMatchObject({ enabled: false });
    const text = await (await fetch(app.metricsUrl)).text();
    expect(text).toMatch(/returns_sync_runs_total\{provider="OMS",account="default",outcome="ok"\} [1-9]/);
    expect(text).toMatch(/returns_sync_run_upstream_calls_count\{provider="OMS",account="default"\} [1-9]/);
    const lag = Number(/returns_sync_lag_seconds\{provider="OMS",account="default"\} ([\d.e-]+)/.exec(text)![1]);
    expect(lag).toBeGreaterThanOrEqual(0);
    expect(lag).toBeLessThan(INTERVAL_S + 5);
    expect(text).not.toMatch(/returns_sync_lag_seconds\{provider="QIANYI"/);
  });

  it("records a provider's failure as the account's lastError and a failed run, and recovers", async () => {
    const faults = faultsOf(oms.app);
    faults.set("5xx");
    const failedBefore = await metricValue(app, "returns_sync_runs_total", { provider: "OMS", outcome: "failed" });
    try {
      const until = Date.now() + 10_000;
      let failed = failedBefore;
      while (failed === failedBefore && Date.now() < until) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        failed = await metricValue(app, "returns_sync_runs_total", { provider: "OMS", outcome: "failed" });
      }
      expect(failed).toBeGreaterThan(failedBefore);
      const { data } = await app.gql(ReturnProvidersSyncDocument);
      const sync = data!.returnProviders.find((p) => p.provider === "OMS")!.sync[0]!;
      expect(sync.lastError).toMatch(/PROVIDER_UNAVAILABLE/);
      expect(sync.lastErrorAt).not.toBeNull();
    } finally {
      faults.clear();
    }
    const runs = await runsOf(app, "OMS");
    const until = Date.now() + 10_000;
    let cleared = false;
    while (!cleared && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const { data } = await app.gql(ReturnProvidersSyncDocument);
      cleared = data!.returnProviders.find((p) => p.provider === "OMS")!.sync[0]!.lastError === null && (await runsOf(app, "OMS")) > runs;
    }
    expect(cleared).toBe(true);
  });
});
