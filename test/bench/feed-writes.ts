/**
 * `npx tsx test/bench/feed-writes.ts`: what numbering events in commit order costs writers. Records
 * pages of first-seen orders (one event each, as a list page of new orders does) on a store with
 * migration 3's numbering trigger and on one with the trigger dropped (a plain serial, the order
 * the feed cannot rely on), one writer and then several at once, on PGlite and, when
 * TEST_DATABASE_URL is set, on PostgreSQL. Prints milliseconds per page and events per second.
 * Not part of `npm test` or `npm run bench`.
 */
import { performance } from "node:perf_hooks";
import { openStore, type Store } from "../../src/store/index.js";
import { bareOrder } from "../helpers/bare-order.js";
import { freshPostgresUrl, TEST_DATABASE_URL } from "../helpers/app.js";

const PAGE = 50;
const PAGES = Number(process.env["BENCH_FEED_PAGES"] ?? 40);
const WRITERS = 4;

async function writePages(store: Store, writer: number, pages: number): Promise<void> {
  for (let p = 0; p < pages; p++) {
    await store.orders.record(
      Array.from({ length: PAGE }, (_, i) => bareOrder(`B${writer}-${p}-${i}`, "OD", "OPEN")),
      "MUTATION",
    );
  }
}

async function measure(store: Store, writers: number): Promise<{ msPerPage: number; eventsPerSecond: number }> {
  const pages = Math.ceil(PAGES / writers);
  const started = performance.now();
  await Promise.all(Array.from({ length: writers }, (_, w) => writePages(store, w + writers * 1000, pages)));
  const ms = performance.now() - started;
  return { msPerPage: ms / (pages * writers), eventsPerSecond: Math.round((pages * writers * PAGE * 1000) / ms) };
}

const engines: [string, () => Promise<string | undefined>][] = [
  ["PGlite", async () => undefined],
  ...(TEST_DATABASE_URL ? [["PostgreSQL", freshPostgresUrl] as [string, () => Promise<string | undefined>]] : []),
];

for (const [engine, url] of engines) {
  for (const numbered of [true, false]) {
    const store = await openStore({ databaseUrl: await url(), idempotencyTtlMs: 3600_000, idempotencyLeaseMs: 30_000 });
    try {
      if (!numbered) await store.sql.exec("DROP TRIGGER return_order_events_number ON return_order_events");
      await writePages(store, 0, 2);
      for (const writers of engine === "PGlite" ? [1] : [1, WRITERS]) {
        const { msPerPage, eventsPerSecond } = await measure(store, writers);
        const label = numbered ? "commit-ordered" : "plain serial  ";
        console.log(`${engine.padEnd(10)} ${label} writers=${writers}  ${msPerPage.toFixed(2)} ms per page of ${PAGE} events  ${eventsPerSecond} events/s`);
      }
    } finally {
      await store.close();
    }
  }
}
