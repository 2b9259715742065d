/**
 * Calls one lookup makes to one provider account at the same time. Bounded per call,
 * not shared between requests: a small shared bound would queue one request behind another's
 * calls for the provider's whole latency. The account's total is bounded by the HTTP client
 * (`maxConcurrentCalls` calls on the wire) and its rate limiter (calls a minute).
 */
export const LOOKUPS_AT_ONCE = 4;
