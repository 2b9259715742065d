import type { ReturnOrder } from "./model.js";

// Orders stored as JSON (idempotent replays, store-backed providers) come back with real Dates.
const DATE_FIELDS = ["createdAt", "updatedAt", "completedAt"] as const;

export function toSnapshot(order: ReturnOrder): Record<string, unknown> {
  return JSON.parse(JSON.stringify(order)) as Record<string, unknown>;
}

export function fromSnapshot(snapshot: unknown): ReturnOrder {
  const order = { ...(snapshot as Record<string, unknown>) };
  for (const field of DATE_FIELDS) {
    const value = order[field];
    order[field] = typeof value === "string" ? new Date(value) : null;
  }
  return order as unknown as ReturnOrder;
}
