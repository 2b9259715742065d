/**
 * Bench child: the subgraph alone, configured and started as in production (accounts file, no
 * demo emulators, NODE_ENV=production, the heap growth limit) against the emulators' process.
 * It counts its store queries and samples its own RSS when asked.
 */
import "reflect-metadata";
import { startApplication } from "../../src/application.js";
import { loadConfig } from "../../src/config.js";
import { limitHeapGrowth } from "../../src/heap.js";
import { createLogger } from "../../src/logger.js";
import type { ReturnProvider } from "../../src/returns/model.js";
import { FINAL_STATUSES } from "../../src/sync/account-run.js";
import { serveCommands } from "./ipc.js";

export interface SubgraphReady {
  url: string;
  store: "postgres" | "pglite";
}

export interface RssReport {
  /** RSS when sampling started, bytes. */
  before: number;
  /** Highest RSS sampled every 20 ms while sampling ran, bytes. */
  peak: number;
  /** Samples taken (fewer than duration / 20 ms when the event loop was busy). */
  samples: number;
  /** The kernel's high-water mark for the whole process life (getrusage maxrss), bytes. */
  maxRssLifetime: number;
}

const accountsFile = process.env["BENCH_ACCOUNTS_FILE"];
if (!accountsFile) throw new Error("BENCH_ACCOUNTS_FILE is required");
const config = loadConfig({
  NODE_ENV: "production",
  PORT: "0",
  // Per-operation info logs would flood the bench's terminal; warnings and errors still print.
  LOG_LEVEL: "warn",
  RETURNS_ACCOUNTS_FILE: accountsFile,
  // Production otherwise; the router's authentication is not what this measures.
  AUTH_MODE: "off",
  // The emulators have no quota: the bench measures the subgraph, not the providers' rate limits.
  WINIT_RATE_LIMIT_PER_MINUTE: "10000000",
  QIANYI_RATE_LIMIT_PER_MINUTE: "10000000",
  OMS_RATE_LIMIT_PER_MINUTE: "10000000",
  QIMEN_RATE_LIMIT_PER_MINUTE: "10000000",
  ...(process.env["BENCH_DATABASE_URL"] ? { DATABASE_URL: process.env["BENCH_DATABASE_URL"] } : {}),
  // The sync's calls would count in every other scenario's figures: only the sync scenario turns it on.
  RETURNS_SYNC_INTERVAL_SECONDS: "0",
  // For comparisons: HEAP_GROWING_PERCENT=0 (V8's own heap growth), MAX_CONCURRENT_OPERATIONS=10000 (no admission limit);
  // the fairness scenario sets MAX_PROVIDER_CALLS_PER_REQUEST for its subgraph without a budget.
  ...Object.fromEntries(
    [
      "HEAP_GROWING_PERCENT",
      "MAX_CONCURRENT_OPERATIONS",
      "MAX_PROVIDER_CALLS_PER_REQUEST",
      "RETURNS_SYNC_INTERVAL_SECONDS",
      "RETURNS_SYNC_MAX_CALLS_PER_RUN",
      "RETURNS_SYNC_OVERLAP_SECONDS",
    ].flatMap((name) => (process.env[name] ? [[name, process.env[name]!]] : [])),
  ),
});
limitHeapGrowth(config.heapGrowingPercent);
const logger = createLogger(config.logLevel);
const app = await startApplication({
  config,
  logger,
  inMemoryStore: true,
  service: { batching: process.env["BENCH_BATCHING"] !== "false" },
});

let storeQueries = 0;
const sql = app.store.sql;
const query = sql.query.bind(sql);
// Counting wrapper: every OrderStore read and write goes through sql.query.
(sql as { query: typeof sql.query }).query = (text, params) => {
  storeQueries++;
  return query(text, params);
};

/** Every sync run as it ends (the metrics' observer, watched): when, its calls and the orders it read. */
const syncRuns: { provider: string; endedAt: number; calls: number; orders: number }[] = [];
const observeRun = app.metrics.syncRun.bind(app.metrics);
app.metrics.syncRun = (provider, account, outcome, calls, orders) => {
  syncRuns.push({ provider, endedAt: Date.now(), calls, orders });
  observeRun(provider, account, outcome, calls, orders);
};

/**
 * When each changed order's OBSERVED event with its new status code was first seen here (polled
 * every 50 ms), and the calls of the run that found them: the first run ending after the change
 * that read at least as many orders as were changed.
 */
async function waitObserved(provider: ReturnProvider, changed: Record<string, string>, since: number, timeoutMs: number) {
  const until = Date.now() + timeoutMs;
  const keys = Object.keys(changed).map((providerOrderNo) => ({ provider, account: "default", providerOrderNo }));
  const seenAt: Record<string, number> = {};
  const found = () => syncRuns.find((r) => r.provider === provider && r.endedAt >= since && r.orders >= keys.length);
  while ((Object.keys(seenAt).length < keys.length || !found()) && Date.now() < until) {
    const events = await app.store.events.eventsOf(keys.filter((k) => !(k.providerOrderNo in seenAt)));
    for (const [key, list] of events) {
      const no = key.split("\u0000")[2]!;
      if (list.some((e) => e.source === "OBSERVED" && e.providerStatus === changed[no])) seenAt[no] = Date.now();
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { seenAt, runCalls: found()?.calls ?? null };
}

let sampler: { timer: NodeJS.Timeout; before: number; peak: number; samples: number } | null = null;

serveCommands(
  {
    resetStoreQueries() {
      storeQueries = 0;
    },
    storeQueries: () => storeQueries,
    rssStart() {
      const before = process.memoryUsage().rss;
      const state = {
        before,
        peak: before,
        samples: 0,
        timer: setInterval(() => {
          state.samples++;
          state.peak = Math.max(state.peak, process.memoryUsage().rss);
        }, 20),
      };
      sampler = state;
    },
    rssStop(): RssReport {
      if (!sampler) throw new Error("rssStart first");
      clearInterval(sampler.timer);
      const report = {
        before: sampler.before,
        peak: Math.max(sampler.peak, process.memoryUsage().rss),
        samples: sampler.samples,
        maxRssLifetime: process.resourceUsage().maxRSS * 1024,
      };
      sampler = null;
      return report;
    },
    rss: () => process.memoryUsage().rss,
    /** The sync scenario: what the sync knows and when it saw what (nobody reads the orders meanwhile). */
    syncStates: () => app.sync.states(),
    openOrders: (args: { provider: ReturnProvider }) => app.store.sync.openOrders({ provider: args.provider, account: "default" }, FINAL_STATUSES, 100_000),
    waitObserved: (args: { provider: ReturnProvider; changed: Record<string, string>; since: number; timeoutMs: number }) =>
      waitObserved(args.provider, args.changed, args.since, args.timeoutMs),
    cpu: () => process.cpuUsage(),
  },
  { url: app.url, store: app.store.sql.kind } satisfies SubgraphReady,
);

process.on("SIGTERM", () => {
  void app.close().finally(() => process.exit(0));
});
