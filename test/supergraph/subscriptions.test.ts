import { fileURLToPath } from "node:url";
import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { composeSupergraph, readSubgraphList } from "../../scripts/supergraph.js";
import type { QianyiEmulator } from "../../src/demo/qianyi/emulator.js";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { liveClient, until, type LiveClient } from "../helpers/live.js";
import { startHiveGateway, type RunningGateway } from "./hive-gateway.js";
import { startOrdersSubgraph, startTicketsSubgraph, type RunningSubgraph } from "./sample-subgraphs.js";

const SECRET = "a-test-secret-that-is-long-enough-for-hs256";
const LIST_FILE = fileURLToPath(new URL("./subgraphs.json", import.meta.url));

type Changed = { returnOrderChanged: { status: string; providerStatus: string; source: string } };

describe("returnOrderChanged through Hive Gateway (its WebSocket transport to this subgraph)", () => {
  let app: TestApp;
  let gateway: RunningGateway;
  let others: RunningSubgraph[];
  let client: LiveClient;
  let authorization: string;

  beforeAll(async () => {
    app = await startTestApp({
      // WINIT's changes reach subscribers through the sync (every second here), with nobody reading the order.
      env: {
        AUTH_MODE: "jwt",
        AUTH_JWT_SECRET: SECRET,
        RETURNS_SYNC_INTERVAL_SECONDS: "1",
        RETURNS_SYNC_INTERVAL_SECONDS_QIANYI: "0",
        RETURNS_SYNC_INTERVAL_SECONDS_OMS: "0",
      },
    });
    others = [await startOrdersSubgraph([]), await startTicketsSubgraph([])];
    const urls: Record<string, string> = { orders: others[0]!.url, tickets: others[1]!.url };
    const { supergraphSdl } = await composeSupergraph(
      `${app.url}/graphql`,
      readSubgraphList(LIST_FILE).map((e) => ({ ...e, url: urls[e.name]! })),
    );
    gateway = await startHiveGateway(supergraphSdl);
    const token = await new SignJWT({ scope: "returns:read returns:write" })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject("desk-1")
      .setExpirationTime("5m")
      .sign(new TextEncoder().encode(SECRET));
    authorization = `Bearer ${token}`;
  });
  afterAll(async () => {
    await client?.dispose();
    await gateway?.close();
    for (const s of others ?? []) await s.close();
    await app?.close();
  });

  // Reads go to the subgraph directly: the example gateway forwards no header over HTTP (the
  // subgraph of these tests checks tokens; the gateway tests' own does not).
  const query = async <T>(text: string, variables?: Record<string, unknown>) => {
    const response = await fetch(`${app.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization },
      body: JSON.stringify({ query: text, variables }),
    });
    return (await response.json()) as { data?: T; errors?: unknown[] };
  };

  it("delivers a Qianyi push and a WINIT status change to a subscriber at the gateway, with the client's token checked by the subgraph", async () => {
    const qianyi = app.emulators.QIANYI as QianyiEmulator;
    // The WINIT order to change, seen once (so its change is a change, not a first sighting).
    const listed = await query<{ returnOrders: { nodes: { id: string; providerOrderNo: string; providerStatus: string }[] } }>(
      `{ returnOrders(first: 20, filter: { providers: [WINIT], statuses: [OPEN] }) { nodes { id providerOrderNo providerStatus } } }`,
    );
    expect(listed.errors).toBeUndefined();
    const winit = listed.data!.returnOrders.nodes[0]!;

    client = liveClient(gateway.url, { authorization });
    const sub = client.subscribe<Changed>(`subscription Desk {
      returnOrderChanged(filter: { providers: [QIANYI, WINIT] }) { status providerStatus source }
    }`);
    await until(() => app.subscriptions() === 1, "the gateway's subscription at the subgraph");

    const number = [...qianyi.orders.values()].filter((o) => o["type"] === "SALES_RETURN").map((o) => String(o.returnNumber))[0]!;
    expect(await qianyi.pushStatus(number, "FINISH")).toMatchObject({ status: 200 });
    const [pushed] = await sub.take(1);
    expect(pushed).toEqual({ data: { returnOrderChanged: { status: "COMPLETED", providerStatus: "FINISH", source: "PROVIDER_PUSH" } } });

    // WINIT pushes nothing: the sync reads its open orders again and records the change; nobody reads it.
    app.winit.setStatus(winit.providerOrderNo, "RE");
    const [, changed] = await sub.take(2);
    expect(changed).toEqual({ data: { returnOrderChanged: { status: "RECEIVED", providerStatus: "RE", source: "OBSERVED" } } });
  });

  it("serves no event to a subscriber at the gateway whose token the subgraph refuses", async () => {
    const stranger = liveClient(gateway.url, { authorization: "Bearer not.a.token" });
    const listening = liveClient(gateway.url, { authorization });
    try {
      const refused = stranger.subscribe(`subscription { returnOrderChanged { status } }`);
      const allowed = listening.subscribe<Changed>(`subscription { returnOrderChanged(filter: { providers: [QIANYI] }) { status providerStatus source } }`);
      await until(() => app.subscriptions() === 2, "the second allowed subscription");
      const qianyi = app.emulators.QIANYI as QianyiEmulator;
      const number = [...qianyi.orders.values()].filter((o) => o["type"] === "SALES_RETURN").map((o) => String(o.returnNumber))[1]!;
      expect(await qianyi.pushStatus(number, "FINISH")).toMatchObject({ status: 200 });
      await allowed.take(1);
      // The subgraph closed the gateway's connection for this token at connection_init (4403).
      expect(refused.results.filter((r) => r.data)).toEqual([]);
      expect(app.subscriptions()).toBe(2);
    } finally {
      await stranger.dispose();
      await listening.dispose();
    }
  });
});
