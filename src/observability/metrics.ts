import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { ProviderCallObserver } from "../providers/kit/http.js";
import type { ProviderRegistry } from "../providers/registry.js";

const BREAKER_STATES = ["closed", "half-open", "open", "isolated"] as const;

/** The label value of every operation whose name is not configured: clients choose names, not the series count. */
export const OTHER_OPERATION = "other";

/** The subgraph's Prometheus metrics, on a registry of its own (no global default registry). */
export class Metrics implements ProviderCallObserver {
  readonly registry = new Registry();
  private readonly operationNames: ReadonlySet<string>;
  private readonly operations = new Counter({
    name: "returns_graphql_operations_total",
    help: "GraphQL operations by name and outcome",
    labelNames: ["operation", "outcome"],
    registers: [this.registry],
  });
  private readonly operationSeconds = new Histogram({
    name: "returns_graphql_operation_duration_seconds",
    help: "GraphQL operation latency",
    labelNames: ["operation"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  private readonly providerCalls = new Counter({
    name: "returns_provider_calls_total",
    help: "Provider calls by provider, operation and outcome",
    labelNames: ["provider", "account", "operation", "outcome"],
    registers: [this.registry],
  });
  private readonly providerSeconds = new Histogram({
    name: "returns_provider_call_duration_seconds",
    help: "Provider call latency",
    labelNames: ["provider", "account", "operation"],
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  private readonly batchSizes = new Histogram({
    name: "returns_dataloader_batch_size",
    help: "Keys per DataLoader batch",
    labelNames: ["loader"],
    buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500],
    registers: [this.registry],
  });
  private readonly syncRuns = new Counter({
    name: "returns_sync_runs_total",
    help: "Sync runs per provider account by outcome (ok, failed, truncated at the call bound)",
    labelNames: ["provider", "account", "outcome"],
    registers: [this.registry],
  });
  private readonly syncCalls = new Histogram({
    name: "returns_sync_run_upstream_calls",
    help: "Upstream calls of one sync run per provider account, retries included",
    labelNames: ["provider", "account"],
    buckets: [0, 1, 2, 3, 5, 10, 20, 50, 100, 200, 500],
    registers: [this.registry],
  });
  private readonly syncOrders = new Counter({
    name: "returns_sync_orders_read_total",
    help: "Orders the sync read and recorded per provider account (changed or not)",
    labelNames: ["provider", "account"],
    registers: [this.registry],
  });
  private readonly pushes = new Counter({
    name: "returns_webhook_pushes_total",
    help: "Provider pushes by provider and outcome",
    labelNames: ["provider", "outcome"],
    registers: [this.registry],
  });

  /** `operationNames`: the operations (METRICS_OPERATION_NAMES) that get a label value of their own. */
  constructor(operationNames: readonly string[] = []) {
    this.operationNames = new Set(operationNames);
    // Unprefixed, as Prometheus names them (`process_cpu_seconds_total`): dashboards and alerts expect those names.
    collectDefaultMetrics({ register: this.registry });
  }

  /** Gauges read from the providers at scrape time: breaker states and rate-limit queues. */
  watchProviders(providers: ProviderRegistry): void {
    {
      new Gauge({
        name: "returns_provider_breaker_state",
        help: "Circuit breaker per provider account: 1 for its current state, 0 for the others",
        labelNames: ["provider", "account", "state"],
        registers: [this.registry],
        collect() {
          for (const b of providers.breakerStates()) {
            for (const state of BREAKER_STATES) this.set({ provider: b.provider, account: b.account, state }, b.state === state ? 1 : 0);
          }
        },
      });
      new Gauge({
        name: "returns_provider_rate_limit_waiting",
        help: "Calls queued behind a provider account's rate limit",
        labelNames: ["provider", "account"],
        registers: [this.registry],
        collect() {
          for (const q of providers.rateLimitQueues()) this.set({ provider: q.provider, account: q.account }, q.waiting);
        },
      });
    }
  }

  /** A gauge read at scrape time: seconds since each synced account's last successful run. */
  watchSync(sync: { lags(): { provider: string; account: string; seconds: number }[] }): void {
    new Gauge({
      name: "returns_sync_lag_seconds",
      help: "Seconds since the last successful sync run per provider account (since start, before the first)",
      labelNames: ["provider", "account"],
      registers: [this.registry],
      collect() {
        for (const lag of sync.lags()) this.set({ provider: lag.provider, account: lag.account }, lag.seconds);
      },
    });
  }

  syncRun(provider: string, account: string, outcome: "ok" | "failed" | "truncated", calls: number, orders: number): void {
    this.syncRuns.inc({ provider, account, outcome });
    this.syncCalls.observe({ provider, account }, calls);
    this.syncOrders.inc({ provider, account }, orders);
  }

  /** A gauge read at scrape time: GraphQL requests waiting for their turn. */
  watchAdmission(admission: { waiting(): number }): void {
    new Gauge({
      name: "returns_graphql_requests_waiting",
      help: "GraphQL requests waiting for their turn (MAX_CONCURRENT_OPERATIONS)",
      registers: [this.registry],
      collect() {
        this.set(admission.waiting());
      },
    });
  }

  onCall(info: { provider: string; account: string; operation: string; outcome: string; durationMs: number }): void {
    this.providerCalls.inc({ provider: info.provider, account: info.account, operation: info.operation, outcome: info.outcome });
    this.providerSeconds.observe({ provider: info.provider, account: info.account, operation: info.operation }, info.durationMs / 1000);
  }

  operation(name: string | null, outcome: "ok" | "error", durationMs: number): void {
    const operation = this.operationLabel(name);
    this.operations.inc({ operation, outcome });
    this.operationSeconds.observe({ operation }, durationMs / 1000);
  }

  /** The configured name itself, `anonymous` without a name, `other` for any name not configured. */
  operationLabel(name: string | null): string {
    if (name === null) return "anonymous";
    return this.operationNames.has(name) ? name : OTHER_OPERATION;
  }

  batch(loader: string, size: number): void {
    this.batchSizes.observe({ loader }, size);
  }

  push(provider: string, outcome: "handled" | "refused" | "failed"): void {
    this.pushes.inc({ provider, outcome });
  }
}
