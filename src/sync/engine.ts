import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { Logger } from "../logger.js";
import type { ReturnProvider } from "../returns/model.js";
import type { AccountDirectory, AccountSyncState, ReturnProviderAdapter, SyncStatus } from "../returns/ports.js";
import { whenStoreDown } from "../returns/recording.js";
import { StoreUnavailableError } from "../store/health.js";
import type { Store } from "../store/index.js";
import type { SyncRow } from "../store/sync.js";
import { runAccount, type RunOutcome } from "./account-run.js";
import type { SyncSettings } from "./settings.js";

/** What the metrics see of the sync. */
export interface SyncObserver {
  syncRun(provider: ReturnProvider, account: string, outcome: "ok" | "failed" | "truncated", calls: number, orders: number): void;
}

/** Lets a replica wake a little after the moment it computed, so the store's clock has passed it too. */
const SLACK_MS = 50;
/** How long a shutdown waits for runs in flight before it lets their leases run out. */
const STOP_WAIT_MS = 3_000;

interface Slot {
  adapter: ReturnProviderAdapter;
  intervalMs: number;
  leaseMs: number;
  timer?: NodeJS.Timeout;
  /** Renews the lease while a run lasts. */
  renewal?: NodeJS.Timeout;
  running?: Promise<void>;
  /** The account's row as last seen (for the lag, between scrapes of the store). */
  syncedAt: Date | null;
}

/** The accounts this deployment syncs, and how often: adapters that track changes, with an interval, opted in where they must be. */
export function syncedAccounts(directory: AccountDirectory, settings: SyncSettings): { adapter: ReturnProviderAdapter; intervalSeconds: number }[] {
  return directory
    .all()
    .filter((a) => a.changeTracking && (!a.changeTracking.optIn || settings.optedIn.includes(a.provider)))
    .map((adapter) => ({ adapter, intervalSeconds: settings.intervalSeconds[adapter.provider] }))
    .filter((a) => a.intervalSeconds > 0);
}

/**
 * Polls each synced account once per interval across every replica on the store: a replica
 * wakes when the account is due (its last run started an interval ago, by the store's clock),
 * claims the account's lease and runs; the others find it taken and sleep until it is due again
 * or its lease runs out (a holder that died). Runs never throw: a failure is the account's
 * `lastError` and a metric.
 */
export class SyncEngine implements SyncStatus {
  readonly holder = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly slots: Slot[];
  private readonly stopping = new AbortController();
  private readonly startedAt = new Date();

  constructor(
    private readonly directory: AccountDirectory,
    private readonly store: Store,
    private readonly settings: SyncSettings,
    private readonly logger: Logger,
    private readonly observer?: SyncObserver,
  ) {
    this.slots = syncedAccounts(directory, settings).map(({ adapter, intervalSeconds }) => {
      const intervalMs = intervalSeconds * 1000;
      return { adapter, intervalMs, leaseMs: Math.max(1_000, intervalMs / 2), syncedAt: null };
    });
  }

  start(): void {
    for (const slot of this.slots) this.schedule(slot, Math.random() * Math.min(1_000, slot.intervalMs));
  }

  /**
   * Stops polling: runs in flight stop after their current call and give their lease back; one
   * whose call outlasts the wait has its lease given back here, so another replica can take the
   * account at once (what the late call still records is recorded twice at worst, never lost).
   */
  async stop(): Promise<void> {
    this.stopping.abort();
    for (const slot of this.slots) clearTimeout(slot.timer);
    const running = this.slots.filter((s) => s.running !== undefined);
    if (running.length === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, STOP_WAIT_MS)));
    await Promise.race([Promise.allSettled(running.map((s) => s.running!)), waited]);
    clearTimeout(timer);
    for (const slot of running.filter((s) => s.running !== undefined)) {
      clearInterval(slot.renewal);
      await this.store.sync.release(slot.adapter, this.holder).catch(() => undefined);
    }
  }

  /** Seconds since each synced account's last successful run (since this process started, before any). */
  lags(now = new Date()): { provider: ReturnProvider; account: string; seconds: number }[] {
    return this.slots.map((s) => ({
      provider: s.adapter.provider,
      account: s.adapter.account,
      seconds: (now.getTime() - (s.syncedAt ?? this.startedAt).getTime()) / 1000,
    }));
  }

  async states(): Promise<AccountSyncState[]> {
    const rows = await whenStoreDown(this.store.sync.states(), []);
    return this.directory.all().map((adapter) => {
      const slot = this.slots.find((s) => s.adapter === adapter);
      const row = rows.find((r) => r.provider === adapter.provider && r.account === adapter.account);
      return {
        provider: adapter.provider,
        account: adapter.account,
        enabled: slot !== undefined,
        intervalSeconds: slot ? slot.intervalMs / 1000 : null,
        syncedAt: row?.syncedAt ?? null,
        lastRunAt: row?.runStartedAt ?? null,
        lastError: row?.lastError ?? null,
        lastErrorAt: row?.lastErrorAt ?? null,
        lastRunCalls: row?.lastRunCalls ?? null,
      };
    });
  }

  private schedule(slot: Slot, delayMs: number): void {
    if (this.stopping.signal.aborted) return;
    slot.timer = setTimeout(() => {
      slot.running = this.tick(slot).finally(() => (slot.running = undefined));
    }, delayMs);
    slot.timer.unref();
  }

  private async tick(slot: Slot): Promise<void> {
    const began = Date.now();
    let next = slot.intervalMs;
    try {
      const row = await this.store.sync.claim(slot.adapter, this.holder, slot.leaseMs, slot.intervalMs);
      slot.syncedAt = row.syncedAt;
      if (row.claimed) {
        await this.run(slot, row);
        next = Math.max(SLACK_MS, slot.intervalMs - (Date.now() - began) + SLACK_MS);
      } else {
        next = this.untilDue(slot, row);
      }
    } catch (error) {
      // The store is down (logged once by the store) or a bug: try again in one interval. After a
      // stop the store may be closed under a late run: nothing to report then.
      if (!(error instanceof StoreUnavailableError) && !this.stopping.signal.aborted)
        this.logger.error({ err: error, provider: slot.adapter.provider, account: slot.adapter.account }, "sync tick failed");
    }
    this.schedule(slot, next);
  }

  /** How long until the account is due, or its holder's lease runs out, by the store's clock. */
  private untilDue(slot: Slot, row: SyncRow): number {
    const now = row.now.getTime();
    const held = row.holder !== null && row.leaseUntil !== null && row.leaseUntil.getTime() > now;
    const due = held ? row.leaseUntil!.getTime() : (row.runStartedAt?.getTime() ?? now) + slot.intervalMs;
    return Math.min(slot.intervalMs, Math.max(0, due - now)) + SLACK_MS;
  }

  private async run(slot: Slot, row: SyncRow): Promise<void> {
    const { adapter } = slot;
    const startedAt = row.now;
    // The first run looks back one interval; later ones from the last success, less the overlap.
    const from = row.syncedAt ?? new Date(startedAt.getTime() - slot.intervalMs);
    // Whole seconds: providers that write change times to the second would otherwise have
    // a change in the same second as the last run's start fall outside the window matched here.
    const since = new Date(Math.floor((from.getTime() - this.settings.overlapSeconds * 1000) / 1000) * 1000);
    const lost = new AbortController();
    const renewal = (slot.renewal = setInterval(() => {
      this.store.sync
        .renew(adapter, this.holder, slot.leaseMs)
        .then((held) => held || lost.abort())
        .catch(() => undefined);
    }, slot.leaseMs / 3));
    renewal.unref();
    let outcome: RunOutcome;
    try {
      outcome = await runAccount(adapter, this.store, this.settings, since, AbortSignal.any([this.stopping.signal, lost.signal]));
    } finally {
      clearInterval(renewal);
    }
    const where = { provider: adapter.provider, account: adapter.account, calls: outcome.calls, orders: outcome.orders };
    if (!outcome.ok && this.stopping.signal.aborted) {
      await this.store.sync.release(adapter, this.holder).catch(() => undefined);
      return;
    }
    await this.store.sync.finish(
      adapter,
      this.holder,
      outcome.ok ? { ok: true, startedAt, calls: outcome.calls } : { ok: false, error: outcome.error!, calls: outcome.calls },
    );
    if (outcome.ok) slot.syncedAt = startedAt;
    this.observer?.syncRun(adapter.provider, adapter.account, outcome.truncated ? "truncated" : outcome.ok ? "ok" : "failed", outcome.calls, outcome.orders);
    if (outcome.ok) this.logger.info(where, "sync run");
    else this.logger.warn({ ...where, error: outcome.error }, "sync run failed");
  }
}
