import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listenOnLoopback, type RunningEmulator } from "../../../src/demo/emulator-server.js";
import { buildWinitBody, WINIT_ACTIONS } from "../../../src/providers/winit/client.js";
import { createWinitEmulator } from "../../../src/demo/winit/emulator.js";

const credentials = { baseUrl: "", appKey: "app@example.com", token: "TOKEN", clientId: "CID", clientSecret: "SECRET", platform: "P" };

describe("WINIT emulator enforces what WINIT enforces", () => {
  let running: RunningEmulator;
  const emulator = createWinitEmulator({ appKey: credentials.appKey, token: credentials.token, clientSecret: credentials.clientSecret, generated: 250 });
  beforeAll(async () => {
    running = await listenOnLoopback(emulator.app);
  });
  afterAll(async () => {
    await running.close();
  });

  const send = async (body: string) => (await (await fetch(`${running.url}/openapi/service`, { method: "POST", body })).json()) as { code: string; msg: string; data: any };
  const call = (action: string, data: unknown, overrides: Partial<typeof credentials> = {}) => send(buildWinitBody({ ...credentials, ...overrides }, action, data, new Date()));
  const window = { OderStartDatetime: "2020-01-01", OderEndDatetime: "2030-01-01" };

  it("accepts a correctly signed list call", async () => {
    const answer = await call(WINIT_ACTIONS.list, { ...window, pageParams: { pageNo: 1, pageSize: 200 } });
    expect(answer.code).toBe("0");
    expect(answer.data.list).toHaveLength(200);
    expect(answer.data.pageParams.totalCount).toBe(251);
  });

  it("refuses a wrong sign and a wrong client_sign", async () => {
    expect((await call(WINIT_ACTIONS.list, { ...window, pageParams: { pageNo: 1, pageSize: 1 } }, { token: "WRONG" })).code).toBe("00000000004");
    expect((await call(WINIT_ACTIONS.list, { ...window, pageParams: { pageNo: 1, pageSize: 1 } }, { clientSecret: "WRONG" })).code).toBe("00000000005");
  });

  it("refuses a body whose data differs from what was signed", async () => {
    const body = buildWinitBody(credentials, WINIT_ACTIONS.list, { ...window, pageParams: { pageNo: 1, pageSize: 1 } }, new Date());
    const tampered = body.replace('"pageSize":1', '"pageSize":2');
    expect((await send(tampered)).code).toBe("00000000004");
  });

  it("refuses a missing date window and a page size over 200", async () => {
    expect((await call(WINIT_ACTIONS.list, { pageParams: { pageNo: 1, pageSize: 10 } })).code).toBe("02010250310");
    expect((await call(WINIT_ACTIONS.list, { ...window, pageParams: { pageNo: 1, pageSize: 201 } })).code).toBe("02010250313");
  });

  it("refuses a create without a handle method or with an unknown product, as seed 002 documents", async () => {
    const base = { warehouseCode: "US0001", userInfoSource: "IRI", name: "n", country: "US", city: "c", postcode: "1", address1: "a" };
    const noMethod = await call(WINIT_ACTIONS.create, { ...base, ReturnGoodsList: [{ productCode: "SKU-001", productNum: "1" }] });
    expect(noMethod).toMatchObject({ code: "02010250344", data: "" });
    const unknown = await call(WINIT_ACTIONS.create, { ...base, ReturnGoodsList: [{ productCode: "NOPE", productNum: "1", handleMethod: "SA" }] });
    expect(unknown).toMatchObject({ code: "02050240124", msg: "商品编码不存在" });
    const noWarehouse = await call(WINIT_ACTIONS.create, { ...base, warehouseCode: "", ReturnGoodsList: [{ productCode: "SKU-001", productNum: "1", handleMethod: "SA" }] });
    expect(noWarehouse.code).not.toBe("0");
  });

  it("voids only orders in a voidable status", async () => {
    const base = { warehouseCode: "US0001", userInfoSource: "IRI", name: "n", country: "US", city: "c", postcode: "1", address1: "a" };
    const created = await call(WINIT_ACTIONS.create, { ...base, ReturnGoodsList: [{ productCode: "SKU-001", productNum: "1", handleMethod: "SA" }] });
    const no = created.data.returnGoodsOrderNo as string;
    const voided = await call(WINIT_ACTIONS.void, { returnGoodsOrderNos: [no, "RT16000000005910CN"] });
    expect(voided.data).toMatchObject({
      successCount: 1,
      failedCount: 1,
      results: [
        { returnGoodsOrder: no, result: "SUCCESS" },
        { returnGoodsOrder: "RT16000000005910CN", result: "FAILED" },
      ],
    });
  });

  it("answers garbage with an error envelope", async () => {
    expect((await send("not json")).code).toBe("00000000001");
    expect((await send("{}")).code).toBe("00000000002");
  });
});
