import { describe, expect, it } from "vitest";
import type { ListResult } from "../../src/returns/ports.js";
import { CursorError, decodeCursor, encodeCursor, filterFingerprint } from "../../src/returns/cursor.js";
import { mergeSlices } from "../../src/returns/merge.js";
import type { ReturnOrder } from "../../src/returns/model.js";
import { compareNewestFirst, planPage, scanPages } from "../../src/returns/paging.js";

const order = (provider: ReturnOrder["provider"], no: string, minute: number): ReturnOrder =>
  ({
    provider,
    account: "a",
    providerOrderNo: no,
    createdAt: new Date(Date.UTC(2024, 0, 1, 0, minute)),
  }) as ReturnOrder;

describe("planPage", () => {
  it("keeps a wanted range on one page when it can", () => {
    for (const [offset, limit, max] of [
      [0, 20, 200],
      [20, 20, 200],
      [37, 20, 200],
      [190, 20, 200],
      [5, 100, 100],
      [1234, 50, 200],
    ] as const) {
      const { pageNo, pageSize } = planPage(offset, limit, max);
      const start = (pageNo - 1) * pageSize;
      expect(pageSize).toBeLessThanOrEqual(max);
      expect(start).toBeLessThanOrEqual(offset);
      expect(start + pageSize).toBeGreaterThanOrEqual(Math.min(offset + limit, start + max));
    }
    expect(planPage(0, 20, 200)).toEqual({ pageNo: 1, pageSize: 20 });
    expect(planPage(20, 20, 200)).toEqual({ pageNo: 2, pageSize: 20 });
  });
});

describe("scanPages", () => {
  const data = Array.from({ length: 45 }, (_, i) => ({ no: `N${String(i).padStart(2, "0")}`, keep: i % 3 !== 0 }));
  const run = async (offset: number, limit: number, maxCalls = 5) => {
    const asked: [number, number][] = [];
    const result = await scanPages({
      offset,
      limit,
      maxPageSize: 10,
      maxCalls,
      fetchPage: async (pageNo, pageSize) => {
        asked.push([pageNo, pageSize]);
        return { items: data.slice((pageNo - 1) * pageSize, pageNo * pageSize), total: data.length };
      },
      parse: (item) => ({ providerOrderNo: item.no, keep: item.keep }) as unknown as ReturnOrder,
      keep: (o) => (o as unknown as { keep: boolean }).keep,
    });
    return { ...result, asked };
  };

  it("keeps what passes the filter and says where to resume", async () => {
    const first = await run(0, 4);
    expect(first.orders.map((o) => o.order.providerOrderNo)).toEqual(["N01", "N02", "N04", "N05"]);
    expect(first.orders.map((o) => o.next)).toEqual([2, 3, 5, 6]);
    const second = await run(first.orders.at(-1)!.next, 4);
    expect(second.orders.map((o) => o.order.providerOrderNo)).toEqual(["N07", "N08", "N10", "N11"]);
  });

  it("stops at the end and says exhausted", async () => {
    const tail = await run(40, 10);
    expect(tail.orders.map((o) => o.order.providerOrderNo)).toEqual(["N40", "N41", "N43", "N44"]);
    expect(tail).toMatchObject({ exhausted: true, scanEnd: 45 });
  });

  it("stops after maxCalls with a frontier when the filter keeps too little", async () => {
    const result = await run(0, 30, 1);
    expect(result.exhausted).toBe(false);
    expect(result.asked).toHaveLength(1);
    expect(result.frontier?.providerOrderNo).toBe("N09");
  });
});

describe("mergeSlices", () => {
  const slice = (source: string, orders: ReturnOrder[], extra: Partial<ListResult> = {}) => ({
    source,
    start: 0,
    result: { orders: orders.map((o, i) => ({ order: o, next: i + 1 })), scanEnd: orders.length, exhausted: true, ...extra },
  });

  it("merges newest first and moves each source's position by what it served", () => {
    const w = [order("WINIT", "W3", 30), order("WINIT", "W1", 10)];
    const q = [order("QIANYI", "Q2", 20), order("QIANYI", "Q0", 0)];
    const merged = mergeSlices([slice("WINIT/a", w, { exhausted: false, scanEnd: 2 }), slice("QIANYI/a", q, { exhausted: false, scanEnd: 2 })], 3, {});
    expect(merged.edges.map((e) => e.order.providerOrderNo)).toEqual(["W3", "Q2", "W1"]);
    expect(merged.edges.map((e) => e.positions)).toEqual([{ "WINIT/a": 1 }, { "WINIT/a": 1, "QIANYI/a": 1 }, { "WINIT/a": 2, "QIANYI/a": 1 }]);
    expect(merged.end).toEqual({ "WINIT/a": 2, "QIANYI/a": 1 });
    expect(merged.hasNextPage).toBe(true);
  });

  it("marks exhausted sources done and ends the list when all are", () => {
    const merged = mergeSlices([slice("WINIT/a", [order("WINIT", "W1", 1)]), slice("OMS/a", [])], 10, {});
    expect(merged.end).toEqual({ "WINIT/a": "done", "OMS/a": "done" });
    expect(merged.hasNextPage).toBe(false);
  });

  it("holds back orders older than where an incomplete source stopped", () => {
    const stalled = slice("WINIT/a", [order("WINIT", "W5", 50)], { exhausted: false, scanEnd: 30, frontier: order("WINIT", "W4", 40) });
    const other = slice("OMS/a", [order("OMS", "O45", 45), order("OMS", "O35", 35)]);
    const merged = mergeSlices([stalled, other], 5, {});
    expect(merged.edges.map((e) => e.order.providerOrderNo)).toEqual(["W5", "O45"]);
    expect(merged.end).toEqual({ "WINIT/a": 30, "OMS/a": 1 });
  });

  it("orders ties by provider, account and number", () => {
    const a = order("WINIT", "B", 5);
    const b = order("WINIT", "A", 5);
    const c = order("OMS", "Z", 5);
    expect([a, b, c].sort(compareNewestFirst).map((o) => `${o.provider}/${o.providerOrderNo}`)).toEqual(["OMS/Z", "WINIT/B", "WINIT/A"]);
  });
});

describe("cursors", () => {
  const fp = filterFingerprint({ statuses: ["OPEN"] });
  it("round-trip positions for the same filter only", () => {
    const cursor = encodeCursor(fp, { "WINIT/a": 20, "OMS/a": "done" });
    expect(decodeCursor(cursor, fp)).toEqual({ "WINIT/a": 20, "OMS/a": "done" });
    expect(() => decodeCursor(cursor, filterFingerprint({}))).toThrow(/another filter/);
  });

  it.each([
    "",
    "!!!",
    Buffer.from("not json").toString("base64url"),
    Buffer.from(JSON.stringify({ v: 2, f: fp, p: {} })).toString("base64url"),
    Buffer.from(JSON.stringify({ v: 1, f: fp, p: { "WINIT/a": -1 } })).toString("base64url"),
    Buffer.from(JSON.stringify({ v: 1, f: fp, p: { "WINIT/a": "x" } })).toString("base64url"),
    Buffer.from(JSON.stringify({ v: 1, f: fp, p: [] })).toString("base64url"),
    "A".repeat(5000),
  ])("rejects a malformed or tampered cursor: %s", (cursor) => {
    expect(() => decodeCursor(cursor, fp)).toThrow(CursorError);
  });
});
