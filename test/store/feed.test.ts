import { afterEach, describe, expect, it } from "vitest";
import { eventMatches } from "../../src/returns/feed.js";
import type { AccountScope, EventSource, ReturnOrderEvent, ReturnOrderEventFilter } from "../../src/returns/model.js";
import { migrate, MIGRATIONS } from "../../src/store/migrations.js";
import { openStore, type Store } from "../../src/store/index.js";
import { openPglite, openPostgres, type Sql } from "../../src/store/sql.js";
import { bareOrder } from "../helpers/bare-order.js";
import { freshPostgresUrl, TEST_DATABASE_URL } from "../helpers/app.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const STORE_OPTIONS = { idempotencyTtlMs: 3600_000, idempotencyLeaseMs: 30_000 };

/** Every engine the feed must hold on: PGlite always, PostgreSQL when the suite has one. */
const ENGINES: [string, () => Promise<Store>][] = [
  ["PGlite", () => openStore(STORE_OPTIONS)],
  ...(TEST_DATABASE_URL
    ? [["PostgreSQL", async () => openStore({ ...STORE_OPTIONS, databaseUrl: await freshPostgresUrl() })] as [string, () => Promise<Store>]]
    : []),
];

const open: Store[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

describe.each(ENGINES)("the change feed of the store (%s)", (engine, openEngine) => {
  const fresh = async () => {
    const store = await openEngine();
    open.push(store);
    return store;
  };
  const all = (store: Store) => store.events.eventsAfter(null, {}, null, 10_000);

  it("numbers events in the order their writes commit, not the order they were inserted", async () => {
    // One connection serialises PGlite's transactions: only PostgreSQL can interleave them.
    if (engine === "PGlite") return;
    const store = await fresh();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let inserted!: () => void;
    const insertedFirst = new Promise<void>((resolve) => (inserted = resolve));
    const slow = store.sql.transaction(async (tx) => {
      await store.orders.record([bareOrder("SLOW", "OD", "OPEN")], "PROVIDER_PUSH", { tx });
      inserted();
      await gate;
    });
    await insertedFirst;
    await store.orders.record([bareOrder("FAST", "OD", "OPEN")], "PROVIDER_PUSH");
    const firstPage = await store.events.eventsAfter(null, {}, null, 10);
    expect(firstPage.map((e) => e.providerOrderNo)).toEqual(["FAST"]);
    release();
    await slow;
    // The event inserted first but committed last comes after the cursor a reader already holds.
    const next = await store.events.eventsAfter(firstPage[0]!.sequence, {}, null, 10);
    expect(next.map((e) => e.providerOrderNo)).toEqual(["SLOW"]);
    // What a plain serial would have given: the slow write's number below the one already read.
    const ids = await store.sql.query<{ provider_order_no: string; id: string }>("SELECT provider_order_no, id FROM return_order_events ORDER BY id");
    expect(ids.map((r) => r.provider_order_no)).toEqual(["SLOW", "FAST"]);
  });

  it("never repeats or skips an event across pages while writers commit concurrently", async () => {
    const store = await fresh();
    const WRITERS = 6;
    const WRITES = 12;
    let writing = true;
    const writers = Array.from({ length: WRITERS }, async (_, w) => {
      for (let i = 0; i < WRITES; i++) {
        const orders = Array.from({ length: 1 + ((w + i) % 3) }, (_, n) => bareOrder(`W${w}-${i}-${n}`, "OD", "OPEN"));
        await store.sql.transaction(async (tx) => {
          await store.orders.record(orders, "PROVIDER_PUSH", { tx });
          // Holding the transaction open a while lets later writers commit first.
          await sleep((w * 7 + i * 3) % 11);
        });
      }
    });
    const done = Promise.all(writers).finally(() => (writing = false));
    const seen: ReturnOrderEvent[] = [];
    let cursor: number | null = null;
    const page = async () => {
      const events = await store.events.eventsAfter(cursor, {}, null, 7);
      seen.push(...events);
      if (events.length > 0) cursor = events.at(-1)!.sequence;
      return events.length;
    };
    while (writing) {
      await page();
      await sleep(1);
    }
    await done;
    while ((await page()) > 0);
    const sequences = seen.map((e) => e.sequence);
    expect(sequences).toEqual([...sequences].sort((a, b) => a - b));
    expect(new Set(sequences).size).toBe(sequences.length);
    const written = await all(store);
    expect(written.length).toBeGreaterThanOrEqual(WRITERS * WRITES);
    expect(seen.map((e) => e.providerOrderNo)).toEqual(written.map((e) => e.providerOrderNo));
  }, 60_000);

  it("keeps the status before each change, and the reason a caller gave", async () => {
    const store = await fresh();
    await store.orders.record([bareOrder("A", "OD", "OPEN")], "MUTATION");
    await store.orders.record([bareOrder("B", "OD", "OPEN")], "OBSERVED");
    await store.orders.record([bareOrder("A", "RE", "RECEIVED")], "OBSERVED");
    await store.orders.record([bareOrder("A", "VO", "CANCELLED")], "MUTATION", { reason: "buyer kept it" });
    const events = await all(store);
    expect(events.map((e) => [e.providerOrderNo, e.previousStatus, e.status, e.source, e.reason])).toEqual([
      ["A", null, "OPEN", "MUTATION", null],
      ["B", null, "OPEN", "OBSERVED", null],
      ["A", "OPEN", "RECEIVED", "OBSERVED", null],
      ["A", "RECEIVED", "CANCELLED", "MUTATION", "buyer kept it"],
    ]);
    const history = (await store.events.eventsOf([{ provider: "WINIT", account: "default", providerOrderNo: "A" }])).get("WINIT\u0000default\u0000A")!;
    expect(history.map((e) => e.previousStatus)).toEqual([null, "OPEN", "RECEIVED"]);
    expect(history.at(-1)!.sequence).toBe(events.at(-1)!.sequence);
  });

  it("leaves no event and no number behind a write that rolls back", async () => {
    const store = await fresh();
    await store.orders.record([bareOrder("A", "OD", "OPEN")], "MUTATION");
    await expect(
      store.sql.transaction(async (tx) => {
        await store.orders.record([bareOrder("B", "OD", "OPEN")], "MUTATION", { tx });
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    await store.orders.record([bareOrder("C", "OD", "OPEN")], "MUTATION");
    expect((await all(store)).map((e) => [e.providerOrderNo, e.sequence])).toEqual([
      ["A", 1],
      ["C", 2],
    ]);
  });

  it("answers only the accounts in scope and the events the filter names, as eventMatches does", async () => {
    const store = await fresh();
    await store.orders.record([bareOrder("W1", "OD", "OPEN"), bareOrder("W2", "OD", "OPEN", "WINIT", "eu")], "MUTATION");
    await store.orders.record([bareOrder("Q1", "NEW", "DRAFT", "QIANYI")], "PROVIDER_PUSH");
    await store.orders.record([bareOrder("W1", "VO", "CANCELLED")], "OBSERVED");
    const everything = await all(store);
    const numbers = async (filter: ReturnOrderEventFilter, scope: AccountScope = null) => {
      const answered = (await store.events.eventsAfter(null, filter, scope, 100)).map((e) => `${e.providerOrderNo}:${e.status}`);
      // What a subscriber is handed is matched in memory: the same conditions, the same answer.
      expect(everything.filter((e) => eventMatches(e, filter, scope)).map((e) => `${e.providerOrderNo}:${e.status}`)).toEqual(answered);
      return answered;
    };
    expect(await numbers({})).toEqual(["W1:OPEN", "W2:OPEN", "Q1:DRAFT", "W1:CANCELLED"]);
    expect(await numbers({}, [])).toEqual([]);
    expect(
      await numbers({}, [
        { provider: "WINIT", account: "eu" },
        { provider: "QIANYI", account: "default" },
      ]),
    ).toEqual(["W2:OPEN", "Q1:DRAFT"]);
    expect(await numbers({ providers: ["QIANYI"] })).toEqual(["Q1:DRAFT"]);
    expect(await numbers({ statuses: ["CANCELLED", "DRAFT"] })).toEqual(["Q1:DRAFT", "W1:CANCELLED"]);
    expect(await numbers({ sources: ["OBSERVED" as EventSource] })).toEqual(["W1:CANCELLED"]);
    expect(await numbers({ orders: [{ provider: "WINIT", account: "default", providerOrderNo: "W1" }] })).toEqual(["W1:OPEN", "W1:CANCELLED"]);
    // The same number at another account is another order.
    expect(await numbers({ orders: [{ provider: "WINIT", account: "eu", providerOrderNo: "W1" }] })).toEqual([]);
    expect(await numbers({ providers: [], statuses: [], sources: [], orders: [] })).toHaveLength(4);
  });
});

describe.each(ENGINES)("migration 3 on events recorded before it (%s)", (engine) => {
  it("numbers them in the order they were inserted, with their previous status, and continues after them", async () => {
    const sql: Sql = engine === "PGlite" ? await openPglite() : await openPostgres(await freshPostgresUrl());
    try {
      await sql.exec("CREATE TABLE schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())");
      for (const m of MIGRATIONS.filter((m) => m.version < 3)) {
        await sql.exec(m.sql);
        await sql.query("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", [m.version, m.name]);
      }
      const insert = (no: string, status: string, at: string) =>
        sql.query(
          "INSERT INTO return_order_events (provider, account, provider_order_no, status, provider_status, source, at) VALUES ('WINIT', 'default', $1, $2, $2, 'OBSERVED', $3)",
          [no, status, at],
        );
      await insert("A", "OPEN", "2024-01-03T00:00:00Z");
      await insert("B", "OPEN", "2024-01-01T00:00:00Z");
      await insert("A", "RECEIVED", "2024-01-02T00:00:00Z");
      expect(await migrate(sql)).toEqual(MIGRATIONS.filter((m) => m.version >= 3).map((m) => m.version));
      await insert("B", "COMPLETED", "2024-01-04T00:00:00Z");
      const rows = await sql.query<{ provider_order_no: string; seq: string; previous_status: string | null }>(
        "SELECT provider_order_no, seq, previous_status FROM return_order_events ORDER BY seq",
      );
      expect(rows.map((r) => [r.provider_order_no, Number(r.seq), r.previous_status])).toEqual([
        ["A", 1, null],
        ["B", 2, null],
        ["A", 3, "OPEN"],
        ["B", 4, "OPEN"],
      ]);
    } finally {
      await sql.close();
    }
  });
});
