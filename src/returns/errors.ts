import type { ReturnProvider } from "./model.js";

// Expected failures of the domain. Each carries a machine-readable code; the GraphQL layer turns
// them into the `UserError` union members of the contract. Anything else is a bug and is masked.

export type UserErrorCode = "INVALID" | "NOT_FOUND" | "NOT_SUPPORTED" | "INVALID_STATE" | "PROVIDER_REJECTED" | "PROVIDER_UNAVAILABLE" | "IDEMPOTENCY_CONFLICT";

export interface FieldViolation {
  field: string[];
  message: string;
}

export abstract class ReturnsError extends Error {
  abstract readonly code: UserErrorCode;
  field: string[] | null = null;
}

export class InvalidInputError extends ReturnsError {
  readonly code = "INVALID" as const;
  constructor(
    readonly violations: FieldViolation[],
    message?: string,
  ) {
    super(message ?? violations.map((v) => `${v.field.join(".") || "input"}: ${v.message}`).join("; "));
    this.field = violations.length === 1 ? violations[0]!.field : null;
  }
}

export class NotFoundError extends ReturnsError {
  readonly code = "NOT_FOUND" as const;
  constructor(message = "No return order has this id.", field: string[] | null = ["id"]) {
    super(message);
    this.field = field;
  }
}

export class NotSupportedError extends ReturnsError {
  readonly code = "NOT_SUPPORTED" as const;
  constructor(
    readonly provider: ReturnProvider,
    message: string,
  ) {
    super(message);
  }
}

export class InvalidStateError extends ReturnsError {
  readonly code = "INVALID_STATE" as const;
  constructor(
    message: string,
    readonly providerStatus: string | null,
  ) {
    super(message);
  }
}

export class ProviderRejectedError extends ReturnsError {
  readonly code = "PROVIDER_REJECTED" as const;
  constructor(
    readonly provider: ReturnProvider,
    readonly providerCode: string | null,
    readonly providerMessage: string | null,
  ) {
    super(`${provider} rejected the request${providerCode ? ` (${providerCode})` : ""}: ${providerMessage ?? "no message"}`);
  }
}

export class ProviderUnavailableError extends ReturnsError {
  readonly code = "PROVIDER_UNAVAILABLE" as const;
  constructor(
    readonly provider: ReturnProvider,
    readonly account: string,
    readonly reason: string,
    readonly retryable = true,
  ) {
    super(`${provider} (${account}) is unavailable: ${reason}`);
  }
}

/**
 * The request has made all the provider calls one request may make: this call was not sent (nor
 * queued). Not retryable as it stands: the same request would stop at the same place.
 */
export class UpstreamBudgetExceededError extends ProviderUnavailableError {
  /** Tells this apart from a provider that is down, where the answer has room (GraphQL error extensions). */
  readonly reasonCode = "UPSTREAM_BUDGET_EXCEEDED" as const;
  constructor(
    provider: ReturnProvider,
    account: string,
    readonly limit: number,
    retryable = false,
  ) {
    super(provider, account, "the request's provider-call budget is spent", retryable);
    this.message = `This request has used its budget of ${limit} provider calls, so ${provider} was not called: ask for fewer orders per request.`;
  }
}

export class IdempotencyConflictError extends ReturnsError {
  readonly code = "IDEMPOTENCY_CONFLICT" as const;
  constructor(message = "This idempotency key was already used with a different input.") {
    super(message);
    this.field = ["idempotencyKey"];
  }
}
