import { createHash } from "node:crypto";
import type { ReturnOrderFilter } from "./model.js";
import { stableJson } from "./stable-json.js";

/** Per source (provider/account): the raw offset to resume from, or "done". */
export type Positions = Record<string, number | "done">;

export class CursorError extends Error {
  readonly code = "BAD_CURSOR";
}

const MAX_CURSOR_LENGTH = 4096;

/** One string for equal filters, however their lists are ordered. */
export function canonicalFilter(filter: ReturnOrderFilter & { providers?: readonly string[] | null }): string {
  return JSON.stringify([
    [...(filter.providers ?? [])].sort(),
    [...(filter.statuses ?? [])].sort(),
    filter.warehouseCode ?? null,
    filter.createdFrom?.toISOString() ?? null,
    filter.createdTo?.toISOString() ?? null,
    filter.search ?? null,
    stableJson(filter.providerFilters ?? {}),
    // Appended only when given, so that cursors made before the change window existed stay valid.
    ...(filter.updatedFrom || filter.updatedTo ? [filter.updatedFrom?.toISOString() ?? null, filter.updatedTo?.toISOString() ?? null] : []),
  ]);
}

/** Binds a cursor to the filter it was made for: reusing it with another filter is refused. */
export function filterFingerprint(filter: ReturnOrderFilter & { providers?: readonly string[] | null }): string {
  return createHash("sha256").update(canonicalFilter(filter)).digest("base64url").slice(0, 12);
}

export function encodeCursor(fingerprint: string, positions: Positions): string {
  return Buffer.from(JSON.stringify({ v: 1, f: fingerprint, p: positions }), "utf8").toString("base64url");
}

export function decodeCursor(cursor: string, fingerprint: string): Positions {
  if (typeof cursor !== "string" || cursor.length === 0 || cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) {
    throw new CursorError("`after` is not a cursor of this list.");
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw new CursorError("`after` is not a cursor of this list.");
  }
  const body = parsed as { v?: unknown; f?: unknown; p?: unknown };
  if (!body || typeof body !== "object" || body.v !== 1 || typeof body.f !== "string" || !body.p || typeof body.p !== "object" || Array.isArray(body.p)) {
    throw new CursorError("`after` is not a cursor of this list.");
  }
  if (body.f !== fingerprint) throw new CursorError("`after` was made for another filter; start again without it.");
  const positions: Positions = {};
  for (const [source, value] of Object.entries(body.p as Record<string, unknown>)) {
    if (value === "done" || (typeof value === "number" && Number.isSafeInteger(value) && value >= 0 && value <= 10_000_000)) {
      positions[source] = value;
    } else {
      throw new CursorError("`after` is not a cursor of this list.");
    }
  }
  return positions;
}
