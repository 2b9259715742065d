import { OMS_EMULATOR_MAX_PAGE_SIZE } from "./data.js";
import type { WireOrder } from "./wire.js";

// The emulator's list, by its own reading of the sibling lists of the same API
// (`OutboundB2cQueryRequest`): these filter names and no others. A filter under another name
// (`createTimeStart`, `trackingNo`, `outboundOrderNo`) is ignored, as the OMS would ignore it.

type Body = Record<string, unknown>;

const SINGLE_FILTERS = ["orderNo", "referenceNo", "warehouseCode"] as const;
const BATCH_FILTERS = { orderNos: "orderNo", referenceNos: "referenceNo" } as const;
const TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

export type ListOutcome = { missing: string } | { invalid: { field: string; message: string } } | { data: Record<string, unknown> };

function text(v: unknown): string {
  return typeof v === "string" ? v : typeof v === "number" ? String(v) : "";
}

/** A time window's bounds, each "yyyy-MM-dd HH:mm:ss" when given. */
function windowOf(body: Body, from: string, to: string): { from: string; to: string } | { invalid: string } {
  for (const field of [from, to]) if (text(body[field]) && !TIME.test(text(body[field]))) return { invalid: field };
  return { from: text(body[from]), to: text(body[to]) };
}

export function listOrders(orders: Iterable<WireOrder>, body: Body): ListOutcome {
  const pageParam = ((body["commonParam"] as Body | undefined)?.["pageParam"] ?? null) as Body | null;
  if (!pageParam) return { missing: "commonParam.pageParam" };
  const pageNum = Number(pageParam["pageNum"]);
  const pageSize = Number(pageParam["pageSize"]);
  if (!Number.isInteger(pageNum) || pageNum < 1) return { invalid: { field: "pageNum", message: "pageNum must be ≥ 1" } };
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > OMS_EMULATOR_MAX_PAGE_SIZE) {
    return { invalid: { field: "pageSize", message: `pageSize must be 1-${OMS_EMULATOR_MAX_PAGE_SIZE}` } };
  }
  const created = windowOf(body, "startCreateTime", "endCreateTime");
  const updated = windowOf(body, "startUpdateTime", "endUpdateTime");
  if ("invalid" in created) return { invalid: { field: created.invalid, message: "时间格式应为yyyy-MM-dd HH:mm:ss" } };
  if ("invalid" in updated) return { invalid: { field: updated.invalid, message: "时间格式应为yyyy-MM-dd HH:mm:ss" } };
  if ((created.from || created.to) && (updated.from || updated.to)) {
    return { invalid: { field: "startUpdateTime", message: "创建时间与修改时间互斥 (the create and update windows exclude each other)" } };
  }
  for (const field of Object.keys(BATCH_FILTERS)) {
    const value = body[field];
    if (value !== undefined && (!Array.isArray(value) || value.some((v) => typeof v !== "string")))
      return { invalid: { field, message: `${field} must be a list of strings` } };
  }
  const inWindow = (at: string, window: { from: string; to: string }) => (!window.from || at >= window.from) && (!window.to || at <= window.to);
  const matching = [...orders]
    .filter((o) => SINGLE_FILTERS.every((f) => !text(body[f]) || text(body[f]) === text(o[f])))
    .filter((o) =>
      Object.entries(BATCH_FILTERS).every(
        ([batch, f]) => !Array.isArray(body[batch]) || (body[batch] as string[]).length === 0 || (body[batch] as string[]).includes(text(o[f])),
      ),
    )
    .filter((o) => inWindow(text(o.createTime), created) && inWindow(text(o.updateTime), updated))
    .sort((a, b) => (a.createTime === b.createTime ? (a.orderNo < b.orderNo ? 1 : -1) : text(a.createTime) < text(b.createTime) ? 1 : -1));
  const page = matching.slice((pageNum - 1) * pageSize, pageNum * pageSize).map((o) => structuredClone(o));
  // The sibling modules' PageResponse types its counts as text.
  const data = {
    pageNum: String(pageNum),
    pageSize: String(pageSize),
    totalCount: String(matching.length),
    totalPage: String(Math.ceil(matching.length / pageSize)),
    list: page,
  };
  return { data };
}
