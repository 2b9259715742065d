import type { ProviderRegistry } from "../providers/registry.js";
import type { Store } from "../store/index.js";
import type { ProviderHealth, ProviderHealthEntry } from "./provider-health.js";

const STORE_PING_TIMEOUT_MS = 3000;

export interface Readiness {
  /** This replica can serve: its store answers (the schema is built before the port opens). */
  ready: boolean;
  store: "ok" | "down";
  /** Shown, never gating: GraphQL degrades per provider, so one provider's outage is no reason to leave the load balancer. */
  providers: ProviderHealthEntry[];
}

/** Readiness of this replica; calls no provider (their health comes from traffic and breakers). */
export async function readiness(store: Store, registry: ProviderRegistry, health: ProviderHealth): Promise<Readiness> {
  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timed out")), STORE_PING_TIMEOUT_MS).unref());
  const storeState = await Promise.race([store.ping(), timeout]).then(
    () => "ok" as const,
    () => "down" as const,
  );
  return { ready: storeState === "ok", store: storeState, providers: health.report(registry.breakerStates()) };
}
