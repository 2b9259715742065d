import { SignJWT } from "jose";
import { print } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeOrderId } from "../../src/returns/ids.js";
import type { ReturnProvider } from "../../src/returns/model.js";
import {
  CancelReturnOrderDocument,
  CreateReturnOrderDocument,
  EventNodeDocument,
  ReturnOrderEventsDocument,
  ReturnOrderEventsWithOrdersDocument,
  ReturnOrderHistoryDocument,
  ReturnOrdersDocument,
  type ReturnOrderCreateInput,
  type ReturnOrderEventFilter,
  type ReturnOrderEventsQuery,
} from "../generated/graphql.js";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { VALID_INPUTS } from "../resilience/common.js";

const unique = () => Math.random().toString(36).slice(2, 10);

/** A create input each provider's emulator accepts, with a seller reference of its own where it has one. */
const inputOf = (provider: ReturnProvider): ReturnOrderCreateInput => ({
  ...VALID_INPUTS[provider],
  ...(VALID_INPUTS[provider].referenceNo ? { referenceNo: `FEED-${provider}-${unique()}` } : {}),
});

async function create(app: TestApp, provider: ReturnProvider, headers?: Record<string, string>) {
  const { data, errors } = await app.gql(CreateReturnOrderDocument, { input: inputOf(provider) }, headers);
  expect(errors).toBeUndefined();
  const result = data!.returnOrderCreate;
  if (result.__typename !== "ReturnOrderCreated") throw new Error(`expected ReturnOrderCreated, got ${JSON.stringify(result)}`);
  return result.returnOrder;
}

type FeedEvent = ReturnOrderEventsQuery["returnOrderEvents"]["edges"][number]["node"];

/** The whole feed for `filter`, page by page, with the cursors handed out. */
async function readFeed(app: TestApp, filter: ReturnOrderEventFilter | undefined, first: number, headers?: Record<string, string>) {
  const events: FeedEvent[] = [];
  let after: string | null | undefined;
  for (;;) {
    const { data, errors } = await app.gql(ReturnOrderEventsDocument, { filter, first, after }, headers);
    expect(errors).toBeUndefined();
    const page = data!.returnOrderEvents;
    expect(page.edges.map((e) => e.cursor)).toEqual(page.edges.map((e) => e.node.id));
    events.push(...page.edges.map((e) => e.node));
    if (!page.pageInfo.hasNextPage) return { events, endCursor: page.pageInfo.endCursor };
    after = page.pageInfo.endCursor;
  }
}

describe("the change feed through GraphQL", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  it.each(["WINIT", "QIANYI", "OMS", "QIMEN"] as const)("keeps the reason of a %s cancel in the order's events and in the feed", async (provider) => {
    const order = await create(app, provider);
    const reason = `buyer kept it (${provider})`;
    const cancelled = await app.gql(CancelReturnOrderDocument, { id: order.id, reason });
    expect(cancelled.data?.returnOrderCancel.__typename).toBe("ReturnOrderCancelled");
    const history = await app.gql(ReturnOrderHistoryDocument, { id: order.id });
    expect(history.errors).toBeUndefined();
    const events = history.data!.returnOrder!.events;
    expect(events.at(-1)).toMatchObject({ source: "MUTATION", status: "CANCELLED", previousStatus: order.status, reason, order: { id: order.id } });
    expect(events[0]).toMatchObject({ previousStatus: null, reason: null });
    const feed = await readFeed(app, { orderIds: [order.id] }, 10);
    expect(feed.events.map((e) => [e.id, e.status, e.previousStatus, e.reason])).toEqual(events.map((e) => [e.id, e.status, e.previousStatus, e.reason]));
  });

  it("pages oldest first and resumes from an end cursor or an event id alike, never repeating or skipping", async () => {
    for (let i = 0; i < 5; i++) await create(app, "WINIT");
    const whole = await readFeed(app, undefined, 100);
    const sequenceOf = (e: FeedEvent) => Number(Buffer.from(e.id, "base64url").toString().split("|")[1]);
    expect(whole.events.map(sequenceOf)).toEqual(whole.events.map(sequenceOf).sort((a, b) => a - b));
    const paged = await readFeed(app, undefined, 2);
    expect(paged.events).toEqual(whole.events);
    // A subscriber that reconnects resumes from the last event id it saw.
    const seen = whole.events[3]!;
    const resumed = await app.gql(ReturnOrderEventsDocument, { after: seen.id, first: 100 });
    expect(resumed.data?.returnOrderEvents.nodes.map((n) => n.id)).toEqual(whole.events.slice(4).map((e) => e.id));
    expect(resumed.data?.returnOrderEvents.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
    // At the end, the page is empty and keeps the puller's place.
    const atEnd = await app.gql(ReturnOrderEventsDocument, { after: whole.endCursor, first: 10 });
    expect(atEnd.data?.returnOrderEvents).toMatchObject({ nodes: [], pageInfo: { hasNextPage: false, endCursor: whole.endCursor } });
    // The next event recorded comes after it.
    const next = await create(app, "QIANYI");
    const after = await app.gql(ReturnOrderEventsDocument, { after: whole.endCursor, first: 10 });
    expect(after.data?.returnOrderEvents.edges.map((e) => e.node.order.id)).toEqual([next.id]);
  });

  it("filters by provider, order, status and source, all conditions together", async () => {
    const { events } = await readFeed(app, undefined, 100);
    const pick = (test: (e: FeedEvent) => boolean) => events.filter(test).map((e) => e.id);
    const ids = async (filter: ReturnOrderEventFilter) => (await readFeed(app, filter, 100)).events.map((e) => e.id);
    expect(await ids({ providers: ["QIANYI", "OMS"] })).toEqual(pick((e) => ["QIANYI", "OMS"].includes(e.order.provider)));
    expect(await ids({ statuses: ["CANCELLED"] })).toEqual(pick((e) => e.status === "CANCELLED"));
    expect(await ids({ sources: ["MUTATION"] })).toEqual(pick((e) => e.source === "MUTATION"));
    const two = [...new Set(events.map((e) => e.order.id))].slice(0, 2);
    expect(await ids({ orderIds: two })).toEqual(pick((e) => two.includes(e.order.id)));
    expect(await ids({ providers: ["WINIT"], statuses: ["CANCELLED"], sources: ["MUTATION"] })).toEqual(
      pick((e) => e.order.provider === "WINIT" && e.status === "CANCELLED" && e.source === "MUTATION"),
    );
    expect(pick((e) => e.status === "CANCELLED").length).toBeGreaterThan(0);
  });

  it("answers the order's keys without asking its provider, and the rest through one batched read", async () => {
    const before = app.winit.calls.length;
    const keys = await app.gql(ReturnOrderEventsDocument, { filter: { providers: ["WINIT"] }, first: 100 });
    expect(keys.errors).toBeUndefined();
    expect(app.winit.calls.length).toBe(before);
    const full = await app.gql(ReturnOrderEventsWithOrdersDocument, { filter: { providers: ["WINIT"] }, first: 100 });
    expect(full.errors).toBeUndefined();
    const nodes = full.data!.returnOrderEvents.nodes;
    expect(nodes.length).toBeGreaterThan(5);
    const cancelled = nodes.filter((n) => n.status === "CANCELLED");
    expect(cancelled.every((n) => n.order.status === "CANCELLED")).toBe(true);
    // Far fewer calls than events: orders are read once each, created close together in one window.
    expect(app.winit.calls.length - before).toBeLessThan(new Set(nodes.map((n) => n.order.id)).size);
  });

  it("answers the order of a listed order's events as the list read it, asking its provider nothing more", async () => {
    const listed = async (selection: string) => {
      const before = app.winit.calls.length;
      const response = await app.post({ query: `{ returnOrders(first: 5, filter: { providers: [WINIT] }) { nodes { id ${selection} } } }` });
      const body = (await response.json()) as { data?: { returnOrders: { nodes: { id: string; events?: { order: { id: string; status: string } }[] }[] } } };
      return { nodes: body.data!.returnOrders.nodes, calls: app.winit.calls.length - before };
    };
    const plain = await listed("status");
    const withEvents = await listed("events { order { id status } }");
    expect(withEvents.calls).toBe(plain.calls);
    for (const node of withEvents.nodes) for (const e of node.events!) expect(e.order.id).toBe(node.id);
  });

  it("finds an event by its id with Query.node", async () => {
    const { events } = await readFeed(app, { statuses: ["CANCELLED"] }, 100);
    const { data } = await app.gql(EventNodeDocument, { id: events[0]!.id });
    expect(data?.node).toEqual({ __typename: "ReturnOrderEvent", id: events[0]!.id, status: "CANCELLED", order: { id: events[0]!.order.id } });
    const missing = await app.gql(EventNodeDocument, { id: Buffer.from("roe1|999999").toString("base64url") });
    expect(missing.data?.node).toBeNull();
  });

  it("refuses a malformed or foreign cursor, an order id that is none and a page size out of bounds as BAD_USER_INPUT", async () => {
    const list = await app.gql(ReturnOrdersDocument, { first: 1, filter: { providers: ["QIANYI"] } });
    const orderCursor = list.data!.returnOrders.pageInfo.endCursor!;
    for (const variables of [
      { after: "junk!" },
      { after: orderCursor },
      { after: encodeOrderId({ provider: "WINIT", account: "default", providerOrderNo: "X" }) },
      { after: Buffer.from("roe1|0").toString("base64url") },
      { first: 101 },
      { first: 0 },
      { filter: { orderIds: ["not-an-order"] } },
    ]) {
      const response = await app.post({ query: print(ReturnOrderEventsDocument), variables });
      const body = (await response.json()) as { data: unknown; errors?: { extensions: { code: string } }[] };
      expect(body.errors?.[0]?.extensions.code, JSON.stringify(variables)).toBe("BAD_USER_INPUT");
    }
  });
});

describe("the change feed under per-account access", () => {
  const SECRET = "a-test-secret-that-is-long-enough-for-hs256";
  const bearer = async (claims: Record<string, unknown>) => ({
    authorization: `Bearer ${await new SignJWT(claims)
      .setProtectedHeader({ alg: "HS256" })
      .setSubject("user-1")
      .setExpirationTime("5m")
      .sign(new TextEncoder().encode(SECRET))}`,
  });
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { AUTH_MODE: "jwt", AUTH_JWT_SECRET: SECRET } });
  });
  afterAll(async () => {
    await app.close();
  });

  it("shows a token limited to some accounts only those accounts' events, whatever it asks", async () => {
    const everything = await bearer({ scope: "returns:read returns:write" });
    const winit = await create(app, "WINIT", everything);
    const qianyi = await create(app, "QIANYI", everything);
    const all = await readFeed(app, undefined, 100, everything);
    expect(all.events.map((e) => e.order.id)).toEqual(expect.arrayContaining([winit.id, qianyi.id]));

    const onlyWinit = await bearer({ scope: "returns:read", returns_access: ["WINIT/default"] });
    const seen = await readFeed(app, undefined, 100, onlyWinit);
    expect(seen.events.length).toBeGreaterThan(0);
    expect(seen.events.every((e) => e.order.provider === "WINIT")).toBe(true);
    expect((await readFeed(app, { orderIds: [qianyi.id] }, 100, onlyWinit)).events).toEqual([]);
    expect((await readFeed(app, { providers: ["QIANYI"] }, 100, onlyWinit)).events).toEqual([]);
    const hidden = all.events.find((e) => e.order.id === qianyi.id)!;
    expect((await app.gql(EventNodeDocument, { id: hidden.id }, onlyWinit)).data?.node).toBeNull();
    const noRead = await app.post({ query: "{ returnOrderEvents { nodes { id } } }" }, await bearer({ scope: "returns:write" }));
    expect(noRead.status).toBe(403);
  });
});
