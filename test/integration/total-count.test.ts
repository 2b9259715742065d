import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { UNLIMITED_RATES } from "../resilience/common.js";

type Page = { data: { returnOrders: { totalCount: number | null; nodes: { id: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } };

describe("returnOrders.totalCount", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: UNLIMITED_RATES });
  });
  afterAll(() => app.close());

  const page = async (filter: Record<string, unknown>, after: string | null = null) =>
    (await (
      await app.post({
        query: `query($filter: ReturnOrderFilter, $after: String) { returnOrders(first: 40, filter: $filter, after: $after) { totalCount nodes { id } pageInfo { hasNextPage endCursor } } }`,
        variables: { filter, after },
      })
    ).json()) as Page;

  /** Every order the filter matches, by walking every page. */
  const walk = async (filter: Record<string, unknown>) => {
    const ids: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 50; i++) {
      const { returnOrders }: Page["data"] = (await page(filter, after)).data;
      ids.push(...returnOrders.nodes.map((n) => n.id));
      if (!returnOrders.pageInfo.hasNextPage) return ids;
      after = returnOrders.pageInfo.endCursor;
    }
    throw new Error("the walk did not end");
  };

  it("is the exact number of orders when every source counts them (an unfiltered list of each provider and of all)", async () => {
    for (const filter of [{ providers: ["WINIT"] }, { providers: ["QIANYI"] }, { providers: ["OMS"] }, {}]) {
      const first = (await page(filter)).data.returnOrders;
      expect(first.totalCount, JSON.stringify(filter)).toBe((await walk(filter)).length);
    }
  });

  it("is null when a filter is applied here, so no source can count exactly", async () => {
    expect((await page({ statuses: ["OPEN"] })).data.returnOrders.totalCount).toBeNull();
    expect((await page({ search: "no-such-number" })).data.returnOrders.totalCount).toBeNull();
  });
});
