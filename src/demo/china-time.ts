// All four providers write wall-clock times in China Standard Time (+08:00, no daylight saving).
const OFFSET_MS = 8 * 3600_000;

/** "yyyy-MM-dd HH:mm:ss" in China time. */
export function chinaDateTime(at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 19).replace("T", " ");
}

/** "yyyy-MM-dd" in China time. */
export function chinaDate(at: Date): string {
  return chinaDateTime(at).slice(0, 10);
}

/** The instant of a China wall-clock time read by `pattern` (groups: year, month, day[, hour, minute, second]); null when it does not match. */
export function parseChinaTime(text: string, pattern: RegExp): Date | null {
  const m = pattern.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h = "0", mi = "0", s = "0"] = m;
  const utc = Date.UTC(+y!, +mo! - 1, +d!, +h, +mi, +s) - OFFSET_MS;
  return Number.isNaN(utc) ? null : new Date(utc);
}
