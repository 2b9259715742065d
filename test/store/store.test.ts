import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import type { ReturnOrder } from "../../src/returns/model.js";
import { migrate, MIGRATIONS } from "../../src/store/migrations.js";
import { openStore } from "../../src/store/index.js";
import { UNCHANGED_READ_SKIP_MS } from "../../src/store/orders.js";
import { freshPostgresUrl, openTestStore, TEST_DATABASE_URL } from "../helpers/app.js";

const order = (no: string, providerStatus: string, status: ReturnOrder["status"], updatedAt: string | null = null): ReturnOrder => ({
  provider: "WINIT",
  account: "default",
  providerOrderNo: no,
  referenceNo: `REF-${no}`,
  outboundOrderNo: null,
  status,
  providerStatus,
  warehouseCode: "US0001",
  carrier: null,
  trackingNumber: null,
  reason: null,
  remark: null,
  sender: null,
  lines: [{ sku: "S", quantity: 1 }],
  totalQuantity: 1,
  receivedQuantity: null,
  createdAt: new Date("2024-01-01T00:00:00Z"),
  updatedAt: updatedAt ? new Date(updatedAt) : null,
  completedAt: null,
  details: { __typename: "WinitReturnDetails" },
});

describe(`store (${TEST_DATABASE_URL ? "PostgreSQL" : "PGlite"})`, () => {
  it("applies migrations once, however often it starts", async () => {
    const store = await openTestStore();
    try {
      expect(await migrate(store.sql)).toEqual([]);
      const versions = await store.sql.query<{ version: number }>("SELECT version FROM schema_migrations ORDER BY version");
      expect(versions.map((v) => Number(v.version))).toEqual(MIGRATIONS.map((m) => m.version));
    } finally {
      await store.close();
    }
  });

  it.skipIf(!TEST_DATABASE_URL)("lets two replicas start at once on one database", async () => {
    const url = await freshPostgresUrl();
    const [a, b] = await Promise.all([openTestStore(url), openTestStore(url)]);
    try {
      const versions = await a.sql.query("SELECT version FROM schema_migrations");
      expect(versions).toHaveLength(MIGRATIONS.length);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it("records a status event once per change, oldest first, and ignores repeats", async () => {
    const store = await openTestStore();
    try {
      await store.orders.record([order("A", "OD", "OPEN", "2024-01-01T01:00:00Z")], "OBSERVED");
      await store.orders.record([order("A", "OD", "OPEN", "2024-01-01T01:00:00Z")], "OBSERVED");
      await store.orders.record([order("A", "RE", "RECEIVED", "2024-01-03T00:00:00Z")], "OBSERVED");
      await store.orders.record([order("A", "RE", "RECEIVED", "2024-01-03T00:00:00Z")], "OBSERVED");
      const pushed = {
        provider: "WINIT" as const,
        account: "default",
        providerOrderNo: "A",
        status: "COMPLETED" as const,
        providerStatus: "OC",
        at: new Date("2024-01-02T00:00:00Z"),
        source: "PROVIDER_PUSH" as const,
      };
      expect(await store.orders.appendEvents([pushed])).toBe(1);
      expect(await store.orders.appendEvents([pushed])).toBe(0);
      const events = (await store.events.eventsOf([{ provider: "WINIT", account: "default", providerOrderNo: "A" }])).get("WINIT\u0000default\u0000A");
      expect(events?.map((e) => [e.providerStatus, e.source, e.at.toISOString()])).toEqual([
        ["OD", "OBSERVED", "2024-01-01T01:00:00.000Z"],
        ["OC", "PROVIDER_PUSH", "2024-01-02T00:00:00.000Z"],
        ["RE", "OBSERVED", "2024-01-03T00:00:00.000Z"],
      ]);
    } finally {
      await store.close();
    }
  });

  it("does not write again a read that shows what it just recorded, but records every change", async () => {
    const store = await openTestStore();
    let writes = 0;
    const query = store.sql.query.bind(store.sql);
    (store.sql as { query: typeof store.sql.query }).query = (text, params) => {
      if (/INSERT INTO/.test(text)) writes++;
      return query(text, params);
    };
    const key = { provider: "WINIT" as const, account: "default", providerOrderNo: "M" };
    const history = async () => ((await store.events.eventsOf([key])).get("WINIT\u0000default\u0000M") ?? []).map((e) => `${e.providerStatus}/${e.source}`);
    try {
      await store.orders.record([order("M", "OD", "OPEN")], "OBSERVED");
      await store.orders.record([order("M", "OD", "OPEN")], "OBSERVED");
      expect(writes).toBe(1);
      // A change is written at once, and so is the read that follows a push or a mutation.
      await store.orders.record([order("M", "RE", "RECEIVED")], "OBSERVED");
      await store.orders.record([order("M", "OC", "COMPLETED")], "PROVIDER_PUSH", { at: new Date("2024-02-01T00:00:00Z") });
      await store.orders.record([order("M", "RE", "RECEIVED")], "OBSERVED");
      expect(writes).toBe(4);
      expect(await history()).toEqual(["OD/OBSERVED", "RE/OBSERVED", "OC/PROVIDER_PUSH"]);
      expect((await store.orders.lookup([key])).get("WINIT\u0000default\u0000M")).toMatchObject({ providerStatus: "RE" });
      // Once the memory is older than the bound, an unchanged read writes again (another replica may have written since).
      const now = Date.now();
      const clock = vi.spyOn(Date, "now").mockReturnValue(now + UNCHANGED_READ_SKIP_MS + 1);
      try {
        await store.orders.record([order("M", "RE", "RECEIVED")], "OBSERVED");
      } finally {
        clock.mockRestore();
      }
      expect(writes).toBe(5);
    } finally {
      await store.close();
    }
  });

  it("loads the events of many orders in one query and keeps the index", async () => {
    const store = await openTestStore();
    try {
      await store.orders.record([order("A", "OD", "OPEN"), order("B", "VO", "CANCELLED")], "OBSERVED");
      const keys = ["A", "B", "C"].map((n) => ({ provider: "WINIT" as const, account: "default", providerOrderNo: n }));
      const events = await store.events.eventsOf(keys);
      expect([...events.keys()].sort()).toEqual(["WINIT\u0000default\u0000A", "WINIT\u0000default\u0000B"]);
      const index = await store.orders.lookup(keys);
      expect(index.get("WINIT\u0000default\u0000B")).toMatchObject({ referenceNo: "REF-B", providerStatus: "VO", createdAt: new Date("2024-01-01T00:00:00Z") });
      expect(await store.orders.accountsOf("WINIT", "A")).toEqual(["default"]);
    } finally {
      await store.close();
    }
  });

  it("keeps everything across a restart", async () => {
    const dir = mkdtempSync(join(tmpdir(), "returns-store-"));
    const url = TEST_DATABASE_URL ? await freshPostgresUrl() : undefined;
    const open = () => openStore({ databaseUrl: url, dataDir: url ? undefined : dir, idempotencyTtlMs: 3600_000, idempotencyLeaseMs: 30_000 });
    const first = await open();
    await first.orders.record([order("R", "OD", "OPEN")], "MUTATION", { keepSnapshot: true });
    expect(await first.idempotency.begin("key-restart", "h", { provider: "WINIT", account: "default", token: "R" })).toEqual({ kind: "started" });
    await first.idempotency.complete("key-restart", { ok: 1 });
    await first.close();
    const second = await open();
    try {
      expect((await second.orders.snapshots([{ provider: "WINIT", account: "default", providerOrderNo: "R" }])).size).toBe(1);
      expect(await second.idempotency.begin("key-restart", "h", { provider: "WINIT", account: "default", token: "R" })).toEqual({
        kind: "replay",
        result: { ok: 1 },
      });
    } finally {
      await second.close();
    }
  });

  it("expires and purges idempotency keys", async () => {
    const store = await openStore({ databaseUrl: TEST_DATABASE_URL ? await freshPostgresUrl() : undefined, idempotencyTtlMs: 50, idempotencyLeaseMs: 30_000 });
    try {
      const scope = { provider: "WINIT" as const, account: "default", token: "T0" };
      await store.idempotency.begin("k-expire-1", "h", scope);
      await store.idempotency.complete("k-expire-1", { n: 1 });
      await new Promise((r) => setTimeout(r, 120));
      expect(await store.idempotency.purgeExpired()).toBe(1);
      expect(await store.idempotency.state("k-expire-1")).toBeNull();
      // an expired key is free again even before the purge runs
      await store.idempotency.begin("k-expire-2", "h", scope);
      await new Promise((r) => setTimeout(r, 120));
      expect(await store.idempotency.begin("k-expire-2", "other", scope)).toEqual({ kind: "started" });
    } finally {
      await store.close();
    }
  });

  it("tells a conflict, a replay, a running attempt and an abandoned one apart", async () => {
    const store = await openStore({
      databaseUrl: TEST_DATABASE_URL ? await freshPostgresUrl() : undefined,
      idempotencyTtlMs: 3600_000,
      idempotencyLeaseMs: 100,
    });
    try {
      const scope = { provider: "WINIT" as const, account: "default", token: "REF" };
      expect(await store.idempotency.begin("k1", "h1", scope)).toEqual({ kind: "started" });
      expect(await store.idempotency.begin("k1", "h1", scope)).toEqual({ kind: "in-progress" });
      expect(await store.idempotency.begin("k1", "h2", scope)).toEqual({ kind: "conflict" });
      await new Promise((r) => setTimeout(r, 150));
      const resumed = await store.idempotency.begin("k1", "h1", scope);
      expect(resumed).toMatchObject({ kind: "resumed", token: "REF" });
      await store.idempotency.complete("k1", { done: true });
      expect(await store.idempotency.begin("k1", "h1", scope)).toEqual({ kind: "replay", result: { done: true } });
      expect(await store.idempotency.begin("k2", "h", scope)).toEqual({ kind: "started" });
      await store.idempotency.abandon("k2", "REF");
      expect(await store.idempotency.begin("k2", "h", scope)).toEqual({ kind: "started" });
    } finally {
      await store.close();
    }
  });

  it("keeps a lease with its attempt: renewed by its holder only, released or abandoned by its holder only", async () => {
    const store = await openStore({
      databaseUrl: TEST_DATABASE_URL ? await freshPostgresUrl() : undefined,
      idempotencyTtlMs: 3600_000,
      idempotencyLeaseMs: 200,
    });
    try {
      const scope = { provider: "WINIT" as const, account: "default", token: "T1", sellerReference: "SO-1" };
      expect(await store.idempotency.begin("lease-1", "h", scope, "holder-a")).toEqual({ kind: "started" });
      for (let i = 0; i < 4; i++) {
        await new Promise((r) => setTimeout(r, 100));
        expect(await store.idempotency.renew("lease-1", "holder-a")).toBe(true);
      }
      // Renewed past its first lease: another attempt still finds it running.
      expect(await store.idempotency.begin("lease-1", "h", scope, "holder-b")).toEqual({ kind: "in-progress" });
      expect(await store.idempotency.renew("lease-1", "holder-b")).toBe(false);
      await store.idempotency.release("lease-1", "holder-b");
      await store.idempotency.abandon("lease-1", "holder-b");
      expect(await store.idempotency.begin("lease-1", "h", scope, "holder-b")).toEqual({ kind: "in-progress" });
      await new Promise((r) => setTimeout(r, 250));
      expect(await store.idempotency.begin("lease-1", "h", scope, "holder-b")).toMatchObject({ kind: "resumed", token: "T1" });
      // Taken over: the first attempt's lease is gone.
      expect(await store.idempotency.renew("lease-1", "holder-a")).toBe(false);
    } finally {
      await store.close();
    }
  });

  it("lists the other pending creates under a seller reference: running or not, the same request or not", async () => {
    const store = await openStore({
      databaseUrl: TEST_DATABASE_URL ? await freshPostgresUrl() : undefined,
      idempotencyTtlMs: 3600_000,
      idempotencyLeaseMs: 100,
    });
    try {
      const scope = (token: string) => ({ provider: "WINIT" as const, account: "default", token, sellerReference: "SO-P" });
      await store.idempotency.begin("p-1", "same", scope("A"));
      await store.idempotency.begin("p-2", "other", scope("B"));
      const unkeyed = await store.idempotency.registerUnkeyed("same", scope("C"));
      await store.idempotency.begin("p-elsewhere", "same", { ...scope("D"), sellerReference: "SO-Q" });
      await new Promise((r) => setTimeout(r, 150));
      await store.idempotency.renew(unkeyed, "C");
      const peers = await store.idempotency.peers("p-1", scope("A"), "same");
      expect(peers.map((p) => [p.key, p.live, p.sameRequest, p.unkeyed])).toEqual([
        ["p-2", false, false, false],
        [unkeyed, true, true, true],
      ]);
      await store.idempotency.forgetUnkeyed(unkeyed);
      expect((await store.idempotency.peers("p-1", scope("A"), "same")).map((p) => p.key)).toEqual(["p-2"]);
    } finally {
      await store.close();
    }
  });
});
