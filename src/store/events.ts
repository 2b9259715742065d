import {
  keyString,
  type AccountScope,
  type EventSource,
  type OrderKey,
  type ReturnOrderEvent,
  type ReturnOrderEventFilter,
  type ReturnOrderStatus,
  type ReturnProvider,
} from "../returns/model.js";
import { toJsonb, type Sql } from "./sql.js";

const KEYS = "provider text, account text, provider_order_no text";
const COLUMNS = "e.seq, e.provider, e.account, e.provider_order_no, e.status, e.provider_status, e.previous_status, e.source, e.at, e.reason";

interface EventRow {
  seq: string | number;
  provider: ReturnProvider;
  account: string;
  provider_order_no: string;
  status: ReturnOrderStatus;
  provider_status: string;
  previous_status: ReturnOrderStatus | null;
  source: EventSource;
  at: Date | string;
  reason: string | null;
}

function eventOf(r: EventRow): ReturnOrderEvent {
  return {
    // bigint arrives as text from `pg`; the sequence stays far below 2^53.
    sequence: Number(r.seq),
    provider: r.provider,
    account: r.account,
    providerOrderNo: r.provider_order_no,
    at: new Date(r.at),
    status: r.status,
    providerStatus: r.provider_status,
    previousStatus: r.previous_status,
    source: r.source,
    reason: r.reason,
  };
}

const listOrNull = <T>(values: readonly T[] | null | undefined): readonly T[] | null => (values && values.length > 0 ? values : null);

/**
 * The recorded status changes, read two ways: per order (an order's history) and as one feed of
 * every order in the sequence the store assigns at commit (migration 3 says how that order is kept).
 */
export class EventLog {
  constructor(private readonly sql: Sql) {}

  /** Events of many orders in one query, oldest first per order. */
  async eventsOf(keys: OrderKey[]): Promise<Map<string, ReturnOrderEvent[]>> {
    const result = new Map<string, ReturnOrderEvent[]>();
    if (keys.length === 0) return result;
    const rows = await this.sql.query<EventRow>(
      `SELECT ${COLUMNS} FROM return_order_events e
       JOIN jsonb_to_recordset($1::jsonb) AS k(${KEYS}) USING (provider, account, provider_order_no)
       ORDER BY e.at, e.seq`,
      [toJsonb(keys.map((k) => ({ provider: k.provider, account: k.account, provider_order_no: k.providerOrderNo })))],
    );
    for (const r of rows) {
      const event = eventOf(r);
      const id = keyString(event);
      const list = result.get(id) ?? [];
      list.push(event);
      result.set(id, list);
    }
    return result;
  }

  /**
   * The change feed: at most `limit` events with a sequence above `after` (from the first when
   * null), in sequence order, that match `filter` and belong to an account in `scope` (every
   * account when null; none when empty). Sequences follow commit order, so a reader that resumes
   * after the last sequence it was given never skips an event that commits later, and never sees
   * one twice. Gaps in the numbers mean nothing.
   */
  async eventsAfter(after: number | null, filter: ReturnOrderEventFilter, scope: AccountScope, limit: number): Promise<ReturnOrderEvent[]> {
    const orders = listOrNull(filter.orders);
    const accounts = scope === null ? null : scope.map((a) => ({ provider: a.provider, account: a.account }));
    const rows = await this.sql.query<EventRow>(
      `SELECT ${COLUMNS} FROM return_order_events e
       WHERE e.seq > $1
         AND ($2::text[] IS NULL OR e.provider = ANY($2::text[]))
         AND ($3::text[] IS NULL OR e.status = ANY($3::text[]))
         AND ($4::text[] IS NULL OR e.source = ANY($4::text[]))
         AND ($5::jsonb IS NULL OR (e.provider, e.account, e.provider_order_no) IN (SELECT * FROM jsonb_to_recordset($5::jsonb) AS k(${KEYS})))
         AND ($6::jsonb IS NULL OR (e.provider, e.account) IN (SELECT * FROM jsonb_to_recordset($6::jsonb) AS a(provider text, account text)))
       ORDER BY e.seq
       LIMIT $7`,
      [
        after ?? 0,
        listOrNull(filter.providers),
        listOrNull(filter.statuses),
        listOrNull(filter.sources),
        orders && toJsonb(orders.map((k) => ({ provider: k.provider, account: k.account, provider_order_no: k.providerOrderNo }))),
        accounts && toJsonb(accounts),
        limit,
      ],
    );
    return rows.map(eventOf);
  }
}
