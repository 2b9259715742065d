import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.js";
import { CreateReturnOrderDocument, ReturnProvidersSyncDocument, type ReturnOrderCreateInput } from "../generated/graphql.js";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { waitFor } from "./helpers.js";

describe("the sync's settings", () => {
  it("reads the interval per provider, the rate share, the run bound and the opt-ins", () => {
    const { sync } = loadConfig({
      NODE_ENV: "test",
      RETURNS_SYNC_INTERVAL_SECONDS: "30",
      RETURNS_SYNC_INTERVAL_SECONDS_WINIT: "0",
      RETURNS_SYNC_RATE_SHARE: "0.25",
      RETURNS_SYNC_MAX_CALLS_PER_RUN: "7",
      RETURNS_SYNC_QIMEN: "1",
    });
    expect(sync.intervalSeconds).toEqual({ OMS: 30, QIANYI: 30, WINIT: 0, QIMEN: 30 });
    expect(sync).toMatchObject({ rateShare: 0.25, maxCallsPerRun: 7, optedIn: ["QIMEN"], overlapSeconds: 120 });
    expect(loadConfig({ NODE_ENV: "test" }).sync).toMatchObject({ rateShare: 0.5, optedIn: [], intervalSeconds: { OMS: 60 } });
  });

  it.each([
    ["RETURNS_SYNC_INTERVAL_SECONDS", "-1"],
    ["RETURNS_SYNC_INTERVAL_SECONDS_OMS", "soon"],
    ["RETURNS_SYNC_RATE_SHARE", "0"],
    ["RETURNS_SYNC_RATE_SHARE", "2"],
    ["RETURNS_SYNC_MAX_CALLS_PER_RUN", "0"],
    ["RETURNS_SYNC_QIMEN", "yes"],
  ])("refuses %s=%s naming the variable", (name, value) => {
    expect(() => loadConfig({ NODE_ENV: "test", [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: "test", [name]: value })).toThrow(name);
  });
});

describe("Qimen's sync, when asked for", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { RETURNS_SYNC_INTERVAL_SECONDS: "1", RETURNS_SYNC_QIMEN: "1", RETURNS_SYNC_INTERVAL_SECONDS_QIANYI: "0" } });
  }, 60_000);
  afterAll(async () => {
    await app.close();
  });

  it("asks the warehouse for the open orders it holds through returnorder.query", async () => {
    const input: ReturnOrderCreateInput = {
      provider: "QIMEN",
      warehouseCode: "W1234",
      outboundOrderNo: "PD-SYNC-1",
      reason: "破损退货",
      sender: { name: "老王", mobile: "13214567869", province: "浙江省", city: "杭州", address1: "余杭区989号" },
      lines: [{ sku: "I1234", quantity: 1 }],
      qimen: { ownerCode: "HZ1234", logisticsCode: "SF", orderFlags: ["VISIT"] },
    };
    const created = (await app.gql(CreateReturnOrderDocument, { input })).data!.returnOrderCreate;
    if (created.__typename !== "ReturnOrderCreated") throw new Error(JSON.stringify(created));
    const queries = () => app.qimen.calls.filter((c) => c.method === "taobao.qimen.returnorder.query").length;
    const before = queries();
    expect(await waitFor(() => queries() > before, 10_000)).toBe(true);
    const { data } = await app.gql(ReturnProvidersSyncDocument);
    expect(data!.returnProviders.find((p) => p.provider === "QIMEN")!.sync[0]).toMatchObject({ enabled: true, intervalSeconds: 1 });
  });
});
