import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ReturnOrdersDeepDocument, ReturnOrdersDocument } from "../generated/graphql.js";
import { startTestApp, type TestApp } from "../helpers/app.js";

const callsOf = (app: TestApp) => Object.values(app.emulators).reduce<number>((n, e) => n + ((e as { calls?: unknown[] }).calls?.length ?? 0), 0);

describe("nested fields of a page", () => {
  let app: TestApp;
  const batches: { loader: string; size: number }[] = [];
  beforeAll(async () => {
    app = await startTestApp({ service: { onBatch: (loader, size) => batches.push({ loader, size }) } });
  });
  afterAll(async () => {
    await app.close();
  });

  it("load events in one batch for the whole page and call no provider per order", async () => {
    const before = callsOf(app);
    batches.length = 0;
    const { data, errors } = await app.gql(ReturnOrdersDeepDocument, { first: 40 });
    expect(errors).toBeUndefined();
    const nodes = data!.returnOrders.nodes;
    expect(nodes).toHaveLength(40);
    expect(new Set(nodes.map((n) => n.provider)).size).toBeGreaterThan(1);
    // lines and details come with the list; events are one batched store query
    expect(batches).toEqual([{ loader: "events", size: 40 }]);
    // at most one list call per provider account (Qimen reads the store)
    expect(callsOf(app) - before).toBeLessThanOrEqual(app.registry.all().length);
  });

  it("make no events query for a page that does not select events", async () => {
    batches.length = 0;
    const { data, errors } = await app.gql(ReturnOrdersDocument, { first: 40 });
    expect(errors).toBeUndefined();
    expect(data!.returnOrders.nodes).toHaveLength(40);
    expect(batches).toEqual([]);
  });
});
