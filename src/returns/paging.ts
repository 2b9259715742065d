import type { ReturnOrder } from "./model.js";

/**
 * Chooses a page size (≤ max) and page number so that the raw items [offset, offset + limit) are
 * all on one page when that is possible: one upstream call instead of two.
 */
export function planPage(offset: number, limit: number, maxPageSize: number): { pageNo: number; pageSize: number } {
  const want = Math.max(1, Math.min(limit, maxPageSize));
  for (let size = want; size <= maxPageSize; size++) {
    if (Math.floor(offset / size) === Math.floor((offset + want - 1) / size)) {
      return { pageNo: Math.floor(offset / size) + 1, pageSize: size };
    }
  }
  return { pageNo: Math.floor(offset / maxPageSize) + 1, pageSize: maxPageSize };
}

/** Newest first; ties broken by provider, account and number so the order is total and stable. */
export function compareNewestFirst(a: ReturnOrder, b: ReturnOrder): number {
  const ta = a.createdAt?.getTime() ?? 0;
  const tb = b.createdAt?.getTime() ?? 0;
  if (ta !== tb) return tb - ta;
  if (a.provider !== b.provider) return a.provider < b.provider ? -1 : 1;
  if (a.account !== b.account) return a.account < b.account ? -1 : 1;
  if (a.providerOrderNo === b.providerOrderNo) return 0;
  return a.providerOrderNo < b.providerOrderNo ? 1 : -1;
}

export interface RawPage<T> {
  items: T[];
  /** The provider's total count when it says one. */
  total: number | null;
}

/**
 * Walks a page-number API from a raw offset, keeping the orders that pass `keep`, until `limit`
 * kept, the provider is exhausted, or `maxCalls` pages were read (then the caller resumes later
 * from `scanEnd`, and `frontier` says how far down the newest-first order the scan got).
 * Every page-numbered provider shares this one loop.
 */
export async function scanPages<T>(options: {
  offset: number;
  limit: number;
  maxPageSize: number;
  maxCalls: number;
  /** Read pages at least this large (≤ maxPageSize) when `keep` is expected to drop most items. */
  minPageSize?: number;
  fetchPage: (pageNo: number, pageSize: number) => Promise<RawPage<T>>;
  parse: (item: T) => ReturnOrder;
  keep: (order: ReturnOrder) => boolean;
  /** The provider applied the whole filter itself: the total it reports is the number of matches. */
  countsExactly?: boolean;
}): Promise<{ orders: { order: ReturnOrder; next: number }[]; scanEnd: number; exhausted: boolean; frontier: ReturnOrder | null; total: number | null }> {
  const orders: { order: ReturnOrder; next: number }[] = [];
  let position = options.offset;
  let frontier: ReturnOrder | null = null;
  let reported: number | null = null;
  for (let call = 0; call < options.maxCalls && orders.length < options.limit; call++) {
    const { pageNo, pageSize } = planPage(position, Math.max(options.minPageSize ?? 1, options.limit - orders.length), options.maxPageSize);
    const page = await options.fetchPage(pageNo, pageSize);
    reported = page.total ?? reported;
    const pageStart = (pageNo - 1) * pageSize;
    const items = page.items.slice(position - pageStart);
    for (const item of items) {
      position++;
      const order = options.parse(item);
      frontier = order;
      if (options.keep(order)) orders.push({ order, next: position });
      if (orders.length >= options.limit) break;
    }
    const pageEnd = pageStart + page.items.length;
    const known = page.total ?? Number.POSITIVE_INFINITY;
    if (page.items.length < pageSize || pageEnd >= known) {
      return { orders, scanEnd: position, exhausted: position >= pageEnd, frontier: null, total: options.countsExactly ? reported : null };
    }
  }
  return { orders, scanEnd: position, exhausted: false, frontier, total: options.countsExactly ? reported : null };
}

/**
 * Serves a slice of orders gathered whole rather than paged (several exact-match queries merged):
 * deduplicated by number, kept by `keep`, newest first; offsets count positions in that order.
 */
export function sliceGathered(
  orders: ReturnOrder[],
  offset: number,
  limit: number,
  keep: (order: ReturnOrder) => boolean,
): { orders: { order: ReturnOrder; next: number }[]; scanEnd: number; exhausted: boolean } {
  const unique = [...new Map(orders.map((o) => [o.providerOrderNo, o])).values()];
  const matches = unique.filter(keep).sort(compareNewestFirst);
  const slice = matches.slice(offset, offset + limit);
  return {
    orders: slice.map((order, i) => ({ order, next: offset + i + 1 })),
    scanEnd: offset + slice.length,
    exhausted: offset + slice.length >= matches.length,
  };
}
