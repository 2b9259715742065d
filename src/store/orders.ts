import {
  keyString,
  type EventSource,
  type OrderKey,
  type ReturnOrder,
  type ReturnOrderFilter,
  type ReturnOrderStatus,
  type ReturnProvider,
} from "../returns/model.js";
import type { SentOrder } from "../returns/sent.js";
import { fromSnapshot, toSnapshot } from "../returns/snapshot.js";
import { RecentLookups } from "./recent-lookups.js";
import { toJsonb, type Sql, type SqlTx } from "./sql.js";

export interface IndexedOrder extends OrderKey {
  referenceNo: string | null;
  createdAt: Date | null;
  status: ReturnOrderStatus;
  providerStatus: string;
  /** What this subgraph last sent for it (create, updates); null for orders made elsewhere. */
  sent: SentOrder | null;
}

export interface RecordOptions {
  /** When it happened (the event's time); now by default. */
  at?: Date;
  /** Keep the order's unified snapshot (the record itself where the provider cannot be read back). */
  keepSnapshot?: boolean;
  /** Write inside this transaction. */
  tx?: SqlTx;
  /** Why the caller made the change (a cancel's reason): kept with the events this write appends. */
  reason?: string | null;
  /** What a mutation sent for the order it records (kept until the next mutation replaces it). */
  sent?: SentOrder;
}

export interface StatusChange extends OrderKey {
  status: ReturnOrderStatus;
  providerStatus: string;
  at: Date;
  source: EventSource;
}

const KEYS = "provider text, account text, provider_order_no text";

/** Order keys as the `$1::jsonb` recordset that the statements below join on (`KEYS`). */
function keyRows(keys: OrderKey[]): string {
  return toJsonb(keys.map((k) => ({ provider: k.provider, account: k.account, provider_order_no: k.providerOrderNo })));
}

/**
 * How long a read that shows an order exactly as this process last recorded it skips the write.
 * Lists are read far more often than orders change: without this every page upserts every order
 * it shows. Bounded so that a change written by another replica in between is missed at most
 * this long (the next read after it records as before).
 */
export const UNCHANGED_READ_SKIP_MS = 10_000;
const REMEMBERED_MAX = 20_000;

/** The indexed fields a read can change; equal fingerprints mean the upsert would change nothing. */
function fingerprintOf(o: ReturnOrder): string {
  return `${o.status}\u0000${o.providerStatus}\u0000${o.referenceNo ?? ""}\u0000${o.createdAt?.getTime() ?? ""}`;
}

/**
 * The order index (what the subgraph has seen of each order) and its status events.
 * Every write is one statement however many orders it carries.
 */
export class OrderStore {
  /** What this process last wrote of each order, and when (for reads that change nothing). */
  private readonly remembered = new Map<string, { fingerprint: string; at: number }>();
  /** What `lookupForShowing` answered lately. */
  private readonly recent = new RecentLookups<IndexedOrder>(UNCHANGED_READ_SKIP_MS, REMEMBERED_MAX);

  constructor(private readonly sql: Sql) {}

  /**
   * Upserts what was just read or written and appends an event for every order whose status
   * differs from the last one known (a first sighting counts). Duplicate events are ignored.
   * An observed order this process recorded unchanged less than UNCHANGED_READ_SKIP_MS ago is
   * not written again.
   */
  async record(orders: ReturnOrder[], source: EventSource, options: RecordOptions = {}): Promise<void> {
    const { at = new Date(), keepSnapshot = false, tx = this.sql, sent = null, reason = null } = options;
    // Only plain observations outside a transaction: a rolled-back write must not be remembered.
    const skippable = source === "OBSERVED" && !keepSnapshot && tx === this.sql;
    const now = Date.now();
    const changed = skippable ? orders.filter((o) => !this.unchangedSince(o, now)) : orders;
    for (const o of changed) {
      this.remembered.delete(keyString(o));
      this.recent.forget(keyString(o));
    }
    if (changed.length === 0) return;
    const rows = changed.map((o) => ({
      provider: o.provider,
      account: o.account,
      provider_order_no: o.providerOrderNo,
      reference_no: o.referenceNo,
      created_at: o.createdAt?.toISOString() ?? null,
      status: o.status,
      provider_status: o.providerStatus,
      snapshot: keepSnapshot ? toSnapshot(o) : null,
      sent,
      event_at: (source === "OBSERVED" ? (o.updatedAt ?? o.completedAt ?? o.createdAt ?? at) : at).toISOString(),
    }));
    await tx.query(
      `WITH input AS (
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(${KEYS}, reference_no text, created_at timestamptz,
                status text, provider_status text, snapshot jsonb, sent jsonb, event_at timestamptz)
       ),
       previous AS (
         SELECT o.provider, o.account, o.provider_order_no, o.provider_status
         FROM return_orders o JOIN input i USING (provider, account, provider_order_no)
       ),
       upserted AS (
         INSERT INTO return_orders AS o (provider, account, provider_order_no, reference_no, created_at, status, provider_status, snapshot, sent, seen_at)
         SELECT provider, account, provider_order_no, reference_no, created_at, status, provider_status, snapshot, sent, now() FROM input
         ON CONFLICT (provider, account, provider_order_no) DO UPDATE SET
           reference_no = COALESCE(EXCLUDED.reference_no, o.reference_no),
           created_at = COALESCE(EXCLUDED.created_at, o.created_at),
           status = EXCLUDED.status,
           provider_status = EXCLUDED.provider_status,
           snapshot = COALESCE(EXCLUDED.snapshot, o.snapshot),
           sent = COALESCE(EXCLUDED.sent, o.sent),
           seen_at = now()
         RETURNING 1
       )
       INSERT INTO return_order_events (provider, account, provider_order_no, status, provider_status, source, at, reason)
       SELECT i.provider, i.account, i.provider_order_no, i.status, i.provider_status, $2, i.event_at, $3::text
       FROM input i LEFT JOIN previous p USING (provider, account, provider_order_no)
       WHERE p.provider_status IS DISTINCT FROM i.provider_status OR $2 <> 'OBSERVED'
       ON CONFLICT DO NOTHING`,
      [toJsonb(rows), source, reason],
    );
    if (skippable) for (const o of changed) this.remember(o, now);
  }

  private unchangedSince(order: ReturnOrder, now: number): boolean {
    const known = this.remembered.get(keyString(order));
    return known !== undefined && now - known.at < UNCHANGED_READ_SKIP_MS && known.fingerprint === fingerprintOf(order);
  }

  private remember(order: ReturnOrder, now: number): void {
    this.remembered.set(keyString(order), { fingerprint: fingerprintOf(order), at: now });
    // Oldest first: Map keeps insertion order, and remembering re-inserts.
    for (const key of this.remembered.keys()) {
      if (this.remembered.size <= REMEMBERED_MAX) break;
      this.remembered.delete(key);
    }
  }

  /** Appends events that came from elsewhere (pushes); the same event twice is one. */
  async appendEvents(changes: StatusChange[], tx: SqlTx = this.sql): Promise<number> {
    if (changes.length === 0) return 0;
    const rows = changes.map((c) => ({
      provider: c.provider,
      account: c.account,
      provider_order_no: c.providerOrderNo,
      status: c.status,
      provider_status: c.providerStatus,
      source: c.source,
      at: c.at.toISOString(),
    }));
    const inserted = await tx.query(
      `INSERT INTO return_order_events (provider, account, provider_order_no, status, provider_status, source, at)
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(${KEYS}, status text, provider_status text, source text, at timestamptz)
       ON CONFLICT DO NOTHING RETURNING id`,
      [toJsonb(rows)],
    );
    return inserted.length;
  }

  /** What is known of these orders (creation dates for providers that look up by date window, last status). */
  /**
   * As `lookup`, for a read that only shows the orders: an order looked up in the last
   * UNCHANGED_READ_SKIP_MS is answered as it was then (a write of this process forgets it). Not
   * for what a mutation builds on: that reads the index itself.
   */
  async lookupForShowing(keys: OrderKey[]): Promise<Map<string, IndexedOrder>> {
    const now = Date.now();
    const result = new Map<string, IndexedOrder>();
    const missing: OrderKey[] = [];
    for (const key of keys) {
      const hit = this.recent.get(keyString(key), now);
      if (hit === undefined) missing.push(key);
      else if (hit) result.set(keyString(key), hit);
    }
    const found = await this.lookup(missing);
    for (const key of missing) {
      const order = found.get(keyString(key)) ?? null;
      this.recent.set(keyString(key), order, now);
      if (order) result.set(keyString(key), order);
    }
    return result;
  }

  async lookup(keys: OrderKey[]): Promise<Map<string, IndexedOrder>> {
    const result = new Map<string, IndexedOrder>();
    if (keys.length === 0) return result;
    const rows = await this.sql.query<{
      provider: ReturnProvider;
      account: string;
      provider_order_no: string;
      reference_no: string | null;
      created_at: Date | null;
      status: ReturnOrderStatus;
      provider_status: string;
      sent: SentOrder | null;
    }>(
      `SELECT o.provider, o.account, o.provider_order_no, o.reference_no, o.created_at, o.status, o.provider_status, o.sent
       FROM return_orders o
       JOIN jsonb_to_recordset($1::jsonb) AS k(${KEYS}) USING (provider, account, provider_order_no)`,
      [keyRows(keys)],
    );
    for (const r of rows) {
      const key = { provider: r.provider, account: r.account, providerOrderNo: r.provider_order_no };
      result.set(keyString(key), {
        ...key,
        referenceNo: r.reference_no,
        createdAt: r.created_at ? new Date(r.created_at) : null,
        status: r.status,
        providerStatus: r.provider_status,
        sent: r.sent ?? null,
      });
    }
    return result;
  }

  /** Accounts of a provider that hold an order with this number (for the provider+number key). */
  async accountsOf(provider: ReturnProvider, providerOrderNo: string): Promise<string[]> {
    const rows = await this.sql.query<{ account: string }>(
      "SELECT account FROM return_orders WHERE provider = $1 AND provider_order_no = $2 ORDER BY account",
      [provider, providerOrderNo],
    );
    return rows.map((r) => r.account);
  }

  /**
   * Stored snapshots, for providers whose orders live here (no read API upstream). `forUpdate`
   * locks the rows until `tx` ends, so concurrent read-modify-writes of one order serialise.
   */
  async snapshots(keys: OrderKey[], options: { tx?: SqlTx; forUpdate?: boolean } = {}): Promise<Map<string, ReturnOrder>> {
    const { tx = this.sql, forUpdate = false } = options;
    const result = new Map<string, ReturnOrder>();
    if (keys.length === 0) return result;
    const rows = await tx.query<{ snapshot: unknown }>(
      `SELECT o.snapshot FROM return_orders o
       JOIN jsonb_to_recordset($1::jsonb) AS k(${KEYS}) USING (provider, account, provider_order_no)
       WHERE o.snapshot IS NOT NULL${forUpdate ? " FOR UPDATE OF o" : ""}`,
      [keyRows(keys)],
    );
    for (const r of rows) {
      const order = fromSnapshot(r.snapshot);
      result.set(keyString(order), order);
    }
    return result;
  }

  /**
   * A page of the orders this store is the record of, newest first, and how many match in all
   * (null when the page is past the end and the count cannot be read from it).
   */
  async listSnapshots(
    provider: ReturnProvider,
    account: string,
    filter: ReturnOrderFilter,
    offset: number,
    limit: number,
  ): Promise<{ orders: ReturnOrder[]; total: number | null }> {
    const rows = await this.sql.query<{ snapshot: unknown; total: string | number }>(
      `SELECT o.snapshot, count(*) OVER () AS total FROM return_orders o
       WHERE o.provider = $1 AND o.account = $2 AND o.snapshot IS NOT NULL
         AND ($3::text[] IS NULL OR o.snapshot->>'status' = ANY($3::text[]))
         AND ($4::text IS NULL OR o.snapshot->>'warehouseCode' = $4)
         AND ($5::timestamptz IS NULL OR o.created_at >= $5)
         AND ($6::timestamptz IS NULL OR o.created_at <= $6)
         AND ($7::text IS NULL OR $7 IN (o.provider_order_no, o.snapshot->>'referenceNo', o.snapshot->>'outboundOrderNo', o.snapshot->>'trackingNumber'))
         AND ($10::timestamptz IS NULL OR (o.snapshot->>'updatedAt')::timestamptz >= $10)
         AND ($11::timestamptz IS NULL OR (o.snapshot->>'updatedAt')::timestamptz <= $11)
       ORDER BY o.created_at DESC NULLS LAST, o.provider_order_no DESC
       OFFSET $8 LIMIT $9`,
      [
        provider,
        account,
        filter.statuses?.length ? filter.statuses : null,
        filter.warehouseCode ?? null,
        filter.createdFrom?.toISOString() ?? null,
        filter.createdTo?.toISOString() ?? null,
        filter.search ?? null,
        offset,
        limit,
        filter.updatedFrom?.toISOString() ?? null,
        filter.updatedTo?.toISOString() ?? null,
      ],
    );
    const total = rows[0] ? Number(rows[0].total) : offset === 0 ? 0 : null;
    return { orders: rows.map((r) => fromSnapshot(r.snapshot)), total };
  }
}
