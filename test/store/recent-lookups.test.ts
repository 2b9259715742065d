import { afterEach, describe, expect, it } from "vitest";
import { RecentLookups } from "../../src/store/recent-lookups.js";
import type { Store } from "../../src/store/index.js";
import { bareOrder } from "../helpers/bare-order.js";
import { openTestStore } from "../helpers/app.js";

describe("recent lookups", () => {
  it("answers within the time given, forgets after it, on forget, and past its size oldest first", () => {
    const recent = new RecentLookups<string>(1000, 2);
    recent.set("a", "A", 0);
    recent.set("b", null, 0);
    expect(recent.get("a", 999)).toBe("A");
    expect(recent.get("b", 999)).toBeNull();
    expect(recent.get("a", 1000)).toBeUndefined();
    recent.set("a", "A", 0);
    recent.forget("a");
    expect(recent.get("a", 1)).toBeUndefined();
    recent.set("c", "C", 0);
    recent.set("d", "D", 0);
    expect(recent.get("b", 1)).toBeUndefined();
    expect([recent.get("c", 1), recent.get("d", 1)]).toEqual(["C", "D"]);
  });
});

describe("the order index's lookups for showing", () => {
  let store: Store | undefined;
  afterEach(async () => store?.close());

  it("asks the index once for orders shown again soon, and again after this process records one", async () => {
    store = await openTestStore();
    let queries = 0;
    const query = store.sql.query.bind(store.sql);
    (store.sql as { query: typeof store.sql.query }).query = (text, params) => {
      queries++;
      return query(text, params);
    };
    const order = bareOrder("SHOWN-1", "OD", "OPEN");
    const key = `${order.provider}\u0000${order.account}\u0000${order.providerOrderNo}`;
    await store.orders.record([order], "MUTATION", { sent: { remark: "first" } });
    queries = 0;
    expect((await store.orders.lookupForShowing([order])).get(key)?.sent).toEqual({ remark: "first" });
    expect((await store.orders.lookupForShowing([order])).get(key)?.sent).toEqual({ remark: "first" });
    expect(queries).toBe(1);
    await store.orders.record([order], "MUTATION", { sent: { remark: "second" } });
    expect((await store.orders.lookupForShowing([order])).get(key)?.sent).toEqual({ remark: "second" });
  });
});
