// WINIT writes local times without an offset; they are China Standard Time (no daylight saving).
const OFFSET_MS = 8 * 3600_000;

/** "yyyy-MM-dd HH:mm:ss" in China time → Date; anything else → null. */
export function parseWinitTime(text: unknown): Date | null {
  if (typeof text !== "string" || !text) return null;
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h = "0", mi = "0", s = "0"] = m;
  if (!isCalendarDate(+y!, +mo!, +d!) || +h > 23 || +mi > 59 || +s > 59) return null;
  return new Date(Date.UTC(+y!, +mo! - 1, +d!, +h, +mi, +s) - OFFSET_MS);
}

/** Whether year-month-day names a day of the calendar (2024-02-29 does, 2024-02-31 does not). */
function isCalendarDate(y: number, mo: number, d: number): boolean {
  const at = new Date(Date.UTC(y, mo - 1, d));
  return at.getUTCFullYear() === y && at.getUTCMonth() === mo - 1 && at.getUTCDate() === d;
}

/** Whether a "yyyy-MM-dd" text is a day of the calendar, as WINIT's date fields take it. */
export function isWinitDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return m != null && isCalendarDate(+m[1]!, +m[2]!, +m[3]!);
}

/** The China-time calendar date of an instant, as WINIT's date window wants it. */
export function winitDate(at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** The China-time "yyyy-MM-dd HH:mm:ss" of an instant (request timestamps). */
export function winitDateTime(at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 19).replace("T", " ");
}
