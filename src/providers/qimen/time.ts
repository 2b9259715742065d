const CHINA_OFFSET_MS = 8 * 3600_000;

/** Qimen writes "yyyy-MM-dd HH:mm:ss" in China Standard Time (+08:00). */
export function qimenDateTime(at: Date): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 19).replace("T", " ");
}

/** The wall-clock instant of these parts read as UTC, or null when they name no time (31 February, hour 24). */
export function existingWallClock(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): Date | null {
  const wall = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  // Date.UTC carries an impossible time over (2024-02-31 would be 2 March): such a time is no time.
  const exists =
    wall.getUTCFullYear() === year &&
    wall.getUTCMonth() === month - 1 &&
    wall.getUTCDate() === day &&
    wall.getUTCHours() === hour &&
    wall.getUTCMinutes() === minute &&
    wall.getUTCSeconds() === second;
  return exists ? wall : null;
}

export function parseQimenTime(value: unknown): Date | null {
  const m = typeof value === "string" ? /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(value.trim()) : null;
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const wall = existingWallClock(year, month, day, hour, minute, second);
  return wall ? new Date(wall.getTime() - CHINA_OFFSET_MS) : null;
}
