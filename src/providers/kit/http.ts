import {
  BrokenCircuitError,
  bulkhead,
  CircuitState,
  ConsecutiveBreaker,
  ExponentialBackoff,
  circuitBreaker,
  handleWhen,
  retry,
  type BulkheadPolicy,
  type CircuitBreakerPolicy,
} from "cockatiel";
import type { IncomingHttpHeaders } from "node:http";
import { request as undiciRequest, type Dispatcher, type FormData } from "undici";
import { ProviderUnavailableError } from "../../returns/errors.js";
import type { ReturnProvider } from "../../returns/model.js";
import type { Logger } from "../../logger.js";
import { AnswerTooLargeError, readBoundedText } from "./bounded-body.js";
import type { AccountRateLimiter } from "./rate-limit.js";
import { spendProviderCall } from "./call-budget.js";
import { providerSpan } from "../../observability/tracing.js";
import { requestScope } from "../../observability/request-scope.js";

export interface HttpPolicy {
  timeoutMs: number;
  /** Extra attempts for reads (never for writes: those retry only under an idempotency record). */
  readRetries: number;
  breakerThreshold: number;
  breakerHalfOpenAfterMs: number;
  /** Calls to one provider account on the wire at once, whichever requests they serve; the rest wait their turn. */
  maxConcurrentCalls: number;
  /** The largest answer read from a provider; a larger one is cut off and is ProviderUnavailable. */
  maxResponseBytes: number;
}

export const DEFAULT_HTTP_POLICY: HttpPolicy = {
  timeoutMs: 10_000,
  readRetries: 2,
  breakerThreshold: 5,
  breakerHalfOpenAfterMs: 15_000,
  maxConcurrentCalls: 16,
  maxResponseBytes: 4 * 1024 * 1024,
};

export interface ProviderRequest {
  url: string;
  method?: "POST" | "GET";
  /** A function is called for every attempt (per-request tokens with a nonce must not be re-sent). */
  headers?: Record<string, string> | (() => Record<string, string>);
  body?: string | FormData;
  /** Safe to send twice (reads): only these are retried. */
  idempotent: boolean;
  /** For logs and metrics: the provider's action / method name. */
  operation: string;
}

export interface ProviderResponse {
  status: number;
  text: string;
  headers: IncomingHttpHeaders;
}

export interface ProviderCallObserver {
  onCall(info: { provider: ReturnProvider; account: string; operation: string; outcome: "ok" | "rejected" | "unavailable"; durationMs: number }): void;
}

/**
 * The one HTTP client every adapter uses: per-call timeout, retry with jittered backoff for reads,
 * a circuit breaker and a bound on calls in flight per provider account. It answers any HTTP
 * status below 500 except 429 to the adapter (whose envelope decides), and turns everything else
 * into `ProviderUnavailableError`.
 */
export class ProviderHttp {
  private readonly breaker: CircuitBreakerPolicy;
  private readonly retryPolicy;
  private readonly inFlight: BulkheadPolicy;

  constructor(
    readonly provider: ReturnProvider,
    readonly account: string,
    private readonly policy: HttpPolicy,
    private readonly logger: Logger,
    private readonly observer?: ProviderCallObserver,
    readonly limiter?: AccountRateLimiter,
  ) {
    const unavailable = handleWhen((e) => e instanceof ProviderUnavailableError && e.retryable);
    this.breaker = circuitBreaker(unavailable, {
      halfOpenAfter: policy.breakerHalfOpenAfterMs,
      breaker: new ConsecutiveBreaker(policy.breakerThreshold),
    });
    // Each request bounds its own fan-out; this bounds the account's total, so a burst of
    // requests cannot put hundreds of calls on one provider account at the same moment.
    this.inFlight = bulkhead(policy.maxConcurrentCalls, Number.POSITIVE_INFINITY);
    this.retryPolicy = retry(unavailable, {
      maxAttempts: policy.readRetries,
      backoff: new ExponentialBackoff({ initialDelay: 50, maxDelay: 1_000 }),
    });
  }

  get breakerState(): "closed" | "open" | "half-open" | "isolated" {
    switch (this.breaker.state) {
      case CircuitState.Open:
        return "open";
      case CircuitState.HalfOpen:
        return "half-open";
      case CircuitState.Isolated:
        return "isolated";
      default:
        return "closed";
    }
  }

  async send(request: ProviderRequest): Promise<ProviderResponse> {
    const once = () => {
      // Every attempt spends from the request's budget, retries included; a request with none
      // left is refused here, outside the breaker (the provider is fine) and before the account's
      // rate limiter (where it would queue).
      spendProviderCall(this.provider, this.account);
      return this.breaker.execute(() => providerSpan(this.provider, this.account, request.operation, () => this.sendOnce(request)));
    };
    try {
      return request.idempotent ? await this.retryPolicy.execute(once) : await once();
    } catch (error) {
      if (error instanceof BrokenCircuitError) {
        throw new ProviderUnavailableError(this.provider, this.account, "circuit open after repeated failures", true);
      }
      throw error;
    }
  }

  private async sendOnce(request: ProviderRequest): Promise<ProviderResponse> {
    // Every attempt spends from the account's budget, retries included.
    await this.limiter?.acquire(requestScope.getStore()?.rateShare);
    return this.inFlight.execute(() => this.exchange(request));
  }

  /** One request and its answer; the timeout and the logged duration are the provider's time, not the wait for a turn. */
  private async exchange(request: ProviderRequest): Promise<ProviderResponse> {
    const started = performance.now();
    let outcome: "ok" | "rejected" | "unavailable" = "unavailable";
    try {
      // undici's request rather than fetch: no WHATWG streams between the socket and the text,
      // which was a tenth of the subgraph's CPU per list page (see README "Performance").
      let response: Dispatcher.ResponseData;
      try {
        response = await undiciRequest(request.url, {
          method: request.method ?? "POST",
          headers: typeof request.headers === "function" ? request.headers() : request.headers,
          body: request.body,
          signal: AbortSignal.timeout(this.policy.timeoutMs),
        });
      } catch (error) {
        const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
        throw new ProviderUnavailableError(this.provider, this.account, timedOut ? `no answer within ${this.policy.timeoutMs} ms` : "connection failed", true);
      }
      let text: string;
      try {
        text = await readBoundedText(response.body, response.headers, this.policy.maxResponseBytes);
      } catch (error) {
        const reason = error instanceof AnswerTooLargeError ? error.message : "connection lost while reading the answer";
        throw new ProviderUnavailableError(this.provider, this.account, reason, true);
      }
      const status = response.statusCode;
      if (status === 429) {
        throw new ProviderUnavailableError(this.provider, this.account, "rate limited by the provider", true);
      }
      if (status >= 500) {
        throw new ProviderUnavailableError(this.provider, this.account, `HTTP ${status}`, true);
      }
      outcome = status < 400 ? "ok" : "rejected";
      return { status, text, headers: response.headers };
    } finally {
      const durationMs = Math.round((performance.now() - started) * 10) / 10;
      this.logger[outcome === "unavailable" ? "warn" : "info"](
        { provider: this.provider, account: this.account, operation: request.operation, outcome, durationMs },
        "provider call",
      );
      this.observer?.onCall({
        provider: this.provider,
        account: this.account,
        operation: request.operation,
        outcome,
        durationMs,
      });
    }
  }
}

/** Parses a provider's JSON answer; garbage is the provider's fault, never a crash. */
export function parseJsonBody(provider: ReturnProvider, account: string, text: string, parse: (text: string) => unknown = JSON.parse): unknown {
  try {
    return parse(text);
  } catch {
    throw new ProviderUnavailableError(provider, account, "the answer is not valid JSON", true);
  }
}
