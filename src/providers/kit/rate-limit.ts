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

  private readonly shares = new Map<number, RateLimiterQueue>();

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

  /**
   * Waits for a token. With a `share` (below 1), the call first takes a token of a budget that
   * size of this one: background work never holds more than its share of the account's calls.
   * That budget is this process's own: only one replica syncs an account at a time.
   */
  async acquire(share?: number): Promise<void> {
    this.waiting++;
    try {
      if (share !== undefined && share < 1) await this.shareQueue(share).removeTokens(1);
      await this.queue.removeTokens(1);
    } catch {
      throw new ProviderUnavailableError(this.provider, this.account, "too many calls are queued behind the provider's rate limit", true);
    } finally {
      this.waiting--;
    }
  }

  private shareQueue(share: number): RateLimiterQueue {
    let queue = this.shares.get(share);
    if (!queue) {
      const points = Math.max(1, Math.floor(this.limit.points * share));
      queue = new RateLimiterQueue(new RateLimiterMemory({ points, duration: this.limit.perSeconds }), { maxQueueSize: 2_000 });
      this.shares.set(share, queue);
    }
    return queue;
  }
}
