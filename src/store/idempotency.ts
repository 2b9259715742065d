import { keyString, type OrderKey, type ReturnProvider } from "../returns/model.js";
import { toJsonb, type Sql } from "./sql.js";

export type BeginOutcome =
  | { kind: "started" }
  /** A previous attempt stopped without recording its outcome: look for its order first. */
  | { kind: "resumed"; token: string; startedAt: Date }
  | { kind: "replay"; result: unknown }
  | { kind: "conflict" }
  | { kind: "in-progress" };

export interface IdempotencyScope {
  provider: ReturnProvider;
  account: string;
  /** The attempt token made for this record; kept by the record, so every retry sends the same. */
  token: string;
  /** The seller's reference of the return (other creates under it are this one's peers). */
  sellerReference?: string | null;
}

/** Another pending create of a return under the same seller reference (see `peers`). */
export interface PendingPeer {
  key: string;
  /** Its attempt is running now (its lease is held). */
  live: boolean;
  /** The same request: a return that cannot be told from this one at the provider. */
  sameRequest: boolean;
  /** A create without a key (registered only while it runs). */
  unkeyed: boolean;
  createdAt: Date;
}

/** The prefix of the short-lived records of creates without a key. */
export const UNKEYED_PREFIX = "unkeyed:";

/**
 * Idempotency records for creates. A record is written *before* the provider is called and holds
 * a lease; the outcome is written after. Rows are shared by every replica through the database.
 */
export class IdempotencyStore {
  constructor(
    private readonly sql: Sql,
    private readonly ttlMs: number,
    /** How long an attempt holds a record without renewing it. */
    readonly leaseMs: number,
  ) {}

  /**
   * Starts or resumes the create of record `key`; `holder` names this attempt, which holds the
   * lease until it renews no more (see `renew`).
   */
  async begin(key: string, requestHash: string, scope: IdempotencyScope, holder: string = scope.token): Promise<BeginOutcome> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const inserted = await this.sql.query(
        `INSERT INTO idempotency_keys (key, request_hash, state, provider, account, reference, seller_reference, lease_holder, locked_until, expires_at)
         VALUES ($1, $2, 'pending', $3, $4, $5, $6, $7, now() + make_interval(secs => $8), now() + make_interval(secs => $9))
         ON CONFLICT (key) DO NOTHING RETURNING key`,
        [key, requestHash, scope.provider, scope.account, scope.token, scope.sellerReference ?? null, holder, this.leaseMs / 1000, this.ttlMs / 1000],
      );
      if (inserted.length > 0) return { kind: "started" };
      const [row] = await this.sql.query<{
        request_hash: string;
        state: "pending" | "completed";
        result: unknown;
        expired: boolean;
      }>("SELECT request_hash, state, result, expires_at < now() AS expired FROM idempotency_keys WHERE key = $1", [key]);
      if (!row) continue; // deleted meanwhile: try the insert again
      if (row.expired) {
        await this.sql.query("DELETE FROM idempotency_keys WHERE key = $1 AND expires_at < now()", [key]);
        continue;
      }
      if (row.request_hash !== requestHash) return { kind: "conflict" };
      if (row.state === "completed") return { kind: "replay", result: row.result };
      const [taken] = await this.sql.query<{ reference: string | null; created_at: Date }>(
        `UPDATE idempotency_keys SET locked_until = now() + make_interval(secs => $2), lease_holder = $3
         WHERE key = $1 AND state = 'pending' AND locked_until <= now()
         RETURNING reference, created_at`,
        [key, this.leaseMs / 1000, holder],
      );
      if (taken) return { kind: "resumed", token: taken.reference ?? "", startedAt: new Date(taken.created_at) };
      return { kind: "in-progress" };
    }
    return { kind: "in-progress" };
  }

  async complete(key: string, result: unknown): Promise<void> {
    await this.sql.query("UPDATE idempotency_keys SET state = 'completed', result = $2::jsonb, lease_holder = NULL WHERE key = $1", [key, toJsonb(result)]);
  }

  /** Keeps the lease while the attempt runs; false when it was lost (another attempt took it over). */
  async renew(key: string, holder: string): Promise<boolean> {
    const rows = await this.sql.query(
      `UPDATE idempotency_keys SET locked_until = now() + make_interval(secs => $3)
       WHERE key = $1 AND state = 'pending' AND lease_holder = $2 RETURNING 1`,
      [key, holder, this.leaseMs / 1000],
    );
    return rows.length > 0;
  }

  /** The outcome is unknown (timeout, crash): keep the record, let the next attempt look first. */
  async release(key: string, holder: string): Promise<void> {
    await this.sql.query("UPDATE idempotency_keys SET locked_until = now() WHERE key = $1 AND state = 'pending' AND lease_holder = $2", [key, holder]);
  }

  /** The provider certainly created nothing (it refused): the key may be used afresh. */
  async abandon(key: string, holder: string): Promise<void> {
    await this.sql.query("DELETE FROM idempotency_keys WHERE key = $1 AND state = 'pending' AND lease_holder = $2", [key, holder]);
  }

  /**
   * A create without a key, registered while it runs (and for a lease or two should its process
   * die), so that a resumed create of the same sales order knows another create is in flight.
   */
  async registerUnkeyed(requestHash: string, scope: IdempotencyScope): Promise<string> {
    const key = `${UNKEYED_PREFIX}${scope.token}`;
    await this.begin(key, requestHash, scope);
    await this.sql.query("UPDATE idempotency_keys SET expires_at = now() + make_interval(secs => $2) WHERE key = $1", [key, (2 * this.leaseMs) / 1000]);
    return key;
  }

  async forgetUnkeyed(key: string): Promise<void> {
    await this.sql.query("DELETE FROM idempotency_keys WHERE key = $1", [key]);
  }

  /** Other pending creates for the same provider account and seller reference, oldest first. */
  async peers(key: string, scope: IdempotencyScope, requestHash: string): Promise<PendingPeer[]> {
    if (!scope.sellerReference) return [];
    const rows = await this.sql.query<{ key: string; live: boolean; same: boolean; created_at: Date }>(
      `SELECT key, locked_until > now() AS live, request_hash = $5 AS same, created_at FROM idempotency_keys
       WHERE provider = $1 AND account = $2 AND seller_reference = $3 AND state = 'pending' AND key <> $4 AND expires_at > now()
       ORDER BY created_at, key`,
      [scope.provider, scope.account, scope.sellerReference, key, requestHash],
    );
    return rows.map((r) => ({ key: r.key, live: r.live, sameRequest: r.same, unkeyed: r.key.startsWith(UNKEYED_PREFIX), createdAt: new Date(r.created_at) }));
  }

  async state(key: string): Promise<{ state: string; result: unknown } | null> {
    const [row] = await this.sql.query<{ state: string; result: unknown }>("SELECT state, result FROM idempotency_keys WHERE key = $1", [key]);
    return row ?? null;
  }

  /**
   * Marks the order as made by the create of record `by` (null: a create without a key). False
   * when another create has it already; claiming one's own order again is true.
   */
  async claim(order: OrderKey, by: string | null): Promise<boolean> {
    const rows = await this.sql.query(
      `INSERT INTO created_orders (provider, account, provider_order_no, created_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (provider, account, provider_order_no) DO UPDATE SET claimed_at = created_orders.claimed_at
       WHERE created_orders.created_by IS NOT DISTINCT FROM EXCLUDED.created_by
       RETURNING 1`,
      [order.provider, order.account, order.providerOrderNo, by],
    );
    return rows.length > 0;
  }

  /** Of these orders, those another create than record `by` made (by `keyString`). */
  async claimedByOthers(orders: OrderKey[], by: string): Promise<Set<string>> {
    if (orders.length === 0) return new Set();
    const rows = await this.sql.query<{ provider: ReturnProvider; account: string; provider_order_no: string }>(
      `SELECT c.provider, c.account, c.provider_order_no FROM created_orders c
       JOIN jsonb_to_recordset($1::jsonb) AS k(provider text, account text, provider_order_no text)
         ON c.provider = k.provider AND c.account = k.account AND c.provider_order_no = k.provider_order_no
       WHERE c.created_by IS DISTINCT FROM $2`,
      [toJsonb(orders.map((o) => ({ provider: o.provider, account: o.account, provider_order_no: o.providerOrderNo }))), by],
    );
    return new Set(rows.map((r) => keyString({ provider: r.provider, account: r.account, providerOrderNo: r.provider_order_no })));
  }

  /** Expired records, and claims older than any record that could still resume. */
  async purgeExpired(): Promise<number> {
    const purged = (await this.sql.query("DELETE FROM idempotency_keys WHERE expires_at < now() RETURNING key")).length;
    await this.sql.query("DELETE FROM created_orders WHERE claimed_at < now() - make_interval(secs => $1)", [(2 * this.ttlMs) / 1000]);
    return purged;
  }
}
