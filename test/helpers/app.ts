import { randomBytes } from "node:crypto";
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { print } from "graphql";
import type { Express } from "express";
import pg from "pg";
import { startApplication, type Application } from "../../src/application.js";
import { loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/logger.js";
import type { HttpPolicy } from "../../src/providers/kit/http.js";
import type { ReturnProvider } from "../../src/returns/model.js";
import type { QimenEmulator } from "../../src/demo/qimen/emulator.js";
import type { WinitEmulator } from "../../src/demo/winit/emulator.js";
import type { ServiceOptions } from "../../src/returns/service.js";
import { openStore, type Store } from "../../src/store/index.js";
import { attachFaults, FaultSwitch } from "./faults.js";

/** Set by .ci/run: the whole suite runs once on PGlite and once on this PostgreSQL server. */
export const TEST_DATABASE_URL = process.env["TEST_DATABASE_URL"];

/** A fresh, empty PostgreSQL schema on the test server (one per test app), as a connection URL. */
export async function freshPostgresUrl(): Promise<string> {
  const schema = `t_${randomBytes(6).toString("hex")}`;
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  await client.query(`CREATE SCHEMA ${schema}`);
  await client.end();
  const url = new URL(TEST_DATABASE_URL!);
  url.searchParams.set("options", `-c search_path=${schema}`);
  return url.toString();
}

/** A store for tests: PGlite in memory, or a fresh schema on TEST_DATABASE_URL. */
export async function openTestStore(url?: string): Promise<Store> {
  const databaseUrl = url ?? (TEST_DATABASE_URL ? await freshPostgresUrl() : undefined);
  return openStore({ databaseUrl, idempotencyTtlMs: 24 * 3600_000, idempotencyLeaseMs: 30_000 });
}

export interface TestApp extends Application {
  winit: WinitEmulator;
  qimen: QimenEmulator;
  gql<R, V>(
    document: TypedDocumentNode<R, V>,
    variables?: V,
    headers?: Record<string, string>,
  ): Promise<{ data?: R; errors?: { message: string; extensions?: Record<string, unknown> }[] }>;
  post(body: unknown, headers?: Record<string, string>): Promise<Response>;
}

export interface TestAppOptions {
  /** Where the app logs (default: nowhere). */
  logDestination?: { write(line: string): void };
  logLevel?: string;
  env?: Record<string, string>;
  service?: Partial<ServiceOptions>;
  store?: Store;
  clock?: () => Date;
  /** Overrides of the provider HTTP policy beyond what the environment can set (e.g. the breaker). */
  http?: Partial<HttpPolicy>;
}

/** The whole subgraph on a loopback port, its providers on their emulators unless `env` says otherwise. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  // No sync unless a test asks for it: its calls would change every other test's call counts.
  const config = loadConfig({
    NODE_ENV: "test",
    PORT: "0",
    LOG_LEVEL: "silent",
    PROVIDER_TIMEOUT_MS: "2000",
    PROVIDER_READ_RETRIES: "0",
    RETURNS_SYNC_INTERVAL_SECONDS: "0",
    ...options.env,
  });
  config.http = { ...config.http, ...options.http };
  if (TEST_DATABASE_URL && !options.store) config.databaseUrl = await freshPostgresUrl();
  // One fault switch in front of each demo emulator; `faultsOf(emulator.app)` finds it.
  const faults = new Map<ReturnProvider, FaultSwitch>();
  const app = await startApplication({
    config,
    demoMiddleware: (provider) => {
      const switchOf = new FaultSwitch();
      faults.set(provider, switchOf);
      return [switchOf.middleware()];
    },
    logger: options.logDestination ? createLogger(options.logLevel ?? "info", options.logDestination as never) : createLogger("silent"),
    inMemoryStore: true,
    store: options.store,
    service: options.service,
    clock: options.clock,
  });
  for (const [provider, switchOf] of faults) attachFaults((app.emulators[provider] as { app: Express }).app, switchOf);
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${app.url}/graphql`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
  return {
    ...app,
    winit: app.emulators.WINIT as WinitEmulator,
    qimen: app.emulators.QIMEN as QimenEmulator,
    post,
    async gql(document, variables, headers) {
      const response = await post({ query: print(document), variables }, headers);
      return (await response.json()) as never;
    },
  };
}
