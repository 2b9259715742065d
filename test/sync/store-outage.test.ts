import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ReturnProvidersSyncDocument } from "../generated/graphql.js";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { openOutageStore, type OutageStore } from "../helpers/store-outage.js";
import { runsOf } from "./helpers.js";

// The sync on a store that goes away: no run, no crash, no unhandled rejection; it resumes after.

describe("the sync during a store outage", () => {
  let outage: OutageStore;
  let app: TestApp;
  beforeAll(async () => {
    outage = await openOutageStore();
    app = await startTestApp({
      store: outage.store,
      env: { RETURNS_SYNC_INTERVAL_SECONDS: "1", RETURNS_SYNC_INTERVAL_SECONDS_QIANYI: "0", RETURNS_SYNC_INTERVAL_SECONDS_WINIT: "0" },
    });
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await outage?.close();
  });

  it("skips runs while the store is down, still answers returnProviders, and runs again once it is back", async () => {
    const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    await wait(1_500);
    await outage.down();
    await wait(500);
    const during = await runsOf(app, "OMS");
    await wait(2_500);
    expect(await runsOf(app, "OMS")).toBe(during);
    const { data, errors } = await app.gql(ReturnProvidersSyncDocument);
    expect(errors).toBeUndefined();
    expect(data!.returnProviders.find((p) => p.provider === "OMS")!.sync[0]).toMatchObject({ enabled: true, syncedAt: null });
    await outage.restore();
    const until = Date.now() + 10_000;
    while ((await runsOf(app, "OMS")) === during && Date.now() < until) await wait(100);
    expect(await runsOf(app, "OMS")).toBeGreaterThan(during);
  }, 30_000);
});
