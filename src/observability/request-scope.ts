import { AsyncLocalStorage } from "node:async_hooks";
import type { CallBudget } from "../providers/kit/call-budget.js";

export interface RequestScope {
  requestId: string;
  /** Provider calls this request may still make (GraphQL requests only). */
  budget?: CallBudget;
  /** Inside a mutation: its calls count, but are never refused (a half-done mutation is worse than a late stop). */
  budgetExempt?: boolean;
  /**
   * Background work (the sync): the share of each account's rate budget its calls may take, so
   * that the rest stays with the requests of callers.
   */
  rateShare?: number;
}

/**
 * The request a piece of work belongs to, carried across awaits, so that a provider call logged
 * deep in an adapter still carries the router's request id, and counts against its request's budget.
 */
export const requestScope = new AsyncLocalStorage<RequestScope>();
