import { changedWithin, type ReturnOrder, type ReturnOrderFilter } from "../../returns/model.js";
import type { QianyiOrderFilter } from "./graphql.js";
import type { QianyiListFilter } from "./requests.js";
import { qianyiCodesOf } from "./status.js";

// How a unified filter meets Qianyi's query: what is sent (pushed down) and what is matched here.

/** The caller's Qianyi block of the filter, when given. */
function ownFilterOf(filter: ReturnOrderFilter): Partial<QianyiOrderFilter> {
  return (filter.providerFilters?.QIANYI ?? {}) as Partial<QianyiOrderFilter>;
}

export function finishWindowOf(filter: ReturnOrderFilter): { from: Date | null; to: Date | null } | null {
  const { finishedFrom, finishedTo } = ownFilterOf(filter);
  return finishedFrom || finishedTo ? { from: finishedFrom ?? null, to: finishedTo ?? null } : null;
}

/** An instant widened to the whole second around it: Qianyi's filters are to the second. */
const secondAtOrBefore = (at: Date) => new Date(Math.floor(at.getTime() / 1000) * 1000);
const secondAtOrAfter = (at: Date) => new Date(Math.ceil(at.getTime() / 1000) * 1000);

/** What Qianyi filters itself: warehouse, one status, the creation and finish windows (to the second), the update window (to the day), shops and shop groups. */
export function pushedFilter(filter: ReturnOrderFilter): QianyiListFilter {
  const pushed: QianyiListFilter = {};
  if (filter.warehouseCode) pushed.warehouse = filter.warehouseCode;
  const codes = filter.statuses?.length ? qianyiCodesOf(filter.statuses) : [];
  if (codes.length === 1) pushed.status = codes[0]!;
  if (filter.createdFrom) pushed.fromCreateTime = secondAtOrBefore(filter.createdFrom);
  if (filter.createdTo) pushed.toCreateTime = secondAtOrAfter(filter.createdTo);
  const own = ownFilterOf(filter);
  if (own.finishedFrom) pushed.finishTimeFrom = secondAtOrBefore(own.finishedFrom);
  if (own.finishedTo) pushed.finishTimeTo = secondAtOrAfter(own.finishedTo);
  if (own.shopIds?.length) pushed.shopIdList = own.shopIds;
  if (own.shopGroupIds?.length) pushed.shopGroupIdList = own.shopGroupIds;
  // Whole days upstream; the exact instants are matched after the fetch.
  if (filter.updatedFrom) pushed.updateTimeFrom = filter.updatedFrom;
  if (filter.updatedTo) pushed.updateTimeTo = filter.updatedTo;
  return pushed;
}

/**
 * Filters applied (again) here: several statuses, exact times, and `search` beyond returnNumber.
 * Shops are trusted to Qianyi: an order names its shop, not the shop's id.
 */
export function matchesAfterFetch(order: ReturnOrder, filter: ReturnOrderFilter): boolean {
  if (!changedWithin(order, filter)) return false;
  if (filter.statuses?.length && !filter.statuses.includes(order.status)) return false;
  if (filter.createdFrom && order.createdAt && order.createdAt < filter.createdFrom) return false;
  if (filter.createdTo && order.createdAt && order.createdAt > filter.createdTo) return false;
  if (filter.warehouseCode && order.warehouseCode !== filter.warehouseCode) return false;
  const finished = finishWindowOf(filter);
  if (finished && !order.completedAt) return false;
  if (finished?.from && order.completedAt! < finished.from) return false;
  if (finished?.to && order.completedAt! > finished.to) return false;
  if (filter.search) {
    const { onlineOrderNumber, asnNumber } = order.details as { onlineOrderNumber?: string | null; asnNumber?: string | null };
    const numbers = [order.providerOrderNo, order.referenceNo, order.outboundOrderNo, order.trackingNumber, onlineOrderNumber, asnNumber];
    if (!numbers.includes(filter.search)) return false;
  }
  return true;
}
