import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { faultsOf } from "../helpers/faults.js";
import { ReturnOrdersDocument } from "../generated/graphql.js";
import { startTestApp, type TestApp } from "../helpers/app.js";

describe("the circuit breaker of a provider account", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ http: { breakerThreshold: 3, breakerHalfOpenAfterMs: 400, readRetries: 0 } });
  });
  afterAll(async () => {
    await app.close();
  });

  it("opens after repeated failures, fails fast while open, shows in /readyz, and closes when the provider is back", async () => {
    const faults = faultsOf(app.winit.app);
    faults.set("5xx");
    const list = () => app.gql(ReturnOrdersDocument, { first: 5, filter: { providers: ["WINIT", "OMS"] } });
    for (let i = 0; i < 3; i++) {
      const page = await list();
      expect(page.data?.returnOrders.providerErrors).toEqual([expect.objectContaining({ provider: "WINIT", code: "PROVIDER_UNAVAILABLE" })]);
    }
    const hitsWhenOpened = faults.hits;
    const failFast = await list();
    expect(failFast.data?.returnOrders.providerErrors[0]?.message).toContain("circuit open");
    // the OMS is unaffected and still served
    expect(failFast.data?.returnOrders.nodes.length).toBeGreaterThan(0);
    expect(failFast.data?.returnOrders.nodes.every((n) => n.provider === "OMS")).toBe(true);
    expect(faults.hits).toBe(hitsWhenOpened);

    // shown, not gating: the replica still serves every other provider
    const ready = await fetch(`${app.url}/readyz`);
    expect(ready.status).toBe(200);
    const report = (await ready.json()) as { providers: { provider: string; breaker: string; status: string }[] };
    expect(report.providers.find((p) => p.provider === "WINIT")).toMatchObject({ breaker: "open", status: "down" });

    faults.clear();
    await new Promise((r) => setTimeout(r, 450));
    const recovered = await list();
    expect(recovered.data?.returnOrders.providerErrors).toEqual([]);
    expect(recovered.data?.returnOrders.nodes.some((n) => n.provider === "WINIT")).toBe(true);
    expect(app.registry.breakerStates().find((b) => b.provider === "WINIT")?.state).toBe("closed");
  });
});
