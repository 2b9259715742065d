import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../helpers/app.js";

describe("HTTP surface in development", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  it("serves the embedded Sandbox landing page at / and /graphql for browsers", async () => {
    for (const path of ["/", "/graphql"]) {
      const response = await fetch(`${app.url}${path}`, { headers: { accept: "text/html" } });
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(html).toContain("<!DOCTYPE html>");
      expect(html.toLowerCase()).toContain("sandbox");
    }
  });

  it("answers /healthz and /readyz as JSON", async () => {
    expect(await (await fetch(`${app.url}/healthz`)).json()).toEqual({ status: "ok" });
    const ready = await fetch(`${app.url}/readyz`);
    expect(ready.status).toBe(200);
    // Before any traffic nothing is known of the providers, and readiness asks none of them.
    const expected = app.registry.all().map((a) => ({ provider: a.provider, account: a.account, status: "unknown", breaker: "closed" }));
    expect(expected.map((p) => p.provider)).toContain("WINIT");
    expect(await ready.json()).toEqual({ ready: true, store: "ok", providers: expected });
  });

  it("keeps graphql-js's suggestions outside production, where the schema is open anyway", async () => {
    const answer = (await (await app.post({ query: "{ returnOrders(filter: { statuses: [OPN] }) { nodes { id } } }" })).json()) as {
      errors: { message: string }[];
    };
    expect(answer.errors[0]!.message).toContain('Did you mean the enum value "OPEN"?');
  });

  it("allows introspection outside production", async () => {
    const response = await app.post({ query: "{ __schema { queryType { name } } }" });
    expect(await response.json()).toEqual({ data: { __schema: { queryType: { name: "Query" } } } });
  });

  it("answers malformed requests with typed errors and no stack traces", async () => {
    const bad = await fetch(`${app.url}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: "{not json" });
    expect(bad.status).toBe(400);
    const text = await bad.text();
    expect(text).not.toMatch(/at .*\.(ts|js):\d+/);
    const invalid = await app.post({ query: "{ nope }" });
    const body = (await invalid.json()) as { errors: { extensions: { code: string; stacktrace?: unknown } }[] };
    expect(body.errors[0]!.extensions.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(body.errors[0]!.extensions.stacktrace).toBeUndefined();
    const unknown = await fetch(`${app.url}/nope`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: { code: "NOT_FOUND", message: "No such route." } });
  });

  it("refuses `first` over 100 and tampered cursors as BAD_USER_INPUT", async () => {
    const tooMany = (await (await app.post({ query: "{ returnOrders(first: 101) { nodes { id } } }" })).json()) as {
      errors: { message: string; extensions: { code: string } }[];
    };
    expect(tooMany.errors[0]!.extensions.code).toBe("BAD_USER_INPUT");
    expect(tooMany.errors[0]!.message).toContain("100");
    for (const after of ["garbage!", Buffer.from('{"v":1,"f":"x","p":{}}').toString("base64url"), Buffer.from("[1,2]").toString("base64url")]) {
      const body = (await (await app.post({ query: "query($a: String) { returnOrders(after: $a) { nodes { id } } }", variables: { a: after } })).json()) as {
        errors: { extensions: { code: string } }[];
      };
      expect(body.errors[0]!.extensions.code).toBe("BAD_USER_INPUT");
    }
  });
});

describe("HTTP surface in production", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { NODE_ENV: "production", AUTH_MODE: "router-secret", AUTH_ROUTER_SECRET: "router-secret-for-tests" } });
  });
  afterAll(async () => {
    await app.close();
  });

  it("has no landing page and no introspection, and no unconfigured provider", async () => {
    const page = await fetch(`${app.url}/`, { headers: { accept: "text/html" } });
    expect((await page.text()).toLowerCase()).not.toContain("sandbox");
    const router = { "x-router-secret": "router-secret-for-tests" };
    const introspection = (await (await app.post({ query: "{ __schema { queryType { name } } }" }, router)).json()) as { errors?: unknown[] };
    expect(introspection.errors?.length).toBeGreaterThan(0);
    const providers = (await (await app.post({ query: "{ returnProviders { provider } }" }, router)).json()) as { data: unknown };
    expect(providers.data).toEqual({ returnProviders: [] });
  });

  /** Operations a client gets slightly wrong, each of which graphql-js answers with a suggestion outside production. */
  const MISTAKES: [string, { query: string; variables?: Record<string, unknown> }, string][] = [
    [
      "an enum value in the query",
      { query: "{ returnOrders(filter: { statuses: [OPN] }) { nodes { id } } }" },
      'Value "OPN" does not exist in "ReturnOrderStatus" enum.',
    ],
    [
      "an enum value in a variable",
      { query: "query($f: ReturnOrderFilter) { returnOrders(filter: $f) { nodes { id } } }", variables: { f: { statuses: ["OPN"] } } },
      'Value "OPN" does not exist in "ReturnOrderStatus" enum.',
    ],
    [
      "an input field in the query",
      { query: "{ returnOrders(filter: { statusez: [OPEN] }) { nodes { id } } }" },
      'Field "statusez" is not defined by type "ReturnOrderFilter".',
    ],
    [
      "an input field in a variable",
      { query: "query($f: ReturnOrderFilter) { returnOrders(filter: $f) { nodes { id } } }", variables: { f: { statusez: ["OPEN"] } } },
      'Field "statusez" is not defined by type "ReturnOrderFilter".',
    ],
    ["an argument", { query: "{ returnOrders(frist: 1) { nodes { id } } }" }, 'Unknown argument "frist" on field "Query.returnOrders".'],
    ["a type", { query: "query($f: ReturnOrderFiltr) { returnOrders(filter: $f) { nodes { id } } }" }, 'Unknown type "ReturnOrderFiltr".'],
    ["a field", { query: "{ returnOrderz { nodes { id } } }" }, 'Cannot query field "returnOrderz" on type "Query".'],
  ];

  it.each(MISTAKES)("names the mistake in %s without suggesting what the schema holds", async (_, body, named) => {
    const answer = (await (await app.post(body, { "x-router-secret": "router-secret-for-tests" })).json()) as { errors: { message: string }[] };
    expect(answer.errors.length).toBeGreaterThan(0);
    expect(answer.errors.map((e) => e.message).join("\n")).toContain(named);
    expect(JSON.stringify(answer)).not.toMatch(/did you mean/i);
  });
});
