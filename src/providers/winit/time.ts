// WINIT writes local times without an offset; they are China Standard Time (no daylight saving).
const OFFSET_MS = 8 * 3600_000;

/** "yyyy-MM-dd HH:mm:ss" in China time → Date; anything else → null. */
export function parseWinitTime(text: unknown): Date | null {
  if (typeof text !== "string" || !text) return null;
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h = "0", mi = "0", s = "0"] = m;
  const utc = Date.UTC(+y!, +mo! - 1, +d!, +h, +mi, +s) - OFFSET_MS;
  return Number.isNaN(utc) ? null : new Date(utc);
}

/** The China-time calendar date of an instant, as WINIT's date window wants it. */
export function winitDate(at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** The China-time "yyyy-MM-dd HH:mm:ss" of an instant (request timestamps). */
export function winitDateTime(at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 19).replace("T", " ");
}
