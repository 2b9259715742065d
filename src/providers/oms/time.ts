// The OMS writes times without an offset. They are read as China Standard Time, an assumption:
// the OMS is a Chinese system and states no zone anywhere (the README says so).
const OFFSET_MS = 8 * 3600_000;

/** Epoch milliseconds (number or digits) or "yyyy-MM-dd[ HH:mm:ss]" in China time → Date; else null. */
export function parseOmsTime(value: unknown): Date | null {
  if (typeof value === "number" || (typeof value === "string" && /^\d{13}$/.test(value))) {
    const at = new Date(Number(value));
    return Number.isNaN(at.getTime()) ? null : at;
  }
  if (typeof value !== "string") return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, h = "0", mi = "0", s = "0"] = m;
  const at = new Date(Date.UTC(+y!, +mo! - 1, +d!, +h, +mi, +s) - OFFSET_MS);
  return Number.isNaN(at.getTime()) ? null : at;
}

/** An instant as the OMS writes it: "yyyy-MM-dd HH:mm:ss" in China time. */
export function omsDateTime(at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 19).replace("T", " ");
}
