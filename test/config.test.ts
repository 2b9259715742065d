import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.js";
import { PROVIDER_MODULES } from "../src/providers/registry.js";

const BUILT = PROVIDER_MODULES.map((m) => m.provider);

const routerAuth = { AUTH_MODE: "router-secret", AUTH_ROUTER_SECRET: "a-long-router-secret" };

const winitEnv = {
  WINIT_BASE_URL: "https://sandboxopenapi.winit.com.cn",
  WINIT_APP_KEY: "k",
  WINIT_TOKEN: "t",
  WINIT_CLIENT_ID: "c",
  WINIT_CLIENT_SECRET: "s",
  WINIT_PLATFORM: "p",
};

describe("configuration", () => {
  it("defaults to port 4001, embedded store and demo providers outside production", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 4001, production: false, databaseUrl: undefined, demoProviders: BUILT, accounts: [] });
    expect(BUILT).toEqual(expect.arrayContaining(["WINIT", "QIMEN"]));
    expect(config.idempotencyTtlMs).toBe(24 * 3600_000);
  });

  it("runs no emulator and lists no unconfigured provider in production", () => {
    expect(loadConfig({ NODE_ENV: "production", ...routerAuth })).toMatchObject({ demoProviders: [], accounts: [] });
  });

  it("turns WINIT_* into the default WINIT account, off the emulator", () => {
    const config = loadConfig({ ...winitEnv, NODE_ENV: "production", ...routerAuth });
    expect(config.demoProviders).toEqual([]);
    expect(config.accounts).toEqual([
      {
        provider: "WINIT",
        account: "default",
        settings: expect.objectContaining({ baseUrl: "https://sandboxopenapi.winit.com.cn", appKey: "k", listWindowDays: 365 }),
      },
    ]);
  });

  it.each([
    [{ PORT: "abc" }, /PORT/],
    [{ PORT: "70000" }, /PORT/],
    [{ LOG_LEVEL: "loud" }, /LOG_LEVEL/],
    [{ DATABASE_URL: "mysql://x" }, /DATABASE_URL/],
    [{ IDEMPOTENCY_TTL_HOURS: "-1" }, /IDEMPOTENCY_TTL_HOURS/],
    [{ WINIT_TOKEN: "t" }, /WINIT_BASE_URL|WINIT_APP_KEY/],
    [{ ...winitEnv, WINIT_BASE_URL: "not a url" }, /WINIT/],
    [{ RETURNS_ACCOUNTS_FILE: "/nonexistent/accounts.json" }, /RETURNS_ACCOUNTS_FILE/],
    [{ NODE_ENV: "production", RETURNS_DEMO: "true", ...routerAuth }, /RETURNS_DEMO/],
    [{ NODE_ENV: "production" }, /AUTH_JWT_SECRET or AUTH_JWKS_URL/],
    [{ AUTH_MODE: "jwt", AUTH_JWT_SECRET: "short" }, /AUTH_JWT_SECRET/],
    [{ AUTH_MODE: "router-secret" }, /AUTH_ROUTER_SECRET/],
    [{ AUTH_MODE: "magic" }, /AUTH_MODE/],
    [{ WINIT_RATE_LIMIT_PER_MINUTE: "fast" }, /WINIT_RATE_LIMIT_PER_MINUTE/],
    [{ OMS_RATE_LIMIT_PER_MINUTE: "0" }, /OMS_RATE_LIMIT_PER_MINUTE/],
    [{ AUTH_MODE: "jwt", AUTH_JWKS_URL: "nope" }, /AUTH_JWKS_URL/],
  ])("stops on a bad value and names the variable: %j", (env, pattern) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(pattern);
  });

  it("listens on every interface with /metrics beside /graphql unless HOST and METRICS_PORT say otherwise", () => {
    expect(loadConfig({})).toMatchObject({ host: undefined, metricsPort: undefined });
    expect(loadConfig({ HOST: "127.0.0.1", METRICS_PORT: "9464" })).toMatchObject({ host: "127.0.0.1", metricsPort: 9464 });
    expect(loadConfig({ HOST: "::1" }).host).toBe("::1");
    expect(() => loadConfig({ HOST: "" })).toThrow(/HOST must be an address or host name/);
    expect(() => loadConfig({ HOST: "http://x/" })).toThrow(/HOST must be an address or host name/);
    expect(() => loadConfig({ METRICS_PORT: "70000" })).toThrow(/METRICS_PORT must be ≤ 65535/);
    expect(() => loadConfig({ PORT: "4001", METRICS_PORT: "4001" })).toThrow(/METRICS_PORT: must differ from PORT/);
  });

  it("labels metrics with the configured operation names only", () => {
    expect(loadConfig({}).metricsOperationNames).toEqual([]);
    expect(loadConfig({ METRICS_OPERATION_NAMES: " ReturnOrders, ReturnOrder,,ReturnOrders " }).metricsOperationNames).toEqual(["ReturnOrders", "ReturnOrder"]);
    expect(() => loadConfig({ METRICS_OPERATION_NAMES: "ReturnOrders,not-a-name" })).toThrow(/METRICS_OPERATION_NAMES must be GraphQL operation names/);
    expect(() => loadConfig({ METRICS_OPERATION_NAMES: Array.from({ length: 501 }, (_, i) => `Op${i}`).join(",") })).toThrow(
      /METRICS_OPERATION_NAMES must name at most 500/,
    );
  });

  it("gives a shutdown 15 s unless told otherwise, and names a bad value", () => {
    expect(loadConfig({}).shutdownTimeoutMs).toBe(15_000);
    expect(loadConfig({ SHUTDOWN_TIMEOUT_MS: "3000" }).shutdownTimeoutMs).toBe(3_000);
    expect(() => loadConfig({ SHUTDOWN_TIMEOUT_MS: "10" })).toThrow(/SHUTDOWN_TIMEOUT_MS must be ≥ 1000/);
  });

  it("bounds WebSocket connections and subscriptions and pings every 12 s unless told otherwise, and names a bad value", () => {
    expect(loadConfig({}).subscriptions).toEqual({ maxConnections: 5_000, maxSubscriptionsPerConnection: 100, keepAliveMs: 12_000 });
    expect(
      loadConfig({ SUBSCRIPTIONS_MAX_CONNECTIONS: "10", SUBSCRIPTIONS_MAX_PER_CONNECTION: "1000", SUBSCRIPTIONS_KEEPALIVE_MS: "30000" }).subscriptions,
    ).toEqual({ maxConnections: 10, maxSubscriptionsPerConnection: 1000, keepAliveMs: 30_000 });
    expect(() => loadConfig({ SUBSCRIPTIONS_MAX_PER_CONNECTION: "0" })).toThrow(/SUBSCRIPTIONS_MAX_PER_CONNECTION must be ≥ 1/);
    expect(() => loadConfig({ SUBSCRIPTIONS_KEEPALIVE_MS: "100" })).toThrow(/SUBSCRIPTIONS_KEEPALIVE_MS must be ≥ 1000/);
  });

  it("limits heap growth to 100 % unless told otherwise, and names a bad value", () => {
    expect(loadConfig({}).heapGrowingPercent).toBe(100);
    expect(loadConfig({ HEAP_GROWING_PERCENT: "0" }).heapGrowingPercent).toBe(0);
    expect(() => loadConfig({ HEAP_GROWING_PERCENT: "-5" })).toThrow(/HEAP_GROWING_PERCENT must be ≥ 0/);
    expect(() => loadConfig({ HEAP_GROWING_PERCENT: "lots" })).toThrow(ConfigError);
  });

  it("bounds each account's calls in flight at 16 unless told otherwise", () => {
    expect(loadConfig({}).http.maxConcurrentCalls).toBe(16);
    expect(loadConfig({ PROVIDER_MAX_CONCURRENT_CALLS: "64" }).http.maxConcurrentCalls).toBe(64);
    expect(() => loadConfig({ PROVIDER_MAX_CONCURRENT_CALLS: "0" })).toThrow(/PROVIDER_MAX_CONCURRENT_CALLS must be ≥ 1/);
  });

  it("reads at most 4 MiB of a provider's answer unless told otherwise, and names a bad value", () => {
    expect(loadConfig({}).http.maxResponseBytes).toBe(4 * 1024 * 1024);
    expect(loadConfig({ PROVIDER_MAX_RESPONSE_BYTES: "65536" }).http.maxResponseBytes).toBe(65536);
    expect(() => loadConfig({ PROVIDER_MAX_RESPONSE_BYTES: "10" })).toThrow(/PROVIDER_MAX_RESPONSE_BYTES must be ≥ 1024/);
  });

  it("serves 64 GraphQL requests at once and lets 1000 wait unless told otherwise", () => {
    expect(loadConfig({}).admission).toEqual({ maxConcurrent: 64, maxQueued: 1000 });
    expect(loadConfig({ MAX_CONCURRENT_OPERATIONS: "8", MAX_QUEUED_OPERATIONS: "0" }).admission).toEqual({ maxConcurrent: 8, maxQueued: 0 });
    expect(() => loadConfig({ MAX_CONCURRENT_OPERATIONS: "0" })).toThrow(/MAX_CONCURRENT_OPERATIONS must be ≥ 1/);
  });

  it("lets one GraphQL request make 100 provider calls unless told otherwise, and names a bad value", () => {
    expect(loadConfig({}).maxProviderCallsPerRequest).toBe(100);
    expect(loadConfig({ MAX_PROVIDER_CALLS_PER_REQUEST: "300" }).maxProviderCallsPerRequest).toBe(300);
    expect(() => loadConfig({ MAX_PROVIDER_CALLS_PER_REQUEST: "0" })).toThrow(/MAX_PROVIDER_CALLS_PER_REQUEST must be ≥ 1/);
    expect(() => loadConfig({ MAX_PROVIDER_CALLS_PER_REQUEST: "many" })).toThrow(/MAX_PROVIDER_CALLS_PER_REQUEST must be a number/);
  });

  it("takes raised provider rate limits", () => {
    expect(loadConfig({ WINIT_RATE_LIMIT_PER_MINUTE: "3000" }).rateLimitsPerMinute).toEqual({ WINIT: 3000 });
  });

  it("turns authentication on by default in production and off in demo mode", () => {
    expect(loadConfig({}).auth.mode).toBe("off");
    expect(loadConfig({ NODE_ENV: "production", AUTH_JWT_SECRET: "x".repeat(32) }).auth).toMatchObject({ mode: "jwt", jwtSecret: "x".repeat(32) });
  });

  it("reads several accounts per provider from RETURNS_ACCOUNTS_FILE", () => {
    const dir = mkdtempSync(join(tmpdir(), "accounts-"));
    const file = join(dir, "accounts.json");
    const account = { baseUrl: "https://openapi.winit.com.cn", appKey: "k", token: "t", clientId: "c", clientSecret: "s", platform: "p" };
    writeFileSync(file, JSON.stringify({ WINIT: { eu: account, us: { ...account, appKey: "k2" } } }));
    const config = loadConfig({ RETURNS_ACCOUNTS_FILE: file });
    expect(config.accounts.map((a) => `${a.provider}/${a.account}`)).toEqual(["WINIT/eu", "WINIT/us"]);
    // The other built providers, unconfigured, still run on their emulators.
    expect(config.demoProviders).toEqual(BUILT.filter((p) => p !== "WINIT"));
    writeFileSync(file, JSON.stringify({ WINIT: { "bad name!": account } }));
    expect(() => loadConfig({ RETURNS_ACCOUNTS_FILE: file })).toThrow(/bad name!/);
    writeFileSync(file, JSON.stringify({ DHL: {} }));
    expect(() => loadConfig({ RETURNS_ACCOUNTS_FILE: file })).toThrow(/unknown provider "DHL"/);
    writeFileSync(file, JSON.stringify({ WINIT: { eu: { ...account, token: "" } } }));
    expect(() => loadConfig({ RETURNS_ACCOUNTS_FILE: file })).toThrow(/WINIT\.eu.*token/);
  });
});
