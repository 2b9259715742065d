import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { faultsOf } from "../helpers/faults.js";
import { parseOrder } from "../../src/providers/winit/mapper.js";
import { encodeOrderId } from "../../src/returns/ids.js";
import { compareNewestFirst } from "../../src/returns/paging.js";
import { ReturnOrdersDocument, type ReturnOrderFilter } from "../generated/graphql.js";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { startSharedWinit } from "../helpers/emulators.js";

type Emulator = Awaited<ReturnType<typeof startSharedWinit>>;

/** Two WINIT accounts on two emulators: a merge of two sources that page independently. */
describe("the merged list over several provider accounts", () => {
  let east: Emulator;
  let west: Emulator;
  let app: TestApp;

  beforeAll(async () => {
    east = await startSharedWinit({ generated: 60, seed: 11 });
    west = await startSharedWinit({ generated: 35, seed: 22 });
    const file = join(mkdtempSync(join(tmpdir(), "accounts-")), "accounts.json");
    writeFileSync(file, JSON.stringify({ WINIT: { east: east.settings, west: west.settings } }));
    app = await startTestApp({ env: { RETURNS_ACCOUNTS_FILE: file, RETURNS_DEMO: "false" } });
  });
  afterAll(async () => {
    await app.close();
    await east.close();
    await west.close();
  });

  /** Ground truth from the emulators' own data, in the list's order. */
  const truth = (keep: (status: string) => boolean = () => true) => {
    const since = Date.now() - 365 * 86_400_000;
    return [...[...east.emulator.orders.values()].map((w) => parseOrder(w, "east")), ...[...west.emulator.orders.values()].map((w) => parseOrder(w, "west"))]
      .filter((o) => o.createdAt && o.createdAt.getTime() >= since && keep(o.status))
      .sort(compareNewestFirst)
      .map((o) => encodeOrderId(o));
  };

  const walk = async (first: number, filter?: ReturnOrderFilter) => {
    const ids: string[] = [];
    let after: string | null | undefined;
    for (let page = 0; page < 500; page++) {
      const { data, errors } = await app.gql(ReturnOrdersDocument, { first, after, filter });
      expect(errors).toBeUndefined();
      const list = data!.returnOrders;
      expect(list.providerErrors).toEqual([]);
      ids.push(...list.nodes.map((n) => n.id));
      if (!list.pageInfo.hasNextPage) return ids;
      after = list.pageInfo.endCursor;
    }
    throw new Error("the list never ended");
  };

  it.each([1, 7, 25, 100])("walks every order exactly once, in order, %i at a time", async (first) => {
    const expected = truth();
    expect(expected.length).toBeGreaterThan(60);
    expect(await walk(first)).toEqual(expected);
  });

  it("walks a filtered list (statuses applied after WINIT answers) exactly once", async () => {
    expect(await walk(5, { statuses: ["COMPLETED", "CANCELLED"] })).toEqual(truth((s) => s === "COMPLETED" || s === "CANCELLED"));
  });

  it("asks each account at most once per page", async () => {
    const before = east.emulator.calls.length + west.emulator.calls.length;
    const { data } = await app.gql(ReturnOrdersDocument, { first: 50 });
    expect(data!.returnOrders.nodes).toHaveLength(50);
    expect(east.emulator.calls.length + west.emulator.calls.length - before).toBeLessThanOrEqual(2);
  });

  it("serves the other accounts when one fails, and lets the client pick the failed one up later", async () => {
    faultsOf(west.emulator.app).set("5xx");
    const first = await app.gql(ReturnOrdersDocument, { first: 10 });
    faultsOf(west.emulator.app).clear();
    const page = first.data!.returnOrders;
    expect(page.nodes).toHaveLength(10);
    expect(page.nodes.every((n) => n.account === "east")).toBe(true);
    expect(page.providerErrors).toEqual([{ provider: "WINIT", account: "west", code: "PROVIDER_UNAVAILABLE", message: expect.stringContaining("HTTP 503") }]);
    expect(page.pageInfo.hasNextPage).toBe(true);

    const seen = [...page.nodes.map((n) => n.id)];
    let after = page.pageInfo.endCursor;
    for (let i = 0; i < 100 && after; i++) {
      const next = (await app.gql(ReturnOrdersDocument, { first: 10, after })).data!.returnOrders;
      seen.push(...next.nodes.map((n) => n.id));
      after = next.pageInfo.hasNextPage ? next.pageInfo.endCursor : null;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual([...truth()].sort());
  });

  it("refuses a cursor made for another filter", async () => {
    const { data } = await app.gql(ReturnOrdersDocument, { first: 2 });
    const reused = await app.gql(ReturnOrdersDocument, { first: 2, after: data!.returnOrders.pageInfo.endCursor, filter: { warehouseCode: "US0001" } });
    expect(reused.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT" }, message: expect.stringContaining("another filter") });
  });
});
