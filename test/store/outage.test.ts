import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StoreUnavailableError } from "../../src/store/health.js";
import { openOutageStore, type OutageStore } from "../helpers/store-outage.js";

const key = { provider: "WINIT" as const, account: "default", providerOrderNo: "RMA-OUTAGE-1" };

describe("the store through an outage", () => {
  let outage: OutageStore;
  beforeAll(async () => {
    outage = await openOutageStore();
  });
  afterAll(async () => {
    await outage?.up();
    await outage?.close();
  });

  it("answers StoreUnavailableError for every kind of call while down, and works again once up, without reopening", async () => {
    const { store } = outage;
    await store.ping();
    await outage.down();
    await expect(store.ping()).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(store.orders.lookup([key])).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(store.sql.transaction((tx) => tx.query("SELECT 1"))).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(store.idempotency.begin("outage-key-1", "h", { provider: "WINIT", account: "default", token: "T0" })).rejects.toBeInstanceOf(
      StoreUnavailableError,
    );

    await outage.up();
    // The pool may still hold connections the outage cut: the first calls after it are allowed to
    // fail as an outage, never as a bug, and the store answers again within a few tries.
    let answered = false;
    for (let i = 0; i < 20 && !answered; i++) {
      try {
        await store.ping();
        answered = true;
      } catch (error) {
        expect(error).toBeInstanceOf(StoreUnavailableError);
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    expect(answered).toBe(true);
    expect((await store.orders.lookup([key])).size).toBe(0);
  });

  it("leaves errors of a reachable store as they are: they are bugs", async () => {
    const error = await outage.store.sql.query("SELEC 1").catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(StoreUnavailableError);
    expect((error as { code?: string }).code).toBe("42601");
  });
});
