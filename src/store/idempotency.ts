import type { ReturnProvider } from "../returns/model.js";
import { toJsonb, type Sql } from "./sql.js";

export type BeginOutcome =
  | { kind: "started" }
  /** A previous attempt stopped without recording its outcome: look for its order first. */
  | { kind: "resumed"; reference: string | null; startedAt: Date }
  | { kind: "replay"; result: unknown }
  | { kind: "conflict" }
  | { kind: "in-progress" };

export interface IdempotencyScope {
  provider: ReturnProvider;
  account: string;
  reference: string | null;
}

/**
 * Idempotency records for creates. A record is written *before* the provider is called and holds
 * a lease; the outcome is written after. Rows are shared by every replica through the database.
 */
export class IdempotencyStore {
  constructor(
    private readonly sql: Sql,
    private readonly ttlMs: number,
    private readonly leaseMs: number,
  ) {}

  async begin(key: string, requestHash: string, scope: IdempotencyScope): Promise<BeginOutcome> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const inserted = await this.sql.query(
        `INSERT INTO idempotency_keys (key, request_hash, state, provider, account, reference, locked_until, expires_at)
         VALUES ($1, $2, 'pending', $3, $4, $5, now() + make_interval(secs => $6), now() + make_interval(secs => $7))
         ON CONFLICT (key) DO NOTHING RETURNING key`,
        [key, requestHash, scope.provider, scope.account, scope.reference, this.leaseMs / 1000, this.ttlMs / 1000],
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
        `UPDATE idempotency_keys SET locked_until = now() + make_interval(secs => $2)
         WHERE key = $1 AND state = 'pending' AND locked_until <= now()
         RETURNING reference, created_at`,
        [key, this.leaseMs / 1000],
      );
      if (taken) return { kind: "resumed", reference: taken.reference, startedAt: new Date(taken.created_at) };
      return { kind: "in-progress" };
    }
    return { kind: "in-progress" };
  }

  async complete(key: string, result: unknown): Promise<void> {
    await this.sql.query("UPDATE idempotency_keys SET state = 'completed', result = $2::jsonb WHERE key = $1", [key, toJsonb(result)]);
  }

  /** The outcome is unknown (timeout, crash): keep the record, let the next attempt look first. */
  async release(key: string): Promise<void> {
    await this.sql.query("UPDATE idempotency_keys SET locked_until = now() WHERE key = $1 AND state = 'pending'", [key]);
  }

  /** The provider certainly created nothing (it refused): the key may be used afresh. */
  async abandon(key: string): Promise<void> {
    await this.sql.query("DELETE FROM idempotency_keys WHERE key = $1 AND state = 'pending'", [key]);
  }

  async state(key: string): Promise<{ state: string; result: unknown } | null> {
    const [row] = await this.sql.query<{ state: string; result: unknown }>("SELECT state, result FROM idempotency_keys WHERE key = $1", [key]);
    return row ?? null;
  }

  async purgeExpired(): Promise<number> {
    return (await this.sql.query("DELETE FROM idempotency_keys WHERE expires_at < now() RETURNING key")).length;
  }
}
