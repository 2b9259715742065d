import type { CreateReturnOrderCommand } from "../../returns/model.js";
import type { QianyiLineOptions, QianyiReturnOptions } from "./graphql.js";
import { withReferenceMarker } from "./reference-marker.js";

// The `bizParam` of each call Qianyi answers, built from the unified commands. Pure; no I/O.

/** Qianyi's query times ("yyyy-MM-dd HH:mm:ss") carry no offset; they are China Standard Time. */
const OFFSET_MS = 8 * 3600_000;

/** The "yyyy-MM-dd HH:mm:ss" China time of an instant, as the query's time filters want it. */
export function qianyiDateTime(at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 19).replace("T", " ");
}

/** The "yyyy-MM-dd" China day of an instant: the update-time filters are precise to the day (seed 001). */
export function qianyiDate(at: Date): string {
  return qianyiDateTime(at).slice(0, 10);
}

/** "yyyy-MM-dd[ HH:mm:ss]" in China time → Date; anything else → null. */
export function parseQianyiDateTime(text: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2}):(\d{2}))?$/.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h = "0", mi = "0", s = "0"] = m;
  const at = new Date(Date.UTC(+y!, +mo! - 1, +d!, +h, +mi, +s) - OFFSET_MS);
  return Number.isNaN(at.getTime()) ? null : at;
}

/** The one seller reference Qianyi carries (`orderNumber`, its sales order number). */
export function orderNumberOf(command: CreateReturnOrderCommand): string | null {
  return command.referenceNo ?? command.outboundOrderNo ?? null;
}

/** Drops the keys whose value is undefined, as Qianyi's examples leave absent fields out. */
function withoutAbsent<T extends object>(data: T): Record<string, unknown> {
  return JSON.parse(JSON.stringify(data)) as Record<string, unknown>;
}

/** The `bizParam` of CREATE_RETURN_ORDER (seed 001's shape). */
export function toCreateRequest(command: CreateReturnOrderCommand, marker: string | null): Record<string, unknown> {
  const options = (command.options ?? {}) as Partial<QianyiReturnOptions>;
  const lineOptions = new Map<string, QianyiLineOptions>((options.lines ?? []).map((l) => [l.sku, l]));
  return withoutAbsent({
    orderNumber: orderNumberOf(command) ?? undefined,
    warehouse: command.warehouseCode,
    shop: options.shop,
    expectArriveTime: options.expectArriveDate ?? undefined,
    reason: command.reason ?? undefined,
    remark: withReferenceMarker(command.remark, marker),
    carrier: command.carrier ?? undefined,
    customNumber: command.trackingNumber ?? undefined,
    autoCommit: options.autoCommit ?? undefined,
    returnSkuList: command.lines.map((l) => {
      const extra = lineOptions.get(l.sku);
      return {
        orderSkuId: extra?.orderSkuId ? Number(extra.orderSkuId) : undefined,
        sku: l.sku,
        quantity: l.quantity,
        storageLocationCode: extra?.storageLocationCode ?? undefined,
        remark: l.remark ?? undefined,
      };
    }),
    refundCustomFieldValueVOList: options.customFields?.length
      ? options.customFields.map((f) => ({ customFieldId: Number(f.customFieldId), value: f.value }))
      : undefined,
  });
}

export interface QianyiListFilter {
  returnNumber?: string;
  warehouse?: string;
  status?: string;
  fromCreateTime?: Date;
  toCreateTime?: Date;
  finishTimeFrom?: Date;
  finishTimeTo?: Date;
  shopIdList?: string[];
  shopGroupIdList?: string[];
  /** Sent as the China day holding the instant: Qianyi filters the update time by whole days. */
  updateTimeFrom?: Date;
  updateTimeTo?: Date;
}

/** The longest `returnNumber` and `warehouse` a query takes (seed 001: 最大50个字符). */
export const QIANYI_QUERY_TEXT_MAX = 50;

/**
 * The `bizParam` of QUERY_RETURN_ORDER_LIST. `withCommitTime` is always asked for: without it
 * Qianyi leaves `commitTime` out. `withoutType` (also refund-only and reship documents) is asked
 * for only when one `returnNumber` is named: a number names one document, whatever its type,
 * while a listing shows return documents (`SALES_RETURN`) only, Qianyi's default.
 */
export function toListRequest(filter: QianyiListFilter, page: number, pageSize: number): Record<string, unknown> {
  return withoutAbsent({
    returnNumber: filter.returnNumber,
    warehouse: filter.warehouse,
    status: filter.status,
    fromCreateTime: filter.fromCreateTime ? qianyiDateTime(filter.fromCreateTime) : undefined,
    toCreateTime: filter.toCreateTime ? qianyiDateTime(filter.toCreateTime) : undefined,
    finishTimeFrom: filter.finishTimeFrom ? qianyiDateTime(filter.finishTimeFrom) : undefined,
    finishTimeTo: filter.finishTimeTo ? qianyiDateTime(filter.finishTimeTo) : undefined,
    shopIdList: filter.shopIdList?.map(Number),
    shopGroupIdList: filter.shopGroupIdList?.map(Number),
    updateTimeFrom: filter.updateTimeFrom ? qianyiDate(filter.updateTimeFrom) : undefined,
    updateTimeTo: filter.updateTimeTo ? qianyiDate(filter.updateTimeTo) : undefined,
    withoutType: filter.returnNumber ? true : undefined,
    withCommitTime: true,
    page,
    pageSize,
  });
}
