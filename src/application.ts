import { createServer, type Server } from "node:http";
import type { RequestHandler } from "express";
import type { Redis } from "ioredis";
import type { AppConfig } from "./config.js";
import type { Logger } from "./logger.js";
import type { ProviderCallObserver } from "./providers/kit/http.js";
import { PROVIDER_MODULES, ProviderRegistry, type ConfiguredAccount } from "./providers/registry.js";
import type { ReturnProvider } from "./returns/model.js";
import { ReturnOrderService, type ServiceOptions } from "./returns/service.js";
import { buildReturnsSchema } from "./schema/build.js";
import { listen } from "./listen.js";
import { Metrics } from "./observability/metrics.js";
import { startMetricsServer } from "./observability/metrics-endpoint.js";
import { ProviderHealth } from "./observability/provider-health.js";
import { startTracing } from "./observability/tracing.js";
import { createApp } from "./server.js";
import { StoreUnavailableError } from "./store/health.js";
import { openStore, type Store } from "./store/index.js";
import { SyncEngine } from "./sync/engine.js";

export interface Application {
  metrics: Metrics;
  url: string;
  /** Where `/metrics` is served when METRICS_PORT is set; otherwise it is `${url}/metrics`. */
  metricsUrl: string;
  server: Server;
  store: Store;
  registry: ProviderRegistry;
  service: ReturnOrderService;
  /** Polls the providers that do not push (started once the app listens, stopped first on close). */
  sync: SyncEngine;
  /** Demo-mode emulators by provider (their state, for tests). */
  emulators: Partial<Record<ReturnProvider, unknown>>;
  /** Sends buffered spans now (tests, shutdown). */
  flushTraces(): Promise<void>;
  close(): Promise<void>;
}

export interface ApplicationOptions {
  config: AppConfig;
  logger: Logger;
  /** Memory PGlite instead of `.data/` (tests). */
  inMemoryStore?: boolean;
  /** An already open store (tests running two replicas on one database); not closed by `close()`. */
  store?: Store;
  service?: Partial<ServiceOptions>;
  observer?: ProviderCallObserver;
  clock?: () => Date;
  /** Middleware in front of a demo provider's emulator (tests: their fault switch). */
  demoMiddleware?: (provider: ReturnProvider) => RequestHandler[];
}

/** Opens the store, starts the demo emulators, builds the schema and listens. */
export async function startApplication(options: ApplicationOptions): Promise<Application> {
  const { config, logger } = options;
  const clock = options.clock ?? (() => new Date());
  const ownStore = !options.store;
  const store =
    options.store ??
    (await openStore({
      databaseUrl: config.databaseUrl,
      dataDir: options.inMemoryStore ? undefined : config.dataDir,
      idempotencyTtlMs: config.idempotencyTtlMs,
      idempotencyLeaseMs: Math.max(30_000, config.http.timeoutMs * (config.http.readRetries + 2)),
      logger,
    }));
  const closers: (() => Promise<void>)[] = [];
  const tracing = await startTracing(config.otlpEndpoint);
  if (tracing) closers.push(tracing.shutdown);
  // Emulators push to this subgraph; its address is known once it listens.
  let listeningUrl = "";
  const emulators: Partial<Record<ReturnProvider, unknown>> = {};
  try {
    const accounts: ConfiguredAccount[] = config.accounts.map((a) => ({ ...a, demo: false }));
    if (config.demoProviders.length > 0) {
      // Loaded only in demo mode: production never loads an emulator or its seed data.
      const { startDemoProvider } = await import("./demo/registry.js");
      for (const provider of config.demoProviders) {
        const module = PROVIDER_MODULES.find((m) => m.provider === provider)!;
        const path = provider.toLowerCase();
        const demo = await startDemoProvider(provider, {
          logger,
          clock,
          webhookUrl: () => `${listeningUrl}/webhooks/${path}`,
          before: options.demoMiddleware?.(provider),
        });
        if (!demo) {
          logger.info({ provider }, "demo mode: provider has no emulator and is not served");
          continue;
        }
        closers.push(demo.close);
        emulators[provider] = demo.emulator;
        accounts.push({
          provider,
          account: "default",
          settings: module.accountSchema.parse(demo.settings),
          demo: true,
          ...(demo.warehouses ? { warehouses: demo.warehouses } : {}),
        });
        logger.info({ provider }, "demo mode: provider served by its emulator on loopback");
      }
    }
    let redis: Redis | undefined;
    if (config.redisUrl) {
      // No offline queue: a call must not wait on a dead Redis; the limiter falls back in-process.
      // Loaded only when configured: most single-replica deployments never need it.
      const { Redis: RedisClient } = await import("ioredis");
      redis = new RedisClient(config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2_000 });
      redis.on("error", (error: Error) => logger.warn({ err: error.message }, "redis unavailable: rate limits fall back to this process"));
      const client = redis;
      closers.push(async () => {
        client.disconnect();
      });
    }
    const metrics = new Metrics(config.metricsOperationNames);
    const health = new ProviderHealth(clock);
    const observers: ProviderCallObserver[] = [metrics, health, ...(options.observer ? [options.observer] : [])];
    const observer: ProviderCallObserver = { onCall: (info) => observers.forEach((o) => o.onCall(info)) };
    const registry = new ProviderRegistry(accounts, {
      store,
      logger,
      clock,
      http: config.http,
      observer,
      redis,
      rateLimitsPerMinute: config.rateLimitsPerMinute,
    });
    metrics.watchProviders(registry);
    const sync = new SyncEngine(registry, store, config.sync, logger.child({ component: "sync" }), metrics);
    metrics.watchSync(sync);
    const service = new ReturnOrderService(registry, store, logger, {
      inFlightWaitMs: 10_000,
      batching: true,
      onBatch: (loader, size) => metrics.batch(loader, size),
      syncStatus: sync,
      warehousesCacheMs: config.warehousesCacheMs,
      ...options.service,
    });
    const schema = await buildReturnsSchema();
    const server = createServer();
    const { app, apollo } = await createApp({
      schema,
      service,
      registry,
      store,
      logger,
      production: config.production,
      httpServer: server,
      auth: config.auth,
      metrics,
      admission: config.admission,
      maxProviderCallsPerRequest: config.maxProviderCallsPerRequest,
      health,
      metricsOnOwnPort: config.metricsPort !== undefined,
      drainMs: Math.floor((config.shutdownTimeoutMs * 2) / 3),
    });
    server.on("request", app);
    // First: if its port is taken, the closers stop it and the main port never opened.
    let metricsUrl: string | undefined;
    if (config.metricsPort !== undefined) {
      const metricsServer = await startMetricsServer(metrics, config.metricsPort, config.host);
      closers.push(metricsServer.close);
      metricsUrl = `${metricsServer.url}/metrics`;
    }
    listeningUrl = await listen(server, config.port, config.host);
    const purge = setInterval(() => {
      store.idempotency.purgeExpired().catch((error: unknown) => {
        // An outage is logged once by the store itself; the next hour's purge catches up.
        if (!(error instanceof StoreUnavailableError)) logger.warn({ err: error }, "idempotency purge failed");
      });
    }, 3600_000);
    purge.unref();
    sync.start();
    return {
      url: listeningUrl,
      metricsUrl: metricsUrl ?? `${listeningUrl}/metrics`,
      metrics,
      server,
      store,
      registry,
      service,
      sync,
      emulators,
      flushTraces: async () => {
        await tracing?.flush();
      },
      async close() {
        clearInterval(purge);
        // First: a run must not outlive the emulators and the store it works with.
        await sync.stop();
        await apollo.stop();
        for (const close of closers) await close();
        if (ownStore) await store.close();
      },
    };
  } catch (error) {
    for (const close of closers) await close().catch(() => undefined);
    if (ownStore) await store.close().catch(() => undefined);
    throw error;
  }
}
