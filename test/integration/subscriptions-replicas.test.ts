import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { QianyiEmulator } from "../../src/demo/qianyi/emulator.js";
import type { Store } from "../../src/store/index.js";
import { freshPostgresUrl, openTestStore, startTestApp, TEST_DATABASE_URL, type TestApp } from "../helpers/app.js";
import { liveClient, until, type LiveClient } from "../helpers/live.js";

const CHANGED = `subscription { returnOrderChanged(filter: { sources: [PROVIDER_PUSH] }) { status providerStatus source } }`;
type Changed = { returnOrderChanged: { status: string; providerStatus: string; source: string } };

// Two replicas need one PostgreSQL: PGlite is one process's alone.
describe.skipIf(!TEST_DATABASE_URL)("an event recorded on one replica reaches the subscribers of another (PostgreSQL LISTEN/NOTIFY)", () => {
  const stores: Store[] = [];
  let a: TestApp;
  let b: TestApp;
  let client: LiveClient;

  beforeAll(async () => {
    const url = await freshPostgresUrl();
    // Each replica with its own connections to the one database, as two processes would have.
    stores.push(await openTestStore(url), await openTestStore(url));
    a = await startTestApp({ store: stores[0] });
    b = await startTestApp({ store: stores[1] });
  });
  afterAll(async () => {
    await client?.dispose();
    await a?.close();
    await b?.close();
    for (const store of stores) await store.close();
  });

  it("delivers a Qianyi push accepted by replica B to a subscriber on replica A, once, and each of several in order", async () => {
    client = liveClient(`${a.url}/graphql`);
    const sub = client.subscribe<Changed>(CHANGED);
    await until(() => a.subscriptions() === 1, "the subscription on A");
    const qianyi = b.emulators.QIANYI as QianyiEmulator;
    const numbers = [...qianyi.orders.values()].filter((o) => o["type"] === "SALES_RETURN").map((o) => String(o.returnNumber));
    for (const [i, status] of ["WAIT_STORAGE", "FINISH", "CLOSED"].entries()) {
      expect(await qianyi.pushStatus(numbers[i]!, status)).toMatchObject({ status: 200 });
    }
    // Well within the hub's fallback poll (5 s): the notification, not the poll, woke replica A.
    const received = await sub.take(3, 2_000);
    expect(received.map((r) => r.data!.returnOrderChanged.providerStatus)).toEqual(["WAIT_STORAGE", "FINISH", "CLOSED"]);
    // Nothing repeated: a poll of the feed and the notifications read from one position.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sub.results).toHaveLength(3);
    expect(b.subscriptions()).toBe(0);
  });
});
