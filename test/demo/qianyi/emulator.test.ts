import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listenOnLoopback, type RunningEmulator } from "../../../src/demo/emulator-server.js";
import { buildQianyiForm, QIANYI_SERVICES, toFormData } from "../../../src/providers/qianyi/client.js";
import { createQianyiEmulator } from "../../../src/demo/qianyi/emulator.js";

const credentials = { appId: "APP", appSecret: "SECRET" };

describe("Qianyi emulator enforces what Qianyi enforces", () => {
  let running: RunningEmulator;
  const emulator = createQianyiEmulator({ ...credentials, generated: 250 });
  beforeAll(async () => {
    running = await listenOnLoopback(emulator.app);
  });
  afterAll(async () => {
    await running.close();
  });

  type Answer = { state: string; errorCode: string; errorMsg: string; bizContent: string; requestId: string };
  // The client's form is undici's FormData; global fetch sends it alike (its types only differ).
  const post = async (body: ReturnType<typeof toFormData> | string, headers: Record<string, string> = {}) =>
    (await (await fetch(`${running.url}/api/v1/returnOrder`, { method: "POST", body: body as RequestInit["body"], headers })).json()) as Answer;
  const call = (serviceType: string, biz: unknown, overrides: { appSecret?: string; at?: Date } = {}) =>
    post(
      toFormData(buildQianyiForm({ ...credentials, appSecret: overrides.appSecret ?? credentials.appSecret }, serviceType, biz, overrides.at ?? new Date())),
    );
  const content = (answer: Answer) => JSON.parse(answer.bizContent) as { state: string; total?: number; result?: any };
  const create = { warehouse: "GWMS", shop: "测试1", returnSkuList: [{ sku: "DP001", quantity: 1 }] };

  it("answers a signed query in Qianyi's envelope, bizContent a JSON string, pages of at most 200", async () => {
    const answer = await call(QIANYI_SERVICES.list, { page: 1, pageSize: 200 });
    expect(answer).toMatchObject({ state: "success", errorCode: "", errorMsg: "", requestId: expect.any(String) });
    const biz = content(answer);
    expect(biz).toMatchObject({ state: "success", total: 253 });
    expect(biz.result).toHaveLength(200);
    const times = biz.result.map((o: { createTime: number }) => o.createTime);
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(await call(QIANYI_SERVICES.list, { page: 1, pageSize: 201 })).toMatchObject({ state: "failure", errorCode: "DATA_INPUT_ERROR" });
  });

  it("refuses a wrong secret, a tampered bizParam, a stale timestamp and a non-multipart body", async () => {
    expect(await call(QIANYI_SERVICES.list, { page: 1, pageSize: 1 }, { appSecret: "WRONG" })).toMatchObject({ state: "failure", errorCode: "AUTH_001" });
    const form = buildQianyiForm(credentials, QIANYI_SERVICES.list, { page: 1, pageSize: 1 }, new Date());
    expect(await post(toFormData({ ...form, bizParam: '{"page":1,"pageSize":2}' }))).toMatchObject({ errorCode: "AUTH_001" });
    expect(await call(QIANYI_SERVICES.list, { page: 1, pageSize: 1 }, { at: new Date(Date.now() - 6 * 60_000) })).toMatchObject({ errorCode: "AUTH_002" });
    expect(await call(QIANYI_SERVICES.list, { page: 1, pageSize: 1 }, { at: new Date(Date.now() - 4 * 60_000) })).toMatchObject({ state: "success" });
    expect(await post(JSON.stringify(form), { "content-type": "application/json" })).toMatchObject({ errorCode: "DATA_INPUT_ERROR" });
  });

  it("filters by returnNumber, warehouse, status and the creation window", async () => {
    const one = content(await call(QIANYI_SERVICES.list, { page: 1, pageSize: 10, returnNumber: "B250822148831" }));
    expect(one.result.map((o: { returnNumber: string }) => o.returnNumber)).toEqual(["B250822148831"]);
    const window = content(
      await call(QIANYI_SERVICES.list, { page: 1, pageSize: 10, fromCreateTime: "2025-09-12 00:00:00", toCreateTime: "2025-09-12 23:59:59" }),
    );
    expect(window.result.map((o: { returnNumber: string }) => o.returnNumber)).toEqual(["B250912149637"]);
    const finished = content(await call(QIANYI_SERVICES.list, { page: 1, pageSize: 200, status: "FINISH", warehouse: "solaso-huzhiming" }));
    expect(finished.result.length).toBeGreaterThan(0);
    expect(finished.result.every((o: { status: string; warehouse: string }) => o.status === "FINISH" && o.warehouse === "solaso-huzhiming")).toBe(true);
    expect(await call(QIANYI_SERVICES.list, { page: 1, pageSize: 1, fromCreateTime: "12/09/2025" })).toMatchObject({ errorCode: "DATA_INPUT_ERROR" });
  });

  it("filters by the finish window, shop ids and shop-group ids, and refuses what seed 001 does not allow", async () => {
    const query = (filter: Record<string, unknown>) => call(QIANYI_SERVICES.list, { page: 1, pageSize: 200, withoutType: true, ...filter });
    const all = content(await query({})).result as { finishTime?: number; shop: string }[];
    const finishTimes = all.flatMap((o) => (o.finishTime ? [o.finishTime] : [])).sort((a, b) => a - b);
    const china = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 19).replace("T", " ");
    const window = content(await query({ finishTimeFrom: china(finishTimes[1]!), finishTimeTo: china(finishTimes.at(-2)! + 1000) })).result as {
      finishTime: number;
    }[];
    // The page holds 200 of the orders; the window is asked of all of them.
    expect(window.length).toBeGreaterThanOrEqual(finishTimes.length - 2);
    expect(window.every((o) => o.finishTime >= Math.floor(finishTimes[1]! / 1000) * 1000 && o.finishTime < finishTimes.at(-2)! + 2000)).toBe(true);
    expect(content(await query({ shopIdList: [3] })).result.every((o: { shop: string }) => o.shop === "Solaso-ERP")).toBe(true);
    const grouped = new Set(content(await query({ shopGroupIdList: [100] })).result.map((o: { shop: string }) => o.shop));
    expect(grouped).toEqual(new Set(["测试1", "shopee111PH"]));
    for (const refused of [
      { finishTimeFrom: "2024-02-31 00:00:00" },
      { fromCreateTime: "2019-02-29 10:00:00" },
      { finishTimeTo: "2024-01-01 24:00:00" },
      { shopIdList: ["3"] },
      { warehouse: "W".repeat(51) },
      { returnNumber: "B".repeat(51) },
    ]) {
      expect(await query(refused)).toMatchObject({ state: "failure", errorCode: "DATA_INPUT_ERROR" });
    }
    expect(await call(QIANYI_SERVICES.create, { ...create, expectArriveTime: "2019-02-29" })).toMatchObject({
      state: "failure",
      errorCode: "DATA_INPUT_ERROR",
    });
  });

  it("writes amounts it holds as decimal text as JSON numbers, digit for digit", async () => {
    const answer = await call(QIANYI_SERVICES.list, { page: 1, pageSize: 1, returnNumber: "B259900000003" });
    expect(answer.bizContent).toContain('"orderRefundAmount":12.3456789012345678');
    expect(answer.bizContent).toContain('"itemRefundAmount":0.10');
  });

  it("requires warehouse, shop, a quantity per line and one of sku / orderSkuId", async () => {
    const refusals = [
      { ...create, warehouse: "" },
      { ...create, shop: undefined },
      { ...create, returnSkuList: [] },
      { ...create, returnSkuList: [{ sku: "DP001" }] },
      { ...create, returnSkuList: [{ sku: "DP001", quantity: 0 }] },
      { ...create, returnSkuList: [{ quantity: 1 }] },
      { ...create, returnSkuList: [{ sku: "NO-SUCH-SKU", quantity: 1 }] },
      { ...create, orderNumber: "S-NOPE" },
      { ...create, orderNumber: "S250807148097" }, // the sales order belongs to another shop
      { ...create, refundCustomFieldValueVOList: [{ customFieldId: 999, value: "x" }] },
    ];
    for (const biz of refusals) expect(await call(QIANYI_SERVICES.create, biz)).toMatchObject({ state: "failure", errorCode: "DATA_INPUT_ERROR" });
  });

  it("creates NEW, or WAIT_STORAGE with autoCommit; resolves orderSkuId; closes once, never a finished order", async () => {
    const draft = content(await call(QIANYI_SERVICES.create, create));
    expect(draft.result).toMatchObject({
      status: "NEW",
      type: "SALES_RETURN",
      shop: "测试1",
      warehouse: "GWMS",
      returnSkuList: [{ quantity: 1, selected: 1, sku: "DP001" }],
    });
    const committed = content(
      await call(QIANYI_SERVICES.create, {
        ...create,
        shop: "Solaso-ERP",
        orderNumber: "S250807148097",
        autoCommit: true,
        returnSkuList: [{ orderSkuId: 92169605, quantity: 2 }],
        refundCustomFieldValueVOList: [{ customFieldId: 43, value: "ON-1" }],
      }),
    );
    expect(committed.result).toMatchObject({ status: "WAIT_STORAGE", returnSkuList: [{ sku: "110015019002", quantity: 2 }] });
    const stored = emulator.orders.get(committed.result.returnNumber)!;
    expect(stored.refundCustomFieldValueVOList).toEqual([expect.objectContaining({ customFieldId: 43, columName: "网上订单号", value: "ON-1" })]);

    expect(content(await call(QIANYI_SERVICES.close, { returnNumber: draft.result.returnNumber }))).toEqual({ notSuccess: false, state: "success" });
    expect(emulator.orders.get(draft.result.returnNumber)!.status).toBe("CLOSED");
    expect(await call(QIANYI_SERVICES.close, { returnNumber: draft.result.returnNumber })).toMatchObject({ state: "failure", errorCode: "DATA_INPUT_ERROR" });
    expect(await call(QIANYI_SERVICES.close, { returnNumber: "B250822148831" })).toMatchObject({ state: "failure", errorCode: "DATA_INPUT_ERROR" });
    expect(await call(QIANYI_SERVICES.close, {})).toMatchObject({ state: "failure", errorCode: "DATA_INPUT_ERROR" });
  });

  it("returns commitTime only when withCommitTime is asked for", async () => {
    const number = { page: 1, pageSize: 1, returnNumber: "B260001000001" };
    const plain = content(await call(QIANYI_SERVICES.list, number)).result[0];
    const asked = content(await call(QIANYI_SERVICES.list, { ...number, withCommitTime: true })).result[0];
    expect(plain).not.toHaveProperty("commitTime");
    expect(asked.commitTime).toBe(emulator.orders.get("B260001000001")!.commitTime);
    expect(await call(QIANYI_SERVICES.list, { ...number, withCommitTime: "yes" })).toMatchObject({ state: "failure", errorCode: "DATA_INPUT_ERROR" });
  });

  it("returns refund-only and reship documents only with withoutType", async () => {
    const types = async (biz: Record<string, unknown>) =>
      new Set(content(await call(QIANYI_SERVICES.list, { page: 1, pageSize: 200, warehouse: "GWMS", ...biz })).result.map((o: { type: string }) => o.type));
    expect(await types({})).toEqual(new Set(["SALES_RETURN"]));
    expect(await types({ withoutType: true })).toEqual(new Set(["SALES_RETURN", "RETURN", "RESHIP"]));
    expect(content(await call(QIANYI_SERVICES.list, { page: 1, pageSize: 1, returnNumber: "B259900000001" })).result).toEqual([]);
    expect(content(await call(QIANYI_SERVICES.list, { page: 1, pageSize: 1, returnNumber: "B259900000001", withoutType: true })).result).toHaveLength(1);
    expect(await call(QIANYI_SERVICES.list, { page: 1, pageSize: 1, withoutType: 1 })).toMatchObject({ errorCode: "DATA_INPUT_ERROR" });
  });

  it("can refuse a call with state success and an errorCode, doing nothing, once", async () => {
    const before = emulator.orders.size;
    emulator.refuseNextAsSuccess(QIANYI_SERVICES.create, "ERR_002", "business error");
    expect(await call(QIANYI_SERVICES.create, create)).toMatchObject({ state: "success", errorCode: "ERR_002", errorMsg: "business error", bizContent: "" });
    expect(emulator.orders.size).toBe(before);
    expect(await call(QIANYI_SERVICES.create, create)).toMatchObject({ state: "success", errorCode: "" });
    expect(emulator.orders.size).toBe(before + 1);
  });

  it("records every call, refused ones too", async () => {
    const before = emulator.calls.length;
    await call(QIANYI_SERVICES.list, { page: 1, pageSize: 1 }, { appSecret: "WRONG" });
    await call("NO_SUCH_SERVICE", {});
    expect(emulator.calls.slice(before).map((c) => c.serviceType)).toEqual([QIANYI_SERVICES.list, "NO_SUCH_SERVICE"]);
  });
});
