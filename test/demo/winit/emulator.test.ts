import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listenOnLoopback, type RunningEmulator } from "../../../src/demo/emulator-server.js";
import { buildWinitBody, WINIT_ACTIONS } from "../../../src/providers/winit/client.js";
import { createWinitEmulator } from "../../../src/demo/winit/emulator.js";
import { ANSWERED_ORDER_FIELDS } from "../../../src/demo/winit/wire.js";
import seedCreate from "../../../src/demo/winit/fixtures/seed-002-create-request.json" with { type: "json" };
import { signWinit } from "../../../src/providers/winit/signing.js";

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

  const send = async (body: string) =>
    (await (await fetch(`${running.url}/openapi/service`, { method: "POST", body })).json()) as { code: string; msg: string; data: any };
  const call = (action: string, data: unknown, overrides: Partial<typeof credentials> = {}) =>
    send(buildWinitBody({ ...credentials, ...overrides }, action, data, new Date()));
  const window = { OderStartDatetime: "2020-01-01", OderEndDatetime: "2030-01-01" };
  /** A create of goods WINIT did not ship: by its return label (a channel, the parcel), the sender typed in. */
  const sender = {
    winitProductCode: "OSF521006534",
    packageLength: "11.22",
    packageWidth: "11.12",
    packageHeight: "11.12",
    packageWeight: "0.61",
    warehouseCode: "US0001",
    userInfoSource: "IRI",
    name: "n",
    country: "US",
    city: "c",
    postcode: "1",
    address1: "a",
  };

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
    const noMethod = await call(WINIT_ACTIONS.create, { ...sender, ReturnGoodsList: [{ productCode: "SKU-001", productNum: "1" }] });
    expect(noMethod).toMatchObject({ code: "02010250344", data: "" });
    const unknown = await call(WINIT_ACTIONS.create, { ...sender, ReturnGoodsList: [{ productCode: "NOPE", productNum: "1", handleMethod: "SA" }] });
    expect(unknown).toMatchObject({ code: "02050240124", msg: "商品编码不存在" });
    const noWarehouse = await call(WINIT_ACTIONS.create, {
      ...sender,
      warehouseCode: "",
      ReturnGoodsList: [{ productCode: "SKU-001", productNum: "1", handleMethod: "SA" }],
    });
    expect(noWarehouse.code).not.toBe("0");
  });

  it("voids only orders in a voidable status", async () => {
    const created = await call(WINIT_ACTIONS.create, { ...sender, ReturnGoodsList: [{ productCode: "SKU-001", productNum: "1", handleMethod: "SA" }] });
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

  it("checks the signature over data in the form the public SDK signs (sorted keys), not the order it was sent in", async () => {
    const data = { pageParams: { pageSize: 1, pageNo: 1 }, OderStartDatetime: "2020-01-01", OderEndDatetime: "2030-01-01" };
    const fields = {
      action: WINIT_ACTIONS.list,
      app_key: credentials.appKey,
      data: JSON.stringify(data),
      format: "json",
      platform: "P",
      sign_method: "md5",
      timestamp: "2024-01-02 03:04:05",
      version: "1.0",
    };
    const { sign, client_sign } = signWinit(fields, credentials.token, credentials.clientSecret);
    const unsorted = JSON.stringify({ ...fields, client_id: "CID", sign, client_sign, data });
    expect((await send(unsorted)).code).toBe("00000000004");
  });

  it("refuses a WI line without goodMethod and defectiveMethod, and item barcodes that do not number the quantity", async () => {
    const wi = await call(WINIT_ACTIONS.create, { ...sender, ReturnGoodsList: [{ productCode: "SKU-001", productNum: "1", handleMethod: "WI" }] });
    expect(wi.code).toBe("02010250345");
    const counted = await call(WINIT_ACTIONS.create, {
      ...sender,
      ReturnGoodsList: [{ productCode: "SKU-001", productNum: "2", handleMethod: "SA", itemCodeList: [{ itemCode: "S1", handleMethod: "SA" }] }],
    });
    expect(counted).toMatchObject({ code: "02050240099", msg: "若填写单品列表,列表内单品数量须等于退货数量" });
    const good = await call(WINIT_ACTIONS.create, {
      ...sender,
      ReturnGoodsList: [{ productCode: "SKU-001", productNum: "1", handleMethod: "WI", goodMethod: "SA", defectiveMethod: "DE" }],
    });
    expect(good.code).toBe("0");
  });

  it("filters by customerOrderNo and rmaNo but answers no customerOrderNo, and reports the seller's handling as seed 003 does", async () => {
    const created = await call(WINIT_ACTIONS.create, {
      ...sender,
      customerOrderNo: "SO-EMU-1",
      ReturnGoodsList: [{ productCode: "SKU-001", productNum: "1", handleMethod: "SA", shelveMethod: "DEFECTIVE_SA" }],
    });
    const byReference = await call(WINIT_ACTIONS.list, { ...window, customerOrderNo: "SO-EMU-1", pageParams: { pageNo: 1, pageSize: 10 } });
    expect(byReference.data.list).toHaveLength(1);
    const [order] = byReference.data.list as Record<string, unknown>[];
    expect(order).not.toHaveProperty("customerOrderNo");
    expect(order).not.toHaveProperty("returnAddress");
    expect(order).toMatchObject({
      returnGoodsOrderNo: created.data.returnGoodsOrderNo,
      handleStrategy: "SA",
      shelveMethod: "DEFECTIVE_SA",
      orderGoodsList: [{ handleMethod: "SA", handleStrategy: "SA", shelveMethod: "DEFECTIVE_SA" }],
    });
    const byRma = await call(WINIT_ACTIONS.list, { ...window, rmaNo: created.data.rmaNo, pageParams: { pageNo: 1, pageSize: 10 } });
    expect(byRma.data.list.map((o: { returnGoodsOrderNo: string }) => o.returnGoodsOrderNo)).toEqual([created.data.returnGoodsOrderNo]);
  });

  it("answers no list order with fields seed 003 does not list", async () => {
    const answer = await call(WINIT_ACTIONS.list, { ...window, pageParams: { pageNo: 1, pageSize: 200 } });
    const allowed = new Set(ANSWERED_ORDER_FIELDS as readonly string[]);
    for (const order of answer.data.list as Record<string, unknown>[]) expect(Object.keys(order).filter((k) => !allowed.has(k))).toEqual([]);
  });

  const line = { productCode: "SKU-001", productNum: "1", handleMethod: "SA" };

  it("takes goods WINIT did not ship only by its return label: a channel, the parcel's measures, the sender typed in", async () => {
    const noChannel = await call(WINIT_ACTIONS.create, { ...sender, winitProductCode: "", ReturnGoodsList: [line] });
    expect(noChannel.code).toBe("02010250315");
    const noWeight = await call(WINIT_ACTIONS.create, { ...sender, packageWeight: undefined, ReturnGoodsList: [line] });
    expect(noWeight.code).toBe("02010250316");
    const ori = await call(WINIT_ACTIONS.create, { ...sender, userInfoSource: "ORI", ReturnGoodsList: [line] });
    expect(ori.code).toBe("02010250317");
    const outbound = await call(WINIT_ACTIONS.create, {
      warehouseCode: "US0001",
      isWinitOutbound: "Y",
      outboundOrderNo: "WO1",
      userInfoSource: "ORI",
      ReturnGoodsList: [line],
    });
    expect(outbound.code).toBe("0");
  });

  it("refuses an impossible batch date, an item handled WI, and a warehouse it does not list", async () => {
    expect((await call(WINIT_ACTIONS.create, { ...sender, ReturnGoodsList: [{ ...line, batchDate: "2024-02-31" }] })).code).toBe("02010250346");
    expect((await call(WINIT_ACTIONS.create, { ...sender, ReturnGoodsList: [{ ...line, batchDate: "2024-02-29" }] })).code).toBe("0");
    const wiItem = await call(WINIT_ACTIONS.create, { ...sender, ReturnGoodsList: [{ ...line, itemCodeList: [{ itemCode: "S1", handleMethod: "WI" }] }] });
    expect(wiItem.code).toBe("02010250347");
    expect((await call(WINIT_ACTIONS.create, { ...sender, warehouseCode: "XX9999", ReturnGoodsList: [line] })).code).toBe("02010250318");
    expect((await call(WINIT_ACTIONS.create, { ...sender, warehouseCode: "UK0002", ReturnGoodsList: [line] })).code).toBe("02010250322");
    expect((await call(WINIT_ACTIONS.create, { ...sender, warehouseCode: "UK0002", VATNo: "GB1", ReturnGoodsList: [line] })).code).toBe("0");
  });

  it("refuses an impossible date window and filter values longer than seed 003's String(32)", async () => {
    const page = { pageParams: { pageNo: 1, pageSize: 1 } };
    expect((await call(WINIT_ACTIONS.list, { OderStartDatetime: "2019-02-30", OderEndDatetime: "2030-01-01", ...page })).code).toBe("02010250311");
    expect((await call(WINIT_ACTIONS.list, { ...window, ...page, rmaNo: "9".repeat(33) })).code).toBe("02010250321");
    expect((await call(WINIT_ACTIONS.list, { ...window, ...page, rmaNo: "9".repeat(32) })).code).toBe("0");
  });

  it("lists its warehouses without data (signed as empty text), every code its create accepts among them", async () => {
    const answer = await call(WINIT_ACTIONS.warehouses, null);
    expect(answer.code).toBe("0");
    const codes = (answer.data as { warehouseCode: string }[]).map((w) => w.warehouseCode);
    expect(answer.data[0]).toEqual({
      warehouseCode: expect.any(String),
      warehouseID: expect.any(String),
      warehouseName: expect.any(String),
      warehouseAddress: expect.any(String),
    });
    for (const code of codes)
      expect((await call(WINIT_ACTIONS.create, { ...sender, VATNo: "V1", warehouseCode: code, ReturnGoodsList: [line] })).code).toBe("0");
    const listed = await call(WINIT_ACTIONS.list, { ...window, pageParams: { pageNo: 1, pageSize: 200 } });
    for (const order of listed.data.list as { warehouseCode: string }[]) expect(codes).toContain(order.warehouseCode);
  });

  it("accepts seed 002's literal create request, with all its rules", async () => {
    const answer = await call(WINIT_ACTIONS.create, seedCreate.data);
    expect(answer).toMatchObject({ code: "0", data: { returnGoodsOrderNo: expect.any(String), rmaNo: expect.any(String) } });
  });
});
