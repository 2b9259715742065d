import type { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterQueue, RateLimiterRedis } from "rate-limiter-flexible";
import { ProviderUnavailableError } from "../../returns/errors.js";
import type { ReturnProvider } from "../../returns/model.js";

/** A provider's published call budget for one account. */
export interface RateLimit {
  points: number;
  perSeconds: number;
}

/** Used for providers that publish no limit: conservative, and configurable. */
export const DEFAULT_RATE_LIMIT: RateLimit = { points: 600, perSeconds: 60 };

/**
 * Keeps one provider account under its published limit by queuing calls, not failing them.
 * With Redis the budget is shared by every replica (one key per provider account); if Redis is
 * unreachable each replica falls back to its own in-process budget rather than stopping calls.
 */
export class AccountRateLimiter {
  private readonly queue: RateLimiterQueue;
  /** Calls waiting for a token right now (for metrics). */
  waiting = 0;

  constructor(
    private readonly provider: ReturnProvider,
    private readonly account: string,
    readonly limit: RateLimit,
    redis?: Redis,
    maxQueueSize = 2_000,
  ) {
    const memory = new RateLimiterMemory({ points: limit.points, duration: limit.perSeconds });
    const limiter = redis
      ? new RateLimiterRedis({
          storeClient: redis,
          keyPrefix: `returns-subgraph:rate:${provider}:${account}`,
          points: limit.points,
          duration: limit.perSeconds,
          rejectIfRedisNotReady: true,
          insuranceLimiter: memory,
        })
      : memory;
    this.queue = new RateLimiterQueue(limiter, { maxQueueSize });
  }

  async acquire(): Promise<void> {
    this.waiting++;
    try {
      await this.queue.removeTokens(1);
    } catch {
      throw new ProviderUnavailableError(this.provider, this.account, "too many calls are queued behind the provider's rate limit", true);
    } finally {
      this.waiting--;
    }
  }
}
