import type { Express } from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { faultsOf, type FaultSwitch } from "../helpers/faults.js";
import { ReturnOrdersDocument } from "../generated/graphql.js";
import { startTestApp, type TestApp } from "../helpers/app.js";

type Report = {
  ready: boolean;
  store: string;
  providers: { provider: string; account: string; status: string; breaker: string; lastOutcome?: string; lastCallAt?: string }[];
};

describe("readiness of a replica", () => {
  let app: TestApp;
  let switches: FaultSwitch[];
  beforeAll(async () => {
    app = await startTestApp({ http: { breakerThreshold: 2, breakerHalfOpenAfterMs: 60_000, readRetries: 0 } });
    switches = Object.values(app.emulators).map((emulator) => faultsOf((emulator as { app: Express }).app));
  });
  afterAll(async () => {
    await app.close();
  });

  const probe = async () => {
    const response = await fetch(`${app.url}/readyz`);
    return { status: response.status, report: (await response.json()) as Report };
  };

  it("makes no provider call, however often it is probed", async () => {
    expect(switches.length).toBe(4);
    // A fault that lets every request through but counts it: the emulators' own view of the calls.
    for (const s of switches) s.set("latency", { latencyMs: 0 });
    for (let i = 0; i < 10; i++) expect((await probe()).status).toBe(200);
    expect(switches.map((s) => s.hits)).toEqual([0, 0, 0, 0]);
    for (const s of switches) s.clear();
  });

  it("stays ready while a provider is down, and shows that provider from its traffic and breaker", async () => {
    expect((await app.gql(ReturnOrdersDocument, { first: 5 })).data?.returnOrders.providerErrors).toEqual([]);
    const before = await probe();
    // Qimen lists come from the store: no call, so nothing is known of the warehouse yet.
    const called = before.report.providers.filter((p) => p.provider !== "QIMEN");
    expect(called.every((p) => p.status === "ok" && p.lastOutcome === "ok" && p.breaker === "closed")).toBe(true);
    expect(before.report.providers.find((p) => p.provider === "QIMEN")).toEqual({
      provider: "QIMEN",
      account: "default",
      status: "unknown",
      breaker: "closed",
    });

    faultsOf(app.winit.app).set("5xx");
    for (let i = 0; i < 2; i++) {
      const page = await app.gql(ReturnOrdersDocument, { first: 5 });
      expect(page.data?.returnOrders.providerErrors).toEqual([expect.objectContaining({ provider: "WINIT", code: "PROVIDER_UNAVAILABLE" })]);
      expect(page.data?.returnOrders.nodes.length).toBeGreaterThan(0);
    }
    const { status, report } = await probe();
    expect(status).toBe(200);
    expect(report).toMatchObject({ ready: true, store: "ok" });
    expect(report.providers.find((p) => p.provider === "WINIT")).toMatchObject({
      account: "default",
      status: "down",
      breaker: "open",
      lastOutcome: "unavailable",
      lastCallAt: expect.any(String),
    });
    expect(report.providers.filter((p) => p.provider !== "WINIT").map((p) => p.status)).not.toContain("down");
    faultsOf(app.winit.app).clear();
  });
});
