import { parseChinaTime } from "../china-time.js";
import { shopOf } from "./data.js";
import { CODES, QIANYI_TIME, type WireOrder } from "./wire.js";

// QUERY_RETURN_ORDER_LIST's filters beyond the exact ones, by the emulator's own reading of seed
// 001: the creation and finish windows (yyyy-MM-dd HH:mm:ss, real times), the update window (whole
// China days), the shop and shop-group
// id lists (List<Long>), and the 50-character limit of returnNumber and warehouse.

type Biz = Record<string, unknown>;

export type QueryFilter = { refused: { code: string; message: string } } | { keeps: (order: WireOrder) => boolean };

const WINDOWS = [
  ["fromCreateTime", "toCreateTime", "createTime"],
  ["finishTimeFrom", "finishTimeTo", "finishTime"],
] as const;

const DAY_MS = 86_400_000;
const DAY_TEXT = /^(\d{4}-\d{2}-\d{2})(?: \d{2}:\d{2}:\d{2})?$/;

const refuse = (message: string): QueryFilter => ({ refused: { code: CODES.input, message } });

function idList(value: unknown): number[] | null {
  return Array.isArray(value) && value.every((v) => typeof v === "number" && Number.isSafeInteger(v) && v > 0) ? (value as number[]) : null;
}

export function queryFilter(biz: Biz): QueryFilter {
  for (const field of ["returnNumber", "warehouse"]) {
    if (typeof biz[field] === "string" && (biz[field] as string).length > 50) return refuse(`${field}最大50个字符 ${field} is at most 50 characters`);
  }
  const checks: ((order: WireOrder) => boolean)[] = [];
  for (const [fromField, toField, time] of WINDOWS) {
    for (const [field, isFrom] of [
      [fromField, true],
      [toField, false],
    ] as const) {
      if (biz[field] == null) continue;
      const at = typeof biz[field] === "string" ? parseChinaTime(biz[field] as string, QIANYI_TIME) : null;
      if (!at) return refuse(`${field}格式 yyyy-MM-dd HH:mm:ss (a real time)`);
      const bound = at.getTime();
      checks.push((o) => {
        const value = o[time] as number | null | undefined;
        return value != null && (isFrom ? value >= bound : value <= bound);
      });
    }
  }
  // 退货单更新时间,精确到"天": a bound names a whole China day; its time (if any) is not looked at.
  for (const [field, isFrom] of [
    ["updateTimeFrom", true],
    ["updateTimeTo", false],
  ] as const) {
    if (biz[field] == null) continue;
    const day = typeof biz[field] === "string" ? DAY_TEXT.exec((biz[field] as string).trim()) : null;
    const start = day ? parseChinaTime(day[1]!, QIANYI_TIME) : null;
    if (!start) return refuse(`${field}格式 yyyy-MM-dd`);
    const bound = isFrom ? start.getTime() : start.getTime() + DAY_MS - 1;
    checks.push((o) => {
      const value = o.updateTime as number | null | undefined;
      return value != null && (isFrom ? value >= bound : value <= bound);
    });
  }
  for (const [field, part] of [
    ["shopIdList", "id"],
    ["shopGroupIdList", "groupId"],
  ] as const) {
    if (biz[field] == null) continue;
    const ids = idList(biz[field]);
    if (!ids) return refuse(`${field} must be a list of ids (List<Long>)`);
    if (ids.length > 0) checks.push((o) => ids.includes(shopOf(String(o.shop ?? ""))?.[part] ?? -1));
  }
  return { keeps: (order) => checks.every((check) => check(order)) };
}
