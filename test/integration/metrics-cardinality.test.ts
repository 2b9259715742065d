import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ReturnOrdersDocument } from "../generated/graphql.js";
import { startTestApp, type TestApp } from "../helpers/app.js";

const scrape = async (app: TestApp) => (await fetch(app.metricsUrl)).text();
const series = (text: string, prefix: string) => text.split("\n").filter((line) => line.startsWith(prefix));
const operationLabels = (text: string) => new Set([...text.matchAll(/^returns_graphql_[a-z_]+\{[^}]*operation="([^"]*)"/gm)].map((m) => m[1]));

describe("metrics of a replica", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { METRICS_OPERATION_NAMES: "ReturnOrders, Unused" } });
  });
  afterAll(async () => {
    await app.close();
  });

  const named = async (name: string) => {
    const response = await app.post({ query: `query ${name} { __typename }`, operationName: name });
    expect(response.status).toBe(200);
  };

  it("keeps the series count bounded whatever operation names clients send", async () => {
    await app.gql(ReturnOrdersDocument, { first: 1, filter: { providers: ["OMS"] } });
    await named(`Random_${randomBytes(6).toString("hex")}`);
    const afterOne = series(await scrape(app), "returns_graphql_").length;
    for (let i = 0; i < 99; i++) await named(`Random_${randomBytes(6).toString("hex")}`);
    const text = await scrape(app);
    expect(series(text, "returns_graphql_").length).toBe(afterOne);
    expect(operationLabels(text)).toEqual(new Set(["ReturnOrders", "other"]));
    expect(text).toMatch(/returns_graphql_operations_total\{operation="other",outcome="ok"\} 100/);
  });

  it("names the process and Node.js metrics as Prometheus does, without the subgraph's prefix", async () => {
    const text = await scrape(app);
    for (const name of ["process_cpu_seconds_total", "process_resident_memory_bytes", "nodejs_heap_size_used_bytes", "nodejs_eventloop_lag_seconds"]) {
      expect(text).toMatch(new RegExp(`^${name}[ {]`, "m"));
    }
    expect(text).not.toMatch(/^returns_(process|nodejs)_/m);
  });

  it("labels provider calls with their account, and the breaker state by name", async () => {
    await app.gql(ReturnOrdersDocument, { first: 1, filter: { providers: ["WINIT"] } });
    const text = await scrape(app);
    expect(text).toMatch(
      /returns_provider_calls_total\{provider="WINIT",account="default",operation="rma.returnGoodsOrder.queryReturnOderList",outcome="ok"\} \d+/,
    );
    expect(text).toMatch(
      /returns_provider_call_duration_seconds_count\{provider="WINIT",account="default",operation="rma.returnGoodsOrder.queryReturnOderList"\} \d+/,
    );
    const winitBreaker = series(text, 'returns_provider_breaker_state{provider="WINIT",account="default"');
    expect(winitBreaker.sort()).toEqual(
      [
        'returns_provider_breaker_state{provider="WINIT",account="default",state="closed"} 1',
        'returns_provider_breaker_state{provider="WINIT",account="default",state="half-open"} 0',
        'returns_provider_breaker_state{provider="WINIT",account="default",state="open"} 0',
        'returns_provider_breaker_state{provider="WINIT",account="default",state="isolated"} 0',
      ].sort(),
    );
  });
});
