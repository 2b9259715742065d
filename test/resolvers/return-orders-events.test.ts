import "reflect-metadata";
import { execute, parse } from "graphql";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { RequestContext } from "../../src/context.js";
import { createLogger } from "../../src/logger.js";
import { keyString, type OrderKey, type ReturnOrder, type ReturnOrderEvent } from "../../src/returns/model.js";
import { ReturnOrderService, type ReturnOrderPage } from "../../src/returns/service.js";
import { buildReturnsSchema } from "../../src/schema/build.js";

const orders = ["A-1", "A-2"].map((providerOrderNo) => ({ provider: "OMS", account: "default", providerOrderNo }) as ReturnOrder);
const event: ReturnOrderEvent = {
  sequence: 1,
  provider: "OMS",
  account: "default",
  providerOrderNo: "A-1",
  at: new Date("2026-11-01T00:00:00Z"),
  status: "OPEN",
  providerStatus: "1",
  previousStatus: null,
  source: "MUTATION",
  reason: null,
};
const page: ReturnOrderPage = {
  edges: orders.map((node) => ({ node, cursor: "c" })),
  endCursor: null,
  hasNextPage: false,
  providerErrors: [],
  totalCount: null,
};

/** Runs `query` against the real schema with a service that lists `page` and a store that counts events queries. */
async function run(query: string) {
  const eventsOf = vi.fn(async (keys: OrderKey[]) => new Map(keys.map((k) => [keyString(k), [event]])));
  const service = new ReturnOrderService({} as never, { events: { eventsOf } } as never, createLogger("silent"));
  const loaders = service.createLoaders();
  const loadMany = vi.spyOn(loaders.events, "loadMany");
  const ctx = { service: { list: async () => page }, loaders } as unknown as RequestContext;
  const result = await execute({ schema, document: parse(query), contextValue: ctx });
  return { result, eventsQueries: eventsOf.mock.calls.length, preloaded: loadMany.mock.calls, loaded: [...loaders.loadedEvents.keys()] };
}

let schema: Awaited<ReturnType<typeof buildReturnsSchema>>;
beforeAll(async () => {
  schema = await buildReturnsSchema();
});

// That ReturnOrder.events then answers loaded events synchronously: return-order-fields.test.ts.
describe("returnOrders and its orders' events", () => {
  it("loads the page's events with the page, so no order waits for its own load", async () => {
    for (const query of [
      "{ returnOrders(first: 2) { nodes { providerOrderNo events { status } } } }",
      "{ returnOrders(first: 2) { edges { node { ...E } } } } fragment E on ReturnOrder { history: events { status } }",
    ]) {
      const { result, eventsQueries, preloaded, loaded } = await run(query);
      expect(result.errors).toBeUndefined();
      expect(JSON.stringify(result.data)).toContain('"status":"OPEN"');
      expect(eventsQueries).toBe(1);
      // asked for as one page by the list itself, and readable at once by each order's field
      expect(preloaded).toEqual([[orders]]);
      expect(loaded).toEqual(orders.map(keyString));
    }
  });

  it("reads no events for a page that does not select them", async () => {
    const { result, eventsQueries } = await run("{ returnOrders(first: 2) { nodes { providerOrderNo } } }");
    expect(result.data).toEqual({ returnOrders: { nodes: [{ providerOrderNo: "A-1" }, { providerOrderNo: "A-2" }] } });
    expect(eventsQueries).toBe(0);
  });
});
