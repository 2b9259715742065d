import type { ProviderCallObserver } from "../providers/kit/http.js";
import type { ReturnProvider } from "../returns/model.js";

type Outcome = "ok" | "rejected" | "unavailable";

interface LastCall {
  at: Date;
  outcome: Outcome;
}

export interface ProviderHealthEntry {
  provider: string;
  account: string;
  /** `unknown`: no call since start; `down`: the last call found it unavailable, or its breaker keeps calls away. */
  status: "ok" | "down" | "unknown";
  breaker: string;
  lastCallAt?: string;
  lastOutcome?: Outcome;
}

/**
 * What the traffic says about each provider account: the outcome of its last call. Readiness shows
 * it instead of calling the providers, so a probe costs no provider quota and one provider's outage
 * does not take the replica out of the load balancer.
 */
export class ProviderHealth implements ProviderCallObserver {
  private readonly last = new Map<string, LastCall>();

  constructor(private readonly clock: () => Date = () => new Date()) {}

  onCall(info: { provider: ReturnProvider; account: string; outcome: Outcome }): void {
    this.last.set(`${info.provider}/${info.account}`, { at: this.clock(), outcome: info.outcome });
  }

  report(breakers: readonly { provider: string; account: string; state: string }[]): ProviderHealthEntry[] {
    return breakers.map(({ provider, account, state }) => {
      const last = this.last.get(`${provider}/${account}`);
      const kept = state === "open" || state === "isolated";
      const status = kept || last?.outcome === "unavailable" ? "down" : last ? "ok" : "unknown";
      return { provider, account, status, breaker: state, ...(last ? { lastCallAt: last.at.toISOString(), lastOutcome: last.outcome } : {}) };
    });
  }
}
