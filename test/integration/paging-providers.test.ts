import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CreateReturnOrderDocument, ReturnOrdersDocument, type ReturnProvider } from "../generated/graphql.js";
import { startTestApp, type TestApp } from "../helpers/app.js";

type Node = { id: string; provider: string; account: string; providerOrderNo: string; createdAt?: string | null };

/** The list's order: newest first, ties by provider, account, then number descending. */
function inListOrder(a: Node, b: Node): number {
  const ta = a.createdAt ? Date.parse(a.createdAt) : 0;
  const tb = b.createdAt ? Date.parse(b.createdAt) : 0;
  if (ta !== tb) return tb - ta;
  if (a.provider !== b.provider) return a.provider < b.provider ? -1 : 1;
  if (a.account !== b.account) return a.account < b.account ? -1 : 1;
  return a.providerOrderNo === b.providerOrderNo ? 0 : a.providerOrderNo < b.providerOrderNo ? 1 : -1;
}

/** The whole demo data set of all four providers, walked in pages of several sizes and mixes. */
describe("the merged list over all four providers", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
    // Qimen orders exist here once created through the subgraph: make a few.
    for (let i = 0; i < 4; i++) {
      const { data } = await app.gql(CreateReturnOrderDocument, {
        input: {
          provider: "QIMEN",
          warehouseCode: "W1234",
          referenceNo: `WALK-${i}`,
          outboundOrderNo: `PD-WALK-${i}`,
          reason: "破损退货",
          sender: { name: "老王", mobile: "13214567869", province: "浙江省", city: "杭州", address1: "余杭区989号" },
          lines: [{ sku: "I1234", quantity: 1 }],
          qimen: { ownerCode: "HZ1234", logisticsCode: "SF", orderFlags: ["SELLER_AFFORD"] },
        },
      });
      expect(data?.returnOrderCreate.__typename).toBe("ReturnOrderCreated");
    }
  });
  afterAll(async () => {
    await app.close();
  });

  const walk = async (first: number, providers?: ReturnProvider[]) => {
    const nodes: Node[] = [];
    let after: string | null | undefined;
    for (let page = 0; page < 1000; page++) {
      const { data, errors } = await app.gql(ReturnOrdersDocument, { first, after, filter: providers ? { providers } : undefined });
      expect(errors).toBeUndefined();
      const list = data!.returnOrders;
      expect(list.providerErrors).toEqual([]);
      expect(list.nodes.length).toBeLessThanOrEqual(first);
      nodes.push(...list.nodes);
      if (!list.pageInfo.hasNextPage) return nodes;
      after = list.pageInfo.endCursor;
    }
    throw new Error("the list never ended");
  };

  const mixes: (ReturnProvider[] | undefined)[] = [undefined, ["WINIT", "OMS"], ["QIANYI", "QIMEN"], ["OMS"]];

  it.each(mixes.map((m) => [m ? m.join("+") : "all", m] as const))("walks %s exactly once, in order, whatever the page size", async (_label, providers) => {
    const reference = await walk(100, providers);
    // every order once, in the list's order, and exactly the providers asked for
    expect(new Set(reference.map((n) => n.id)).size).toBe(reference.length);
    expect([...reference].sort(inListOrder).map((n) => n.id)).toEqual(reference.map((n) => n.id));
    const seen = new Set(reference.map((n) => n.provider));
    expect([...seen].sort()).toEqual([...(providers ?? ["WINIT", "QIANYI", "OMS", "QIMEN"])].sort());
    // each provider's share is its own whole list
    for (const provider of seen) {
      const alone = await walk(100, [provider as ReturnProvider]);
      expect(reference.filter((n) => n.provider === provider).map((n) => n.id)).toEqual(alone.map((n) => n.id));
    }
    for (const first of [3, 17, 50]) {
      expect((await walk(first, providers)).map((n) => n.id)).toEqual(reference.map((n) => n.id));
    }
  });
});
