import { requestScope } from "../../observability/request-scope.js";
import { UpstreamBudgetExceededError } from "../../returns/errors.js";
import type { ReturnProvider } from "../../returns/model.js";

export const DEFAULT_MAX_PROVIDER_CALLS_PER_REQUEST = 100;

/**
 * The provider calls one GraphQL request may make, retries included. Without it one request for
 * many orders that cost a call each spends an account's rate limit (calls a minute, shared by
 * every caller) and every other caller's page queues behind it. Beyond it, calls are refused at
 * once rather than queued.
 */
export class CallBudget {
  private spent = 0;
  private refusals = 0;
  /** One refusal per account, thrown again for every refused call: a request refused hundreds of times builds (and formats the stack of) one error, not hundreds. */
  private readonly refusalErrors = new Map<string, UpstreamBudgetExceededError>();

  constructor(readonly limit: number) {}

  /** Calls made (or started) on behalf of the request. */
  get used(): number {
    return this.spent;
  }

  /** Calls refused because none was left. */
  get refused(): number {
    return this.refusals;
  }

  get exhausted(): boolean {
    return this.spent >= this.limit;
  }

  /** Counts one call; false (and nothing counted) when none is left, unless it must not be refused. */
  take(exempt: boolean): boolean {
    if (!exempt && this.exhausted) {
      this.refusals++;
      return false;
    }
    this.spent++;
    return true;
  }

  refusal(provider: ReturnProvider, account: string): UpstreamBudgetExceededError {
    const key = `${provider}/${account}`;
    let error = this.refusalErrors.get(key);
    if (!error) {
      error = new UpstreamBudgetExceededError(provider, account, this.limit);
      this.refusalErrors.set(key, error);
    }
    return error;
  }
}

/**
 * Spends one call of the current request's budget before a provider call (each attempt); throws
 * `UpstreamBudgetExceededError` when none is left. Work outside a GraphQL request (readiness
 * probes, webhooks) has no budget.
 */
export function spendProviderCall(provider: ReturnProvider, account: string): void {
  const scope = requestScope.getStore();
  if (!scope?.budget) return;
  if (!scope.budget.take(scope.budgetExempt === true)) throw scope.budget.refusal(provider, account);
}

/** Runs a mutation's provider work counted against the request's budget but never cut off by it. */
export function runWithoutRefusal<T>(work: () => T): T {
  const scope = requestScope.getStore();
  return scope?.budget ? requestScope.run({ ...scope, budgetExempt: true }, work) : work();
}

/** The current request's budget, when it has one. */
export const currentBudget = (): CallBudget | undefined => requestScope.getStore()?.budget;
