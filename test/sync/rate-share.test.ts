import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AccountRateLimiter } from "../../src/providers/kit/rate-limit.js";
import { encodeOrderId } from "../../src/returns/ids.js";
import { ReturnOrderEventsOfDocument, ReturnOrdersChangedDocument } from "../generated/graphql.js";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { startSharedWinit } from "../helpers/emulators.js";

// The sync leaves the larger part of an account's rate budget to reads (RETURNS_SYNC_RATE_SHARE).

const settles = async (promise: Promise<unknown>, ms: number) =>
  Promise.race([promise.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms))]);

describe("the sync's share of an account's rate limit", () => {
  it("lets calls with a share take at most that share of the budget, and the rest stays for calls without one", async () => {
    const limiter = new AccountRateLimiter("WINIT", "default", { points: 4, perSeconds: 60 });
    expect(await settles(Promise.all([limiter.acquire(0.5), limiter.acquire(0.5)]), 500)).toBe(true);
    const third = limiter.acquire(0.5);
    expect(await settles(third, 300)).toBe(false);
    // Reads still get the other half at once.
    expect(await settles(Promise.all([limiter.acquire(), limiter.acquire()]), 500)).toBe(true);
    third.catch(() => undefined);
  });

  describe("through the application", () => {
    let winit: Awaited<ReturnType<typeof startSharedWinit>>;
    let app: TestApp;
    beforeAll(async () => {
      winit = await startSharedWinit({ generated: 10 });
      // Six calls a minute: the sync may take three, reads keep three.
      app = await startTestApp({ env: { ...winit.env, RETURNS_DEMO: "false", RETURNS_SYNC_INTERVAL_SECONDS: "1", WINIT_RATE_LIMIT_PER_MINUTE: "6" } });
    }, 60_000);
    afterAll(async () => {
      await app.close();
      await winit.close();
    });

    it("stops the sync at its share while a read still gets through", async () => {
      const { data } = await app.gql(ReturnOrdersChangedDocument, { filter: { providers: ["WINIT"] }, first: 100 });
      const seen = winit.emulator.calls.length;
      // Each run asks for the known open orders in several creation windows: more than its share.
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      expect(winit.emulator.calls.length - seen).toBe(3);
      const started = Date.now();
      const node = data!.returnOrders.nodes[0]!;
      const read = await app.gql(ReturnOrderEventsOfDocument, {
        id: encodeOrderId({ provider: "WINIT", account: "default", providerOrderNo: node.providerOrderNo }),
      });
      expect(read.data!.returnOrder?.id).toBe(node.id);
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(winit.emulator.calls.length - seen).toBe(4);
    });
  });
});
