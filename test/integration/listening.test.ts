import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../helpers/app.js";

describe("where a replica listens", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { HOST: "127.0.0.1", METRICS_PORT: "0" } });
  });
  afterAll(async () => {
    await app.close();
  });

  it("binds to HOST", () => {
    expect((app.server.address() as AddressInfo).address).toBe("127.0.0.1");
  });

  it("serves /metrics on METRICS_PORT only, not beside /graphql", async () => {
    const own = await fetch(app.metricsUrl);
    expect(own.status).toBe(200);
    expect(await own.text()).toContain("returns_graphql_requests_waiting");
    expect(new URL(app.metricsUrl).port).not.toBe(new URL(app.url).port);
    const main = await fetch(`${app.url}/metrics`);
    expect(main.status).toBe(404);
    expect(await main.json()).toEqual({ error: { code: "NOT_FOUND", message: "No such route." } });
    // and the metrics port serves nothing else
    expect((await fetch(new URL("/graphql", app.metricsUrl))).status).toBe(404);
    expect((await app.post({ query: "{ __typename }" })).status).toBe(200);
  });
});
