import { randomUUID } from "node:crypto";
import { requestScope } from "../observability/request-scope.js";
import { CallBudget } from "../providers/kit/call-budget.js";
import { ReturnsError, UpstreamBudgetExceededError } from "../returns/errors.js";
import type { ReturnOrder } from "../returns/model.js";
import type { LookupAnswer, ReturnProviderAdapter } from "../returns/ports.js";
import { StoreUnavailableError } from "../store/health.js";
import type { Store } from "../store/index.js";
import type { SyncSettings } from "./settings.js";

/** Statuses after which an order does not change any more: not read again. */
export const FINAL_STATUSES = ["COMPLETED", "CANCELLED"] as const;
/** Orders asked for per list call of a window (the largest page every adapter serves in one call). */
const WINDOW_PAGE = 100;

export interface RunOutcome {
  ok: boolean;
  /** Why the run failed (a provider's or the store's message); null when it did not. */
  error: string | null;
  /** Upstream calls the run made, retries included. */
  calls: number;
  /** Orders read and recorded. */
  orders: number;
  /** The run stopped at its call bound before it had read everything. */
  truncated: boolean;
}

class Stopped extends Error {}

function messageOf(error: unknown): string {
  if (error instanceof ReturnsError || error instanceof StoreUnavailableError) return `${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}

/**
 * One run of one account: its changed orders read through the adapter (so through the account's
 * HTTP client, rate limiter and breaker) and recorded exactly as a read records them, which appends
 * an OBSERVED event where the status changed. The calls count against a budget of their own
 * (the run's bound) and take at most the settings' share of the account's rate limit.
 */
export async function runAccount(adapter: ReturnProviderAdapter, store: Store, settings: SyncSettings, since: Date, signal: AbortSignal): Promise<RunOutcome> {
  const budget = new CallBudget(settings.maxCallsPerRun);
  const scope = { requestId: `sync-${adapter.provider}-${adapter.account}-${randomUUID().slice(0, 8)}`, budget, rateShare: settings.rateShare };
  const counted = { orders: 0 };
  const record = async (orders: ReturnOrder[]) => {
    if (orders.length === 0) return;
    await store.orders.record(orders, "OBSERVED");
    counted.orders += orders.length;
  };
  const outcome = (error: string | null, truncated = false): RunOutcome => ({
    ok: error === null,
    error,
    calls: budget.used,
    orders: counted.orders,
    truncated,
  });
  try {
    return await requestScope.run(scope, async () => {
      if (adapter.changeTracking?.by === "window") {
        await readWindow(adapter, since, record, signal);
        return outcome(null);
      }
      const failure = await rereadOpenOrders(adapter, store, settings, record);
      if (failure instanceof UpstreamBudgetExceededError) return outcome(null, true);
      return outcome(failure ? messageOf(failure) : null);
    });
  } catch (error) {
    if (error instanceof Stopped) return outcome("stopped before the end of the run");
    if (error instanceof UpstreamBudgetExceededError) {
      // The window was not read to its end: the watermark stays, and the next run reads it again.
      return outcome(`stopped at the bound of ${settings.maxCallsPerRun} calls a run (RETURNS_SYNC_MAX_CALLS_PER_RUN) before the end of the window`, true);
    }
    return outcome(messageOf(error));
  }
}

/** Every order changed since `since`, page by page, each page recorded as it comes. */
async function readWindow(adapter: ReturnProviderAdapter, since: Date, record: (orders: ReturnOrder[]) => Promise<void>, signal: AbortSignal): Promise<void> {
  for (let offset = 0; ;) {
    if (signal.aborted) throw new Stopped();
    const page = await adapter.list({ filter: { updatedFrom: since }, offset, limit: WINDOW_PAGE });
    await record(page.orders.map((o) => o.order));
    if (page.exhausted || page.scanEnd <= offset) return;
    offset = page.scanEnd;
  }
}

/**
 * The orders known here that are not final, least recently seen first, read again in one batch
 * (the adapter plans the calls, e.g. one query per creation window). Answers the first failure, if any.
 */
async function rereadOpenOrders(
  adapter: ReturnProviderAdapter,
  store: Store,
  settings: SyncSettings,
  record: (orders: ReturnOrder[]) => Promise<void>,
): Promise<Error | null> {
  const open = await store.sync.openOrders(adapter, FINAL_STATUSES, settings.maxOpenOrdersPerRun);
  if (open.length === 0) return null;
  const answers: LookupAnswer[] = adapter.reread ? await adapter.reread(open) : await adapter.getMany(open);
  await record(answers.filter((a): a is ReturnOrder => a !== null && !(a instanceof Error)));
  const failures = answers.filter((a): a is Error => a instanceof Error);
  return failures.find((f) => !(f instanceof UpstreamBudgetExceededError)) ?? failures[0] ?? null;
}
