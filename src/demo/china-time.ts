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

/**
 * The instant of a China wall-clock time read by `pattern` (groups: year, month, day[, hour,
 * minute, second]); null when it does not match or names no real time (2024-02-31, 25:00:00).
 */
export function parseChinaTime(text: string, pattern: RegExp): Date | null {
  const m = pattern.exec(text.trim());
  if (!m) return null;
  const parts = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0));
  const [y, mo, d, h, mi, s] = parts as [number, number, number, number, number, number];
  const wall = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  const real =
    wall.getUTCFullYear() === y && wall.getUTCMonth() === mo - 1 && wall.getUTCDate() === d && wall.getUTCHours() === h && wall.getUTCMinutes() === mi;
  return real && wall.getUTCSeconds() === s ? new Date(wall.getTime() - OFFSET_MS) : null;
}
