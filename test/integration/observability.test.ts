import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";
import { faultsOf } from "../helpers/faults.js";
import { listenOnLoopback, type RunningEmulator } from "../../src/demo/emulator-server.js";
import type { QianyiEmulator } from "../../src/demo/qianyi/emulator.js";
import { CreateReturnOrderDocument, ReturnOrdersDeepDocument, ReturnOrdersDocument } from "../generated/graphql.js";
import { startTestApp, type TestApp } from "../helpers/app.js";

type LogLine = Record<string, unknown>;

describe("logs and metrics", () => {
  let app: TestApp;
  const lines: LogLine[] = [];
  const raw: string[] = [];
  beforeAll(async () => {
    app = await startTestApp({
      env: { METRICS_OPERATION_NAMES: "ReturnOrdersDeep" },
      logDestination: {
        write(line: string) {
          raw.push(line);
          lines.push(JSON.parse(line) as LogLine);
        },
      },
    });
  });
  afterAll(async () => {
    await app.close();
  });

  it("logs each operation and each provider call as JSON with the router's request id", async () => {
    await app.gql(ReturnOrdersDocument, { first: 5, filter: { providers: ["WINIT"] } }, { "x-request-id": "router-req-42" });
    const mine = lines.filter((l) => l["requestId"] === "router-req-42");
    expect(mine).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ msg: "graphql operation", operationName: "ReturnOrders", outcome: "ok", durationMs: expect.any(Number) }),
        expect.objectContaining({
          msg: "provider call",
          provider: "WINIT",
          account: "default",
          operation: "rma.returnGoodsOrder.queryReturnOderList",
          outcome: "ok",
          durationMs: expect.any(Number),
        }),
      ]),
    );
    expect(mine.every((l) => l["level"] === 30)).toBe(true);
  });

  it("serves concurrent identical pages from one provider call, and marks answers uncacheable", async () => {
    const ids = ["same-page-1", "same-page-2", "same-page-3"];
    const query = { query: "query($f: ReturnOrderFilter) { returnOrders(first: 7, filter: $f) { nodes { id } } }", variables: { f: { providers: ["WINIT"] } } };
    // WINIT answers 300 ms late, so all three pages are in flight while its one call runs.
    faultsOf(app.winit.app).set("latency", { latencyMs: 300, times: 1 });
    const answers = await Promise.all(ids.map((id) => app.post(query, { "x-request-id": id })));
    const bodies = await Promise.all(answers.map((a) => a.json() as Promise<{ data?: unknown }>));
    expect(bodies.every((b) => JSON.stringify(b.data) === JSON.stringify(bodies[0]!.data) && b.data)).toBe(true);
    expect(answers.map((a) => a.headers.get("cache-control"))).toEqual(["no-store", "no-store", "no-store"]);
    // nothing may be cached, so no body is hashed for an ETag
    expect(answers.map((a) => a.headers.get("etag"))).toEqual([null, null, null]);
    const calls = lines.filter((l) => ids.includes(l["requestId"] as string) && l["msg"] === "provider call");
    expect(calls).toHaveLength(1);
  });

  it("never writes provider secrets or the sender's phone and email into the logs", async () => {
    await app.gql(CreateReturnOrderDocument, {
      input: {
        provider: "WINIT",
        warehouseCode: "US0001",
        sender: { name: "n", country: "US", city: "c", postcode: "1", address1: "a", phone: "+1-555-0100-777", email: "buyer-secret@example.com" },
        lines: [{ sku: "SKU-003", quantity: 1 }],
        winit: { winitProductCode: "OSF521006534", packageLength: 11.22, packageWidth: 11.12, packageHeight: 11.12, packageWeight: 0.61 },
      },
    });
    const text = raw.join("");
    const settings = app.registry.all().length;
    expect(settings).toBeGreaterThan(0);
    expect(text).not.toContain("+1-555-0100-777");
    expect(text).not.toContain("buyer-secret@example.com");
    // the logger redacts secret-bearing keys wherever they appear
    const captured: string[] = [];
    const logger = createLogger("info", { write: (l: string) => captured.push(l) } as never);
    logger.info({ account: { token: "T0KEN", appSecret: "S3CRET", sign: "SIG", sender: { phone: "123", email: "e@x" } }, authorization: "Bearer abc" }, "x");
    expect(captured.join("")).not.toMatch(/T0KEN|S3CRET|SIG|"123"|e@x/);
  });

  it("serves Prometheus metrics for operations, provider calls, batches, breakers, rate limits and pushes", async () => {
    await app.gql(ReturnOrdersDeepDocument, { first: 10 });
    const qianyi = app.emulators.QIANYI as QianyiEmulator;
    const [someNumber] = [...qianyi.orders.keys()];
    await qianyi.pushStatus(someNumber!, "FINISH");
    const response = await fetch(`${app.url}/metrics`);
    expect(response.headers.get("content-type")).toContain("text/plain");
    const text = await response.text();
    expect(text).toMatch(/returns_graphql_operations_total\{operation="ReturnOrdersDeep",outcome="ok"\} \d+/);
    expect(text).toMatch(
      /returns_provider_calls_total\{provider="WINIT",account="default",operation="rma.returnGoodsOrder.queryReturnOderList",outcome="ok"\} \d+/,
    );
    expect(text).toMatch(/returns_provider_call_duration_seconds_bucket\{le="0.1",provider="OMS"/);
    expect(text).toMatch(/returns_dataloader_batch_size_count\{loader="events"\} [1-9]/);
    expect(text).toMatch(/returns_provider_breaker_state\{provider="QIMEN",account="default",state="closed"\} 1/);
    expect(text).toMatch(/returns_provider_rate_limit_waiting\{provider="WINIT",account="default"\} 0/);
    expect(text).toMatch(/returns_webhook_pushes_total\{provider="QIANYI",outcome="handled"\} 1/);
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
  });
});

describe("OpenTelemetry traces", () => {
  let collector: RunningEmulator;
  let app: TestApp;
  const batches: unknown[] = [];
  beforeAll(async () => {
    const server = express();
    server.use(express.json({ limit: "10mb" }));
    server.post("/v1/traces", (req, res) => {
      batches.push(req.body);
      res.json({});
    });
    collector = await listenOnLoopback(server);
    app = await startTestApp({ env: { OTEL_EXPORTER_OTLP_ENDPOINT: collector.url } });
  });
  afterAll(async () => {
    await app.close();
    await collector.close();
  });

  it("exports provider calls as client spans inside the request's span", async () => {
    await app.gql(ReturnOrdersDocument, { first: 3, filter: { providers: ["WINIT"] } });
    await app.flushTraces();
    type Span = { name: string; traceId: string; spanId: string; parentSpanId?: string; kind: number };
    const spans = (batches as { resourceSpans: { scopeSpans: { spans: Span[] }[] }[] }[]).flatMap((b) =>
      b.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans)),
    );
    const call = spans.find((s) => s.name === "WINIT rma.returnGoodsOrder.queryReturnOderList");
    expect(call).toBeDefined();
    expect(call!.kind).toBe(3); // CLIENT
    const parent = spans.find((s) => s.spanId === call!.parentSpanId);
    expect(parent).toMatchObject({ traceId: call!.traceId, kind: 2 }); // SERVER
  });
});
