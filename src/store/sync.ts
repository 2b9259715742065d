import type { ReturnProvider } from "../returns/model.js";
import type { Sql } from "./sql.js";

export interface SyncAccountKey {
  provider: ReturnProvider;
  account: string;
}

/** One account's sync row as a replica sees it when it tries to claim the account. */
export interface SyncRow {
  /** This replica now holds the account (its run started at `now`). */
  claimed: boolean;
  /** The store's clock when the claim was tried: every time below is on it. */
  now: Date;
  holder: string | null;
  leaseUntil: Date | null;
  runStartedAt: Date | null;
  runEndedAt: Date | null;
  syncedAt: Date | null;
  lastError: string | null;
  lastErrorAt: Date | null;
  lastRunCalls: number | null;
}

export type SyncState = SyncAccountKey & Omit<SyncRow, "claimed" | "now" | "holder" | "leaseUntil">;

interface RawRow {
  provider: ReturnProvider;
  account: string;
  claimed?: boolean;
  now?: Date;
  holder: string | null;
  lease_until: Date | null;
  run_started_at: Date | null;
  run_ended_at: Date | null;
  synced_at: Date | null;
  last_error: string | null;
  last_error_at: Date | null;
  last_run_calls: number | null;
}

const date = (value: Date | string | null | undefined): Date | null => (value == null ? null : new Date(value));
const COLUMNS =
  "s.provider, s.account, s.holder, s.lease_until, s.run_started_at, s.run_ended_at, s.synced_at, s.last_error, s.last_error_at, s.last_run_calls";

function stateOf(r: RawRow): SyncState {
  return {
    provider: r.provider,
    account: r.account,
    runStartedAt: date(r.run_started_at),
    runEndedAt: date(r.run_ended_at),
    syncedAt: date(r.synced_at),
    lastError: r.last_error,
    lastErrorAt: date(r.last_error_at),
    lastRunCalls: r.last_run_calls == null ? null : Number(r.last_run_calls),
  };
}

/**
 * Leases and watermarks of the sync (migration 4): at most one replica holds an account, for
 * `leaseMs` at a time, renewed while its run lasts; a lease that is not renewed (a replica that
 * died) runs out and the account is free again. Every time is the store's clock, so replicas
 * whose clocks differ still agree.
 */
export class SyncLeases {
  private readonly known = new Set<string>();

  constructor(private readonly sql: Sql) {}

  /**
   * Takes the account when no live lease holds it and its last run started at least
   * `intervalMs` ago (or was abandoned: its lease ran out before it ended). Answers the row as it
   * was before the claim, and whether the claim succeeded.
   */
  async claim(key: SyncAccountKey, holder: string, leaseMs: number, intervalMs: number): Promise<SyncRow> {
    const id = `${key.provider}/${key.account}`;
    if (!this.known.has(id)) {
      await this.sql.query("INSERT INTO sync_accounts (provider, account) VALUES ($1, $2) ON CONFLICT DO NOTHING", [key.provider, key.account]);
      this.known.add(id);
    }
    const [row] = await this.sql.query<RawRow>(
      `WITH claimed AS (
         UPDATE sync_accounts SET holder = $3, lease_until = now() + $4 * interval '1 millisecond', run_started_at = now(), run_ended_at = NULL
         WHERE provider = $1 AND account = $2
           AND (lease_until IS NULL OR lease_until <= now())
           AND (run_started_at IS NULL OR run_ended_at IS NULL OR run_started_at <= now() - $5 * interval '1 millisecond')
         RETURNING 1
       )
       SELECT ${COLUMNS}, EXISTS (SELECT 1 FROM claimed) AS claimed, now() AS now
       FROM sync_accounts s WHERE s.provider = $1 AND s.account = $2`,
      [key.provider, key.account, holder, leaseMs, intervalMs],
    );
    if (!row) throw new Error(`sync row of ${id} is missing`);
    return { ...stateOf(row), claimed: row.claimed === true, now: new Date(row.now!), holder: row.holder, leaseUntil: date(row.lease_until) };
  }

  /** Extends the holder's lease; false when it is no longer the holder (its lease ran out and another took it). */
  async renew(key: SyncAccountKey, holder: string, leaseMs: number): Promise<boolean> {
    const rows = await this.sql.query(
      "UPDATE sync_accounts SET lease_until = now() + $4 * interval '1 millisecond' WHERE provider = $1 AND account = $2 AND holder = $3 RETURNING 1",
      [key.provider, key.account, holder, leaseMs],
    );
    return rows.length > 0;
  }

  /** Ends the holder's run: a success moves the watermark to `startedAt`; a failure keeps it and says why. */
  async finish(
    key: SyncAccountKey,
    holder: string,
    outcome: { ok: true; startedAt: Date; calls: number } | { ok: false; error: string; calls: number },
  ): Promise<void> {
    await this.sql.query(
      `UPDATE sync_accounts SET holder = NULL, lease_until = NULL, run_ended_at = now(), last_run_calls = $6,
         synced_at = CASE WHEN $4 THEN $5::timestamptz ELSE synced_at END,
         last_error = CASE WHEN $4 THEN NULL ELSE $7 END,
         last_error_at = CASE WHEN $4 THEN last_error_at ELSE now() END
       WHERE provider = $1 AND account = $2 AND holder = $3`,
      [key.provider, key.account, holder, outcome.ok, outcome.ok ? outcome.startedAt.toISOString() : null, outcome.calls, outcome.ok ? null : outcome.error],
    );
  }

  /** Lets go of a run that was stopped (shutdown): the watermark and the last error stay as they were. */
  async release(key: SyncAccountKey, holder: string): Promise<void> {
    await this.sql.query(
      "UPDATE sync_accounts SET holder = NULL, lease_until = NULL, run_ended_at = now() WHERE provider = $1 AND account = $2 AND holder = $3",
      [key.provider, key.account, holder],
    );
  }

  async states(): Promise<SyncState[]> {
    const rows = await this.sql.query<RawRow>(`SELECT ${COLUMNS} FROM sync_accounts s ORDER BY s.provider, s.account`);
    return rows.map(stateOf);
  }

  /** Orders of the account known here and not in a final status, least recently seen first. */
  async openOrders(key: SyncAccountKey, finalStatuses: readonly string[], limit: number): Promise<{ providerOrderNo: string; createdAt: Date | null }[]> {
    const rows = await this.sql.query<{ provider_order_no: string; created_at: Date | null }>(
      `SELECT provider_order_no, created_at FROM return_orders
       WHERE provider = $1 AND account = $2 AND NOT (status = ANY($3::text[]))
       ORDER BY seen_at, provider_order_no LIMIT $4`,
      [key.provider, key.account, [...finalStatuses], limit],
    );
    return rows.map((r) => ({ providerOrderNo: r.provider_order_no, createdAt: date(r.created_at) }));
  }
}
