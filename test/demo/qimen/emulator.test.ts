import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listenOnLoopback, type RunningEmulator } from "../../../src/demo/emulator-server.js";
import { buildQimenCall, QIMEN_METHODS, qimenUrl, readQimenAnswer } from "../../../src/providers/qimen/client.js";
import { createQimenEmulator } from "../../../src/demo/qimen/emulator.js";
import { parseQimenXml } from "../../../src/providers/qimen/xml.js";
import { qimenSign } from "../../../src/demo/qimen/wire.js";

const keys = { appKey: "APPKEY", appSecret: "SECRET", customerId: "CUST" };

const order = (code: string, extra: Record<string, unknown> = {}) => ({
  returnOrder: {
    returnOrderCode: code,
    warehouseCode: "W1",
    preDeliveryOrderCode: "PD1",
    logisticsCode: "SF",
    senderInfo: { name: "n", mobile: "m", province: "p", city: "c", detailAddress: "d" },
    ...extra,
  },
  orderLines: { orderLine: Array.from({ length: 150 }, (_, i) => ({ ownerCode: "O", itemCode: `I${i}`, planQty: 1, orderFlag: "VISIT", returnReason: "r" })) },
});

describe("Qimen emulator enforces what a Qimen WMS enforces", () => {
  let running: RunningEmulator;
  const emulator = createQimenEmulator({ ...keys, seedExample: true });
  beforeAll(async () => {
    running = await listenOnLoopback(emulator.app);
  });
  afterAll(async () => {
    await running.close();
  });

  const send = async (params: Record<string, string>, body: string) =>
    parseQimenXml(await (await fetch(qimenUrl(running.url, params), { method: "POST", body })).text())["response"] as Record<string, string>;
  const call = (method: string, request: Record<string, unknown>, overrides: Partial<typeof keys> = {}, at = new Date()) => {
    const signed = buildQimenCall({ ...keys, ...overrides }, method, request, at);
    return send(signed.params, signed.body);
  };

  it("holds seed 004's example order and answers a query for it, a page of lines at a time", async () => {
    const answer = await call(QIMEN_METHODS.query, { returnOrderCode: "R1234", page: 1, pageSize: 10 });
    expect(answer).toMatchObject({ flag: "success", returnOrder: { returnOrderCode: "R1234", returnOrderId: "RID1234" } });
    // The return query documents neither a status nor a line count: the emulator invents neither.
    expect(answer["returnOrder"]).not.toHaveProperty("returnOrderStatus");
    expect(answer).not.toHaveProperty("totalLines");
    expect(
      await call(QIMEN_METHODS.query, {
        returnOrderCode: "R1234",
        returnOrderId: "RID1234",
        warehouseCode: "W1234",
        ownerCode: "HZ1234",
        page: 1,
        pageSize: 10,
      }),
    ).toMatchObject({ flag: "success" });
    expect((await call(QIMEN_METHODS.query, { returnOrderCode: "R1234", warehouseCode: "W9" })).code).toBe("ORDER_NOT_EXIST");
  });

  it("refuses a wrong secret, a tampered body, a foreign app key or customer, and a stale timestamp", async () => {
    expect(await call(QIMEN_METHODS.query, { returnOrderCode: "R1234" }, { appSecret: "WRONG" })).toMatchObject({
      flag: "failure",
      code: "sign-check-failure",
    });
    const signed = buildQimenCall(keys, QIMEN_METHODS.query, { returnOrderCode: "R1234" }, new Date());
    expect(await send(signed.params, signed.body.replace("R1234", "R1235"))).toMatchObject({ code: "sign-check-failure" });
    expect((await call(QIMEN_METHODS.query, { returnOrderCode: "R1234" }, { appKey: "OTHER" })).code).toBe("isv.appkey-not-exists");
    expect((await call(QIMEN_METHODS.query, { returnOrderCode: "R1234" }, { customerId: "OTHER" })).code).toBe("isv.invalid-customerId");
    expect((await call(QIMEN_METHODS.query, { returnOrderCode: "R1234" }, {}, new Date(Date.now() - 3600_000))).code).toBe("isv.invalid-timestamp");
  });

  it("refuses a timestamp that names no time: 31 February is not read as 2 March", async () => {
    // China 10:00 on 2 March 2024: what Date.UTC would make of "2024-02-31 10:00:00".
    const fixed = createQimenEmulator({ ...keys, seedExample: true, now: () => new Date("2024-03-02T02:00:00Z") });
    const server = await listenOnLoopback(fixed.app);
    try {
      const signed = buildQimenCall(keys, QIMEN_METHODS.query, { returnOrderCode: "R1234" }, new Date("2024-03-02T02:00:00Z"));
      const at = (timestamp: string) => {
        const params = { ...signed.params, timestamp };
        return { ...params, sign: qimenSign(params, signed.body, keys.appSecret) };
      };
      const post = async (params: Record<string, string>) =>
        parseQimenXml(await (await fetch(qimenUrl(server.url, params), { method: "POST", body: signed.body })).text())["response"] as Record<string, string>;
      expect(await post(at("2024-03-02 10:00:00"))).toMatchObject({ flag: "success" });
      expect((await post(at("2024-02-31 10:00:00"))).code).toBe("isv.invalid-timestamp");
    } finally {
      await server.close();
    }
  });

  it("refuses a create missing any of seed 004's required fields", async () => {
    const cases: [string, Record<string, unknown>][] = [
      ["returnOrder.warehouseCode", { ...order("X1"), returnOrder: { ...order("X1").returnOrder, warehouseCode: "" } }],
      ["returnOrder.preDeliveryOrderCode", { ...order("X1"), returnOrder: { ...order("X1").returnOrder, preDeliveryOrderCode: undefined } }],
      [
        "returnOrder.senderInfo.mobile",
        { ...order("X1"), returnOrder: { ...order("X1").returnOrder, senderInfo: { name: "n", province: "p", city: "c", detailAddress: "d" } } },
      ],
      ["orderLines.orderLine.ownerCode", { ...order("X1"), orderLines: { orderLine: [{ itemCode: "I", planQty: 1 }] } }],
      ["orderLines.orderLine", { returnOrder: order("X1").returnOrder }],
      ["orderLines.orderLine.returnReason", { ...order("X1"), orderLines: { orderLine: [{ ownerCode: "O", itemCode: "I", planQty: 1, orderFlag: "VISIT" }] } }],
      ["orderLines.orderLine.orderFlag", { ...order("X1"), orderLines: { orderLine: [{ ownerCode: "O", itemCode: "I", planQty: 1, returnReason: "r" }] } }],
    ];
    for (const [field, request] of cases) {
      const answer = await call(QIMEN_METHODS.create, request);
      expect(answer).toMatchObject({ flag: "failure", code: "isv.invalid-parameter" });
      expect(answer["message"]).toContain(field);
    }
    expect(
      (
        await call(QIMEN_METHODS.create, {
          ...order("X1"),
          orderLines: { orderLine: [{ ownerCode: "O", itemCode: "I", planQty: 0, orderFlag: "VISIT", returnReason: "r" }] },
        })
      ).code,
    ).toBe("isv.invalid-parameter");
    const withCountry = (countryCode: string) => order("X1", { senderInfo: { ...order("X1").returnOrder.senderInfo, countryCode } });
    expect((await call(QIMEN_METHODS.create, withCountry("051532"))).code).toBe("isv.invalid-parameter");
    expect((await call(QIMEN_METHODS.create, order("X1", { orderType: "XXRK" }))).code).toBe("isv.invalid-parameter");
    expect(emulator.orders.has("X1")).toBe(false);
  });

  it("refuses a carrier code outside seed 004's list, a day that does not exist, and a code over 50 characters", async () => {
    const withLine = (extra: Record<string, unknown>) => ({
      ...order("X2"),
      orderLines: { orderLine: [{ ownerCode: "O", itemCode: "I", planQty: 1, orderFlag: "VISIT", returnReason: "r", ...extra }] },
    });
    const refusals: [Record<string, unknown>, string][] = [
      [order("X2", { logisticsCode: "DHL" }), "logisticsCode"],
      [withLine({ productDate: "2024-02-31" }), "productDate"],
      [withLine({ expireDate: "2019-02-30" }), "expireDate"],
      [order("X2", { sourcePlatformCode: "T".repeat(51) }), "sourcePlatformCode"],
      [withLine({ itemCode: "I".repeat(51) }), "itemCode"],
    ];
    for (const [request, field] of refusals) {
      const answer = await call(QIMEN_METHODS.create, request);
      expect(answer).toMatchObject({ flag: "failure", code: "isv.invalid-parameter" });
      expect(answer["message"]).toContain(field);
    }
    expect(emulator.orders.has("X2")).toBe(false);
    expect(await call(QIMEN_METHODS.create, withLine({ productDate: "2024-02-29", expireDate: "2026-12-31" }))).toMatchObject({ flag: "success" });
  });

  it("refuses a second order under the same code, even with the same outBizCode (no field of the create)", async () => {
    const first = await call(QIMEN_METHODS.create, order("D1", { outBizCode: "BIZ-1" }));
    expect(first).toMatchObject({ flag: "success", returnOrderId: expect.any(String) });
    expect((await call(QIMEN_METHODS.create, order("D1", { outBizCode: "BIZ-1" }))).code).toBe("ORDER_EXISTS");
    expect(await call(QIMEN_METHODS.create, order("D2", { outBizCode: "BIZ-1" }))).toMatchObject({ flag: "success" });
  });

  it("pages query lines by at most 100", async () => {
    await call(QIMEN_METHODS.create, order("P1"));
    const page2 = (await call(QIMEN_METHODS.query, { returnOrderCode: "P1", page: 2, pageSize: 100 })) as unknown as { orderLines: { orderLine: unknown[] } };
    expect(page2.orderLines.orderLine).toHaveLength(50);
    expect((await call(QIMEN_METHODS.query, { returnOrderCode: "P1", pageSize: 101 })).code).toBe("isv.invalid-parameter");
    expect((await call(QIMEN_METHODS.query, { returnOrderCode: "NOPE" })).code).toBe("ORDER_NOT_EXIST");
  });

  it("cancels only what has not been received, by order and warehouse code, under the order's type when one is given", async () => {
    await call(QIMEN_METHODS.create, order("C1"));
    const refused = await call(QIMEN_METHODS.cancel, { orderCode: "C1", orderType: "THRK" });
    expect(refused).toMatchObject({ code: "isv.invalid-parameter" });
    expect(refused["message"]).toContain("warehouseCode");
    expect((await call(QIMEN_METHODS.cancel, { orderCode: "C1", warehouseCode: "W1", orderType: "HHRK" })).code).toBe("isv.invalid-parameter");
    expect((await call(QIMEN_METHODS.cancel, { orderCode: "C1", warehouseCode: "W2" })).code).toBe("ORDER_NOT_EXIST");
    expect(await call(QIMEN_METHODS.cancel, { orderCode: "C1", warehouseCode: "W1" })).toMatchObject({ flag: "success" });
    expect(await call(QIMEN_METHODS.cancel, { orderCode: "C1", warehouseCode: "W1", orderType: "THRK" })).toMatchObject({ flag: "success" });
    await call(QIMEN_METHODS.create, order("C2"));
    emulator.orders.get("C2")!.status = "CANCELEDFAIL";
    expect(await call(QIMEN_METHODS.cancel, { orderCode: "C2", warehouseCode: "W1" })).toMatchObject({ flag: "success" });
    emulator.orders.get("R1234")!.status = "FULFILLED";
    expect((await call(QIMEN_METHODS.cancel, { orderCode: "R1234", warehouseCode: "W1234", orderType: "THRK" })).code).toBe("ORDER_CANNOT_CANCEL");
  });

  it("answers garbage, DOCTYPEs and unknown methods with a failure document", async () => {
    const signed = buildQimenCall(keys, QIMEN_METHODS.query, {}, new Date());
    expect((await send(signed.params, "not xml")).code).toBe("isv.invalid-xml");
    expect((await send(signed.params, '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><request>&x;</request>')).code).toBe("isv.invalid-xml");
    expect((await call("taobao.qimen.nothing", {})).code).toBe("isv.invalid-method");
    expect(() => readQimenAnswer("<response><flag>failure</flag><code>isv.invalid-method</code></response>", "a")).toThrow();
  });
});
