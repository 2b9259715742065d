import { Redis } from "ioredis";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";
import { DEFAULT_HTTP_POLICY } from "../../src/providers/kit/http.js";
import { AccountRateLimiter } from "../../src/providers/kit/rate-limit.js";
import { ProviderRegistry } from "../../src/providers/registry.js";
import type { Store } from "../../src/store/index.js";
import { ProviderUnavailableError } from "../../src/returns/errors.js";

const TEST_REDIS_URL = process.env["TEST_REDIS_URL"];

/** The largest number of acquisitions inside any window of `ms`. */
function busiestWindow(times: number[], ms: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i]! - sorted[j]! >= ms) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

async function acquireAll(limiters: AccountRateLimiter[], count: number): Promise<number[]> {
  const times: number[] = [];
  await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      await limiters[i % limiters.length]!.acquire();
      times.push(performance.now());
    }),
  );
  return times;
}

describe("per-account rate limits", () => {
  it("uses the provider's published limit unless the deployment raised it", () => {
    const settings = {
      baseUrl: "http://127.0.0.1:9",
      appKey: "k",
      token: "t",
      clientId: "c",
      clientSecret: "s",
      platform: "p",
      listWindowDays: 365,
      lookbackDays: 1826,
    };
    const accounts = [
      { provider: "WINIT" as const, account: "a", settings, demo: false },
      { provider: "OMS" as const, account: "b", settings: { baseUrl: "http://127.0.0.1:9", apiKey: "k", apiSecret: "s" }, demo: false },
    ];
    const deps = { store: {} as Store, logger: createLogger("silent"), clock: () => new Date(), http: DEFAULT_HTTP_POLICY };
    const published = new ProviderRegistry(accounts, deps).rateLimitQueues();
    expect(published.map((q) => [q.provider, q.perMinute])).toEqual([
      ["WINIT", 1000],
      ["OMS", 600],
    ]);
    const raised = new ProviderRegistry(accounts, { ...deps, rateLimitsPerMinute: { WINIT: 5000 } }).rateLimitQueues();
    expect(raised.map((q) => [q.provider, q.perMinute])).toEqual([
      ["WINIT", 5000],
      ["OMS", 600],
    ]);
  });

  it("queues calls over the budget instead of failing them", async () => {
    const limiter = new AccountRateLimiter("WINIT", "default", { points: 4, perSeconds: 1 });
    const started = performance.now();
    const times = await acquireAll([limiter], 10);
    expect(times).toHaveLength(10);
    // 10 calls at 4 a second need at least two refills
    expect(Math.max(...times) - started).toBeGreaterThanOrEqual(1_900);
    expect(busiestWindow(times, 990)).toBeLessThanOrEqual(4);
    expect(limiter.waiting).toBe(0);
  });

  it("answers a retryable ProviderUnavailable when the queue is full", async () => {
    const limiter = new AccountRateLimiter("OMS", "default", { points: 1, perSeconds: 60 }, undefined, 2);
    await limiter.acquire();
    const waiting = [limiter.acquire(), limiter.acquire()];
    await expect(limiter.acquire()).rejects.toBeInstanceOf(ProviderUnavailableError);
    expect(limiter.waiting).toBe(2);
    // the queued ones are left to time out with the test; do not await them
    void Promise.allSettled(waiting);
  });

  it.skipIf(!TEST_REDIS_URL)("shares one budget between replicas through Redis", async () => {
    const account = `acct-${Date.now()}`;
    const clients = [new Redis(TEST_REDIS_URL!), new Redis(TEST_REDIS_URL!)];
    try {
      await Promise.all(clients.map((c) => (c.status === "ready" ? Promise.resolve() : new Promise((resolve) => c.once("ready", resolve)))));
      const limiters = clients.map((c) => new AccountRateLimiter("WINIT", account, { points: 3, perSeconds: 1 }, c));
      const times = await acquireAll(limiters, 9);
      expect(times).toHaveLength(9);
      // two replicas together still make at most 3 calls in any second
      expect(busiestWindow(times, 990)).toBeLessThanOrEqual(3);
    } finally {
      for (const c of clients) c.disconnect();
    }
  });
});
