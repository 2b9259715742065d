import { SignJWT } from "jose";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { QianyiEmulator } from "../../src/demo/qianyi/emulator.js";
import { OPERATION_LIMITS } from "../../src/limits.js";
import { ReturnOrdersDocument } from "../generated/graphql.js";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { liveClient, until, type LiveClient } from "../helpers/live.js";

const SECRET = "a-test-secret-that-is-long-enough-for-hs256";
const key = new TextEncoder().encode(SECRET);
const token = (claims: Record<string, unknown>) =>
  new SignJWT(claims).setProtectedHeader({ alg: "HS256" }).setSubject("user-1").setIssuedAt().setExpirationTime("5m").sign(key);
const bearer = async (claims: Record<string, unknown>) => ({ authorization: `Bearer ${await token(claims)}` });

const CHANGED = `subscription Changed($filter: ReturnOrderEventFilter) {
  returnOrderChanged(filter: $filter) { id status previousStatus providerStatus source at order { id provider providerOrderNo } }
}`;

type Changed = {
  returnOrderChanged: {
    id: string;
    status: string;
    previousStatus: string | null;
    providerStatus: string;
    source: string;
    at: string;
    order: { id: string; provider: string; providerOrderNo: string };
  };
};

/** A Qianyi return the emulator holds (its seed data), by number. */
const qianyiReturns = (qianyi: QianyiEmulator) => [...qianyi.orders.values()].filter((o) => o["type"] === "SALES_RETURN").map((o) => String(o.returnNumber));

describe("returnOrderChanged over graphql-transport-ws, authenticated at connection_init", () => {
  let app: TestApp;
  let qianyi: QianyiEmulator;
  const clients: LiveClient[] = [];
  const connect = (params?: Record<string, unknown>) => {
    const client = liveClient(`${app.url}/graphql`, params);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    app = await startTestApp({ env: { AUTH_MODE: "jwt", AUTH_JWT_SECRET: SECRET, SUBSCRIPTIONS_MAX_PER_CONNECTION: "2" } });
    qianyi = app.emulators.QIANYI as QianyiEmulator;
  });
  afterAll(async () => {
    for (const client of clients) await client.dispose();
    await app.close();
  });

  it("refuses a connection without a token, or with a bad one (4403), and serves nothing to it", async () => {
    for (const params of [undefined, { authorization: "Bearer nope" }]) {
      const client = connect(params);
      const sub = client.subscribe(CHANGED);
      const ended = (await sub.ended) as { code?: number };
      expect(ended.code).toBe(4403);
      expect(sub.results).toEqual([]);
    }
    expect(app.subscriptions()).toBe(0);
  });

  it("takes the credentials from the handshake's headers when connection_init carries none (a router propagating headers)", async () => {
    const client = liveClient(`${app.url}/graphql`, undefined, await bearer({ scope: "returns:read" }));
    clients.push(client);
    const sub = client.subscribe(CHANGED);
    await until(() => app.subscriptions() === 1, "the subscription");
    sub.dispose();
    await until(() => app.subscriptions() === 0, "the subscription to end");
  });

  it("refuses a subscription of a token without returns:read (FORBIDDEN)", async () => {
    const client = connect(await bearer({ scope: "returns:write" }));
    const ended = (await client.subscribe(CHANGED).ended) as { message: string; extensions: { code: string } }[];
    expect(ended).toEqual([{ message: "This operation needs the returns:read scope.", extensions: { code: "FORBIDDEN" } }]);
    expect(app.subscriptions()).toBe(0);
  });

  it("holds a subscription to the operation limits of a query (aliases, tokens, directives), and serves only subscriptions", async () => {
    const client = connect(await bearer({ scope: "returns:read" }));
    const directives = `subscription { returnOrderChanged { status ${"@include(if: true) ".repeat(OPERATION_LIMITS.maxDirectives + 1)} } }`;
    const aliases = `subscription { returnOrderChanged { ${Array.from({ length: OPERATION_LIMITS.maxAliases + 1 }, (_, i) => `s${i}: status`).join(" ")} } }`;
    const tokens = `subscription { returnOrderChanged { ${"status ".repeat(OPERATION_LIMITS.maxTokens)} } }`;
    for (const query of [aliases, tokens, directives]) {
      const ended = (await client.subscribe(query).ended) as { extensions: { code: string } }[];
      expect(ended[0]!.extensions.code).toMatch(/^GRAPHQL_(VALIDATION|PARSE)_FAILED$/);
    }
    const query = (await client.subscribe("query { returnProviders { provider } }").ended) as { extensions: { code: string } }[];
    expect(query[0]!.extensions.code).toBe("BAD_REQUEST");
    expect(app.subscriptions()).toBe(0);
  });

  it("reads a filter given inline or in variables, and refuses one naming something that is not an order id", async () => {
    const client = connect(await bearer({ scope: "returns:read" }));
    const inline = client.subscribe(`subscription { returnOrderChanged(filter: { sources: [PROVIDER_PUSH], providers: [QIANYI] }) { id } }`);
    await until(() => app.subscriptions() === 1, "the inline-filtered subscription");
    inline.dispose();
    // graphql-js answers a subscribe that throws as one result with the error, then completes.
    const bad = client.subscribe(CHANGED, { filter: { orderIds: ["not-an-id"] } });
    await bad.ended;
    expect(bad.results).toEqual([{ errors: [expect.objectContaining({ extensions: expect.objectContaining({ code: "BAD_USER_INPUT" }) })] }]);
    await until(() => app.subscriptions() === 0, "no subscription");
  });

  it("bounds the subscriptions of one connection", async () => {
    const client = connect(await bearer({ scope: "returns:read" }));
    const held = [client.subscribe(CHANGED), client.subscribe(CHANGED)];
    await until(() => app.subscriptions() === 2, "two subscriptions");
    const metrics = await (await fetch(app.metricsUrl)).text();
    expect(metrics).toMatch(/^returns_subscriptions 2$/m);
    expect(metrics).toMatch(/^returns_websocket_connections [1-9]\d*$/m);
    const third = (await client.subscribe(CHANGED).ended) as { extensions: { code: string } }[];
    expect(third[0]!.extensions.code).toBe("TOO_MANY_SUBSCRIPTIONS");
    for (const s of held) s.dispose();
    await until(() => app.subscriptions() === 0, "the subscriptions to end");
  });

  it("delivers a Qianyi push to a subscriber, and never another account's events to a token limited to Qianyi", async () => {
    const everything = connect(await bearer({ scope: "returns:read" })).subscribe<Changed>(CHANGED);
    const qianyiOnly = connect(await bearer({ scope: "returns:read", returns_access: ["QIANYI/default"] })).subscribe<Changed>(CHANGED);
    await until(() => app.subscriptions() === 2, "both subscriptions");

    // A WINIT listing records each order seen for the first time: WINIT events for everyone allowed.
    const listed = await app.gql(ReturnOrdersDocument, { filter: { providers: ["WINIT"] }, first: 5 }, await bearer({ scope: "returns:read" }));
    expect(listed.errors).toBeUndefined();
    await everything.take(5);
    const number = qianyiReturns(qianyi)[0]!;
    expect(await qianyi.pushStatus(number, "FINISH")).toMatchObject({ status: 200 });

    const [pushed] = await qianyiOnly.take(1);
    expect(pushed!.data!.returnOrderChanged).toMatchObject({
      status: "COMPLETED",
      providerStatus: "FINISH",
      source: "PROVIDER_PUSH",
      order: { provider: "QIANYI", providerOrderNo: number },
    });
    await until(() => everything.results.some((r) => (r.data as Changed).returnOrderChanged.source === "PROVIDER_PUSH"), "the push for the unlimited token");
    // Nothing but the push reached the limited token: the WINIT events came first and were not its.
    expect(qianyiOnly.results).toHaveLength(1);
    const observed = everything.results.map((r) => (r.data as Changed).returnOrderChanged).filter((e) => e.source === "OBSERVED");
    expect(observed.length).toBeGreaterThanOrEqual(5);
    expect(new Set(observed.map((e) => e.order.provider))).toEqual(new Set(["WINIT"]));
    everything.dispose();
    qianyiOnly.dispose();
    await until(() => app.subscriptions() === 0, "the subscriptions to end");
  });

  it("lets a subscriber that reconnects catch up through returnOrderEvents(after: the last event id it saw), nothing skipped or repeated", async () => {
    const headers = await bearer({ scope: "returns:read" });
    const filter = { sources: ["PROVIDER_PUSH"], providers: ["QIANYI"] };
    const numbers = qianyiReturns(qianyi).slice(1, 5);
    const first = connect(headers);
    const live = first.subscribe<Changed>(CHANGED, { filter });
    await until(() => app.subscriptions() === 1, "the subscription");
    await qianyi.pushStatus(numbers[0]!, "WAIT_STORAGE");
    const [seen] = await live.take(1);
    const lastId = seen!.data!.returnOrderChanged.id;
    await first.dispose();
    await until(() => app.subscriptions() === 0, "the disconnect");

    // Missed while away.
    await qianyi.pushStatus(numbers[1]!, "WAIT_STORAGE");
    await qianyi.pushStatus(numbers[2]!, "WAIT_STORAGE");
    const again = connect(headers).subscribe<Changed>(CHANGED, { filter });
    await until(() => app.subscriptions() === 1, "the new subscription");
    const missed = await app.post(
      {
        query: `query ($after: String, $filter: ReturnOrderEventFilter) { returnOrderEvents(after: $after, filter: $filter) { nodes { id order { providerOrderNo } } pageInfo { endCursor } } }`,
        variables: { after: lastId, filter },
      },
      headers,
    );
    const feed = (
      (await missed.json()) as { data: { returnOrderEvents: { nodes: { id: string; order: { providerOrderNo: string } }[]; pageInfo: { endCursor: string } } } }
    ).data.returnOrderEvents;
    expect(feed.nodes.map((n) => n.order.providerOrderNo)).toEqual([numbers[1], numbers[2]]);

    // And from here on the subscription: the next event follows the feed's last one.
    await qianyi.pushStatus(numbers[3]!, "WAIT_STORAGE");
    const [next] = await again.take(1);
    expect(next!.data!.returnOrderChanged.order.providerOrderNo).toBe(numbers[3]);
    const after = await app.post(
      {
        query: `query ($after: String, $filter: ReturnOrderEventFilter) { returnOrderEvents(after: $after, filter: $filter) { nodes { id } } }`,
        variables: { after: feed.pageInfo.endCursor, filter },
      },
      headers,
    );
    expect(((await after.json()) as { data: { returnOrderEvents: { nodes: { id: string }[] } } }).data.returnOrderEvents.nodes).toEqual([
      { id: next!.data!.returnOrderChanged.id },
    ]);
    again.dispose();
  });
});

describe("the WebSocket endpoint's bounds, keep-alive and shutdown", () => {
  it("pings an idle connection every SUBSCRIPTIONS_KEEPALIVE_MS, and serves WebSocket at /graphql only", async () => {
    const app = await startTestApp({ env: { SUBSCRIPTIONS_KEEPALIVE_MS: "1000" } });
    try {
      const socket = new WebSocket(`${app.url.replace(/^http/, "ws")}/graphql`, "graphql-transport-ws");
      await new Promise((resolve, reject) => socket.once("open", resolve).once("error", reject));
      socket.send(JSON.stringify({ type: "connection_init" }));
      const started = Date.now();
      await new Promise((resolve) => socket.once("ping", resolve));
      expect(Date.now() - started).toBeLessThan(2_500);
      socket.close();
      const elsewhere = new WebSocket(`${app.url.replace(/^http/, "ws")}/webhooks/qianyi`, "graphql-transport-ws");
      const status = await new Promise((resolve) =>
        elsewhere.once("unexpected-response", (_req, res) => resolve(res.statusCode)).once("error", () => resolve("error")),
      );
      expect(status).toBe(404);
    } finally {
      await app.close();
    }
  });

  it("refuses a connection beyond SUBSCRIPTIONS_MAX_CONNECTIONS at the handshake, and closes open ones with 1001 at shutdown", async () => {
    const app = await startTestApp({ env: { SUBSCRIPTIONS_MAX_CONNECTIONS: "1" } });
    const first = liveClient(`${app.url}/graphql`);
    const second = liveClient(`${app.url}/graphql`);
    try {
      const held = first.subscribe<Changed>(CHANGED);
      await until(() => app.subscriptions() === 1, "the first subscription");
      const refused = (await second.subscribe(CHANGED).ended) as { message?: string };
      // The upgrade is answered 503: the socket never opens.
      expect(refused.message).toBe("Unexpected server response: 503");
      expect(app.subscriptions()).toBe(1);

      const started = Date.now();
      await app.close();
      expect(Date.now() - started).toBeLessThan(5_000);
      await held.ended;
      expect(first.closes.at(-1)).toEqual({ code: 1001, reason: "The server is shutting down; reconnect." });
      expect(app.subscriptions()).toBe(0);
    } finally {
      await first.dispose();
      await second.dispose();
    }
  });
});
