import { keyString, type ReturnProvider } from "../returns/model.js";
import type { Store } from "../store/index.js";
import type { PushChange, PushOutcome } from "./types.js";

/**
 * Applies a verified push: in one transaction, the stored order is read (when the change needs
 * it), the push's key is claimed and its effect recorded, so a push is applied exactly once and a
 * failed apply leaves it free for the provider's retry.
 */
export async function applyPush(store: Store, provider: ReturnProvider, change: PushChange): Promise<PushOutcome> {
  return store.sql.transaction(async (tx) => {
    const current = change.readsCurrent ? ((await store.orders.snapshots([change.order], { tx, forUpdate: true })).get(keyString(change.order)) ?? null) : null;
    const updated = change.apply(current);
    if (!updated) return "unknown-order";
    if (!(await store.webhooks.claim(provider, change.dedupeKey, tx))) return "duplicate";
    await store.orders.record([updated], "PROVIDER_PUSH", { at: change.at, keepSnapshot: change.keepSnapshot, tx });
    return "applied";
  });
}
