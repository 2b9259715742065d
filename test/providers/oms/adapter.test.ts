import { describe, expect, it } from "vitest";
import { OmsAdapter } from "../../../src/providers/oms/adapter.js";
import { OMS_PATHS, type OmsClient } from "../../../src/providers/oms/client.js";
import { InvalidStateError, ProviderRejectedError, ProviderUnavailableError } from "../../../src/returns/errors.js";
import type { ReturnOrder } from "../../../src/returns/model.js";

type Body = Record<string, any>;
type Answer = (body: Body) => unknown;

/** A client that records each call and answers `data` (the envelope's payload) from the test's handlers. */
function fakeClient(handlers: Partial<Record<string, Answer>>) {
  const calls: { path: string; body: Body }[] = [];
  const client = {
    async call(path: string, body: Body) {
      calls.push({ path, body });
      const handler = handlers[path];
      if (!handler) throw new Error(`unexpected call to ${path}`);
      return handler(body);
    },
  } as unknown as OmsClient;
  return { client, calls, adapter: new OmsAdapter("default", client) };
}

const page = (list: Body[]) => ({ pageNum: "1", pageSize: "100", totalCount: String(list.length), totalPage: "1", list });
const live = (orderNo: string, status = 1) => ({ orderNo, status, referenceNo: `REF-${orderNo}`, itemDTOs: [{ productSku: "SKU-1", qty: 1 }] });
const order = { provider: "OMS", account: "default", providerOrderNo: "RO1", status: "DRAFT", providerStatus: "1" } as ReturnOrder;

describe("OMS adapter: cancel answers per order", () => {
  it("sends orderNos and reads an order in successList as cancelled", async () => {
    let status = 1;
    const { adapter, calls } = fakeClient({
      [OMS_PATHS.cancel]: () => ((status = -1), { totalQty: 1, successQty: 1, failQty: 0, successList: [{ orderNo: "RO1", message: "ok" }], failList: [] }),
      [OMS_PATHS.list]: () => page([live("RO1", status)]),
    });
    const cancelled = await adapter.cancel(order, "kept");
    expect(calls[0]).toEqual({ path: OMS_PATHS.cancel, body: { orderNos: ["RO1"], cancelRemark: "kept" } });
    expect(cancelled).toMatchObject({ status: "CANCELLED", providerStatus: "-1" });
  });

  it("takes an order in failList under a successful envelope as a refusal, with the OMS's message", async () => {
    const { adapter } = fakeClient({
      [OMS_PATHS.cancel]: () => ({ totalQty: 1, successQty: 0, failQty: 1, successList: [], failList: [{ orderNo: "RO1", message: "不允许取消" }] }),
      [OMS_PATHS.list]: () => page([live("RO1", 1)]),
    });
    const error = await adapter.cancel(order, null).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderRejectedError);
    expect(error).toMatchObject({ providerMessage: "不允许取消" });
  });

  it("answers InvalidState when the refused order has moved past cancelling meanwhile", async () => {
    const { adapter } = fakeClient({
      [OMS_PATHS.cancel]: () => ({ totalQty: 1, successQty: 0, failQty: 1, failList: [{ orderNo: "RO1", message: "已收货" }] }),
      [OMS_PATHS.list]: () => page([live("RO1", 4)]),
    });
    const error = await adapter.cancel(order, null).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidStateError);
    expect(error).toMatchObject({ providerStatus: "4" });
  });

  it("does not invent a status code when the read after a confirmed cancel fails", async () => {
    const { adapter } = fakeClient({
      [OMS_PATHS.cancel]: () => ({ totalQty: 1, successQty: 1, failQty: 0, successList: [{ orderNo: "RO1", message: "ok" }], failList: [] }),
      [OMS_PATHS.list]: () => {
        throw new ProviderUnavailableError("OMS", "default", "down", true);
      },
    });
    const cancelled = await adapter.cancel(order, null);
    expect(cancelled.status).toBe("CANCELLED");
    expect(cancelled.providerStatus).toBe("");
  });

  it("does not report a cancel the answer does not confirm: a live order is a retryable failure", async () => {
    const { adapter } = fakeClient({ [OMS_PATHS.cancel]: () => null, [OMS_PATHS.list]: () => page([live("RO1", 1)]) });
    await expect(adapter.cancel(order, null)).rejects.toMatchObject({ code: "PROVIDER_UNAVAILABLE", retryable: true });
  });
});

describe("OMS adapter: list requests use the sibling lists' filters", () => {
  it("looks up many orders with one orderNos call per hundred numbers", async () => {
    const { adapter, calls } = fakeClient({
      [OMS_PATHS.list]: (body) => page((body["orderNos"] as string[]).filter((n) => !n.endsWith("7")).map((n) => live(n))),
    });
    const numbers = Array.from({ length: 250 }, (_, i) => `RO${i}`);
    const answers = await adapter.getMany([...numbers, "RO1"].map((providerOrderNo) => ({ providerOrderNo, createdAt: null })));
    expect(calls).toHaveLength(3);
    expect(calls.map((c) => (c.body["orderNos"] as string[]).length)).toEqual([100, 100, 50]);
    expect(answers).toHaveLength(251);
    expect((answers[1] as ReturnOrder).providerOrderNo).toBe("RO1");
    expect(answers[7]).toBeNull();
    expect((answers[250] as ReturnOrder).providerOrderNo).toBe("RO1");
  });

  it("asks a number alone when the OMS ignored orderNos (more orders came back than were asked for)", async () => {
    const { adapter, calls } = fakeClient({
      [OMS_PATHS.list]: (body) => (body["orderNo"] ? page([live(body["orderNo"] as string)]) : { ...page([live("RO8")]), totalCount: "500" }),
    });
    const [answer] = await adapter.getMany([{ providerOrderNo: "RO1", createdAt: null }]);
    expect((answer as ReturnOrder).providerOrderNo).toBe("RO1");
    expect(calls.map((c) => c.body["orderNo"] ?? "batch")).toEqual(["batch", "RO1"]);
  });

  it("sends the creation window as startCreateTime / endCreateTime and takes the total from totalCount", async () => {
    const { adapter, calls } = fakeClient({ [OMS_PATHS.list]: () => ({ ...page([live("RO1"), live("RO2")]), totalCount: "2" }) });
    const result = await adapter.list({ filter: { createdFrom: new Date("2025-10-01T00:00:00Z") }, offset: 0, limit: 1 } as never);
    expect(calls[0]!.body).toMatchObject({ startCreateTime: "2025-10-01 08:00:00" });
    expect(calls[0]!.body).not.toHaveProperty("createTimeStart");
    expect(result.orders).toHaveLength(1);
    expect(result.exhausted).toBe(false);
  });

  it("searches by orderNo and referenceNo, and never sends a tracking or outbound filter", async () => {
    const { adapter, calls } = fakeClient({
      [OMS_PATHS.list]: (body) => page(body["orderNo"] || body["referenceNo"] ? [] : [{ ...live("RO5"), trackingNo: "1Z5" }]),
    });
    const result = await adapter.list({ filter: { search: "1Z5" }, offset: 0, limit: 5 } as never);
    expect(result.orders.map((o) => o.order.providerOrderNo)).toEqual(["RO5"]);
    for (const call of calls) expect(Object.keys(call.body).filter((k) => k === "trackingNo" || k === "outboundOrderNo")).toEqual([]);
  });

  it("finds an interrupted create by referenceNos within the creation window", async () => {
    const { adapter, calls } = fakeClient({ [OMS_PATHS.list]: () => page([live("RO1")]) });
    const found = await adapter.findAttempt({ referenceNo: "REF-RO1" } as never, { token: "T", startedAt: new Date("2025-10-02T00:00:00Z") });
    expect(calls[0]!.body).toMatchObject({ referenceNos: ["REF-RO1"], startCreateTime: "2025-10-01 08:00:00" });
    expect(found.orders.map((o) => o.providerOrderNo)).toEqual(["RO1"]);
  });
});
