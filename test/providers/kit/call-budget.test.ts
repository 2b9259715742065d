import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../../src/logger.js";
import { requestScope } from "../../../src/observability/request-scope.js";
import { CallBudget, runWithoutRefusal } from "../../../src/providers/kit/call-budget.js";
import { DEFAULT_HTTP_POLICY, ProviderHttp } from "../../../src/providers/kit/http.js";
import { AccountRateLimiter } from "../../../src/providers/kit/rate-limit.js";
import { UpstreamBudgetExceededError } from "../../../src/returns/errors.js";

describe("a request's budget of provider calls", () => {
  let server: Server;
  let url: string;
  let hits = 0;
  let failing = false;
  beforeAll(async () => {
    server = createServer((_req, res) => {
      hits++;
      res.statusCode = failing ? 503 : 200;
      res.end('{"ok":true}');
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const inRequest = <T>(budget: CallBudget, work: () => Promise<T>) => requestScope.run({ requestId: "r", budget }, work);

  it("counts every attempt, retries included, and refuses the next call without sending it", async () => {
    hits = 0;
    failing = true;
    const http = new ProviderHttp("QIANYI", "default", { ...DEFAULT_HTTP_POLICY, readRetries: 2, breakerThreshold: 100 }, createLogger("silent"));
    const budget = new CallBudget(3);
    await inRequest(budget, async () => {
      await expect(http.send({ url, idempotent: true, operation: "query" })).rejects.toMatchObject({ code: "PROVIDER_UNAVAILABLE", retryable: true });
      expect(hits).toBe(3);
      failing = false;
      const refused = await http.send({ url, idempotent: true, operation: "query" }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(UpstreamBudgetExceededError);
      expect((refused as UpstreamBudgetExceededError).message).toContain("budget of 3 provider calls");
    });
    expect(hits).toBe(3);
    expect(budget.used).toBe(3);
    expect(budget.refused).toBe(1);
    // The refusal is not the provider's fault: the breaker stays closed.
    expect(http.breakerState).toBe("closed");
  });

  it("refuses at once instead of queuing behind the account's rate limit", async () => {
    hits = 0;
    const limiter = new AccountRateLimiter("QIANYI", "default", { points: 1, perSeconds: 60 });
    const http = new ProviderHttp("QIANYI", "default", DEFAULT_HTTP_POLICY, createLogger("silent"), undefined, limiter);
    await inRequest(new CallBudget(1), async () => {
      await http.send({ url, idempotent: true, operation: "query" });
      const started = performance.now();
      await expect(http.send({ url, idempotent: true, operation: "query" })).rejects.toBeInstanceOf(UpstreamBudgetExceededError);
      expect(performance.now() - started).toBeLessThan(100);
      expect(limiter.waiting).toBe(0);
    });
    expect(hits).toBe(1);
  });

  it("lets a mutation's calls through once it started, and still counts them; work outside a request has no budget", async () => {
    hits = 0;
    const http = new ProviderHttp("OMS", "default", DEFAULT_HTTP_POLICY, createLogger("silent"));
    const budget = new CallBudget(1);
    await inRequest(budget, () =>
      runWithoutRefusal(async () => {
        for (let i = 0; i < 3; i++) await http.send({ url, idempotent: false, operation: "update" });
      }),
    );
    expect(hits).toBe(3);
    expect(budget.used).toBe(3);
    expect(budget.exhausted).toBe(true);
    for (let i = 0; i < 3; i++) await http.send({ url, idempotent: true, operation: "ping" });
    expect(hits).toBe(6);
  });
});
