const CHINA_OFFSET_MS = 8 * 3600_000;

/** Qimen writes "yyyy-MM-dd HH:mm:ss" in China Standard Time (+08:00). */
export function qimenDateTime(at: Date): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 19).replace("T", " ");
}

export function parseQimenTime(value: unknown): Date | null {
  const m = typeof value === "string" ? /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(value.trim()) : null;
  if (!m) return null;
  const utc = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) - CHINA_OFFSET_MS;
  return Number.isNaN(utc) ? null : new Date(utc);
}
