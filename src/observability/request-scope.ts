import { AsyncLocalStorage } from "node:async_hooks";

/**
 * The request a piece of work belongs to, carried across awaits, so that a provider call logged
 * deep in an adapter still carries the router's request id.
 */
export const requestScope = new AsyncLocalStorage<{ requestId: string }>();
