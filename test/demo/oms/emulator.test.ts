import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../../src/logger.js";
import { listenOnLoopback, type RunningEmulator } from "../../../src/demo/emulator-server.js";
import { DEFAULT_HTTP_POLICY, ProviderHttp } from "../../../src/providers/kit/http.js";
import { OMS_PATHS, OmsClient } from "../../../src/providers/oms/client.js";
import { OMS_EMULATOR_CODES as CODES, createOmsEmulator } from "../../../src/demo/oms/emulator.js";
import { omsSignature, omsToken } from "../../../src/providers/oms/signing.js";
import { ProviderRejectedError, ProviderUnavailableError } from "../../../src/returns/errors.js";
import { FaultSwitch } from "../../helpers/faults.js";

const credentials = { apiKey: "key-1", apiSecret: "secret-1" };
const SEED_NO = "RO25102353783107";

describe("OMS emulator enforces what the OMS enforces", () => {
  let running: RunningEmulator;
  const emulator = createOmsEmulator({ ...credentials, generated: 120 });
  beforeAll(async () => {
    running = await listenOnLoopback(emulator.app);
  });
  afterAll(async () => {
    await running.close();
  });

  let counter = 0;
  const freshNonce = () => (++counter).toString(16).padStart(32, "0");
  const send = async (path: string, body: unknown, authorization: string | null = omsToken(credentials, String(Date.now()), freshNonce())) => {
    const response = await fetch(`${running.url}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(authorization == null ? {} : { authorization }) },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
    return {
      status: response.status,
      body: (await response.json()) as { code: string; success: boolean; data: any; message: string; errors: any[]; requestId: string },
    };
  };
  const page = (pageNum: number, pageSize: number, filter: Record<string, unknown> = {}) => ({ commonParam: { pageParam: { pageNum, pageSize } }, ...filter });
  const create = (overrides: Record<string, unknown> = {}) =>
    send(OMS_PATHS.create, { warehouseCode: "USLAX01", contactName: "Ann", itemDTOs: [{ productSku: "SKU-001", qty: "1" }], ...overrides });

  it("answers a valid call in the documented envelope, newest first, with commonParam paging", async () => {
    const { status, body } = await send(OMS_PATHS.list, page(1, 100));
    expect(status).toBe(200);
    expect(body).toMatchObject({ code: "20000", success: true, message: "请求成功", errors: [] });
    expect(body.requestId).toMatch(/^[0-9a-f]{32}$/);
    // PageResponse's counts are text in the API's Java types.
    expect(body.data).toMatchObject({ pageNum: "1", pageSize: "100", totalCount: "121", totalPage: "2" });
    expect(body.data.list).toHaveLength(100);
    const times = body.data.list.map((o: { createTime: string }) => o.createTime);
    expect([...times].sort().reverse()).toEqual(times);
    const second = await send(OMS_PATHS.list, page(2, 100));
    expect(second.body.data.list).toHaveLength(21);
  });

  it("holds the seed's example order", async () => {
    const { body } = await send(OMS_PATHS.list, page(1, 10, { orderNo: SEED_NO }));
    expect(body.data.list).toHaveLength(1);
    expect(body.data.list[0]).toMatchObject({ orderNo: SEED_NO, status: 1, qty: 94, contactName: "逯语桐" });
  });

  it("refuses a missing token, a foreign key, a wrong signature, a stale timestamp and a reused nonce", async () => {
    const now = String(Date.now());
    expect((await send(OMS_PATHS.list, page(1, 1), null)).body.code).toBe(CODES.noToken);
    expect((await send(OMS_PATHS.list, page(1, 1), `Bearer ${omsToken(credentials, now, freshNonce())}`)).body.code).toBe(CODES.noToken);
    const foreign = await send(OMS_PATHS.list, page(1, 1), omsToken({ ...credentials, apiKey: "other" }, now, freshNonce()));
    expect(foreign).toMatchObject({ status: 401, body: { code: CODES.unknownKey, success: false } });
    expect((await send(OMS_PATHS.list, page(1, 1), omsToken({ ...credentials, apiSecret: "wrong" }, now, freshNonce()))).body.code).toBe(CODES.badSignature);
    const stale = String(Date.now() - 5 * 60_000 - 1_000);
    expect((await send(OMS_PATHS.list, page(1, 1), omsToken(credentials, stale, freshNonce()))).body.code).toBe(CODES.staleTimestamp);
    const future = String(Date.now() + 5 * 60_000 + 1_000);
    expect((await send(OMS_PATHS.list, page(1, 1), omsToken(credentials, future, freshNonce()))).body.code).toBe(CODES.staleTimestamp);
    const token = omsToken(credentials, now, freshNonce());
    expect((await send(OMS_PATHS.list, page(1, 1), token)).body.code).toBe("20000");
    expect((await send(OMS_PATHS.list, page(1, 1), token)).body).toMatchObject({ code: CODES.nonceReused, success: false });
  });

  it("checks the signature over ts and nonce: a token with a swapped nonce fails", async () => {
    const ts = String(Date.now());
    const signature = omsSignature(credentials.apiSecret, ts, freshNonce());
    const forged = Buffer.from(`${credentials.apiKey}-${ts}-${freshNonce()}-${signature}`).toString("base64");
    expect((await send(OMS_PATHS.list, page(1, 1), forged)).body.code).toBe(CODES.badSignature);
  });

  it("refuses a page size over 100, a missing pageParam and a body that is not JSON", async () => {
    expect((await send(OMS_PATHS.list, page(1, 101))).body).toMatchObject({ code: CODES.badValue, errors: [{ field: "pageSize" }] });
    expect((await send(OMS_PATHS.list, {})).body.code).toBe(CODES.missingField);
    expect((await send(OMS_PATHS.list, "not json")).body.code).toBe(CODES.badBody);
  });

  it("requires the create's fields and knows its warehouses", async () => {
    const missing = await send(OMS_PATHS.create, { itemDTOs: [] });
    expect(missing.body).toMatchObject({ code: CODES.missingField, success: false, data: null });
    expect(missing.body.errors.map((e: { field: string }) => e.field)).toEqual(["warehouseCode", "contactName"]);
    expect((await create({ itemDTOs: [{ productSku: "S", qty: "0" }] })).body.code).toBe(CODES.badValue);
    expect((await create({ warehouseCode: "NOPE" })).body).toMatchObject({ code: CODES.badValue, message: "仓库不存在" });
    const created = await create({ referenceNo: "R-1", pickupType: "2" });
    expect(created.body).toMatchObject({ success: true, data: { referenceNo: "R-1", status: 1, pickupType: 2, qty: 1 } });
    expect(created.body.data.orderNo).toMatch(/^RO\d+$/);
  });

  it("refuses impossible dates, a code2 that is not two capital letters and item codes that are not numeric, by its own reading", async () => {
    for (const [overrides, field] of [
      [{ pickupDate: "2024-02-31" }, "pickupDate"],
      [{ etaDate: "2019-02-29" }, "etaDate"],
      [{ code2: "gbr" }, "code2"],
      [{ itemDTOs: [{ productSku: "SKU-001", qty: "1", handleType: "x" }] }, "itemDTOs[0].handleType"],
    ] as const) {
      const { body } = await create(overrides);
      expect(body).toMatchObject({ success: false, code: CODES.badValue, errors: [{ field }] });
    }
    const leapDay = await create({ pickupDate: "2024-02-29", code2: "GB", itemDTOs: [{ productSku: "SKU-001", qty: "1", productQuality: "2" }] });
    expect(leapDay.body.success).toBe(true);
    const { body } = await send(OMS_PATHS.list, page(1, 1, { orderNo: leapDay.body.data.orderNo }));
    expect(body.data.list[0]).toMatchObject({ code2: "GB", itemDTOs: [{ productQuality: 2, handleType: -1 }] });
  });

  it("lists its warehouses as the Java client's WarehouseResponse, paged, and takes exactly those codes", async () => {
    const first = await send(OMS_PATHS.warehouses, page(1, 3));
    expect(first.body.data).toMatchObject({ pageNum: "1", totalCount: "4", totalPage: "2" });
    expect(first.body.data.list[0]).toEqual({
      warehouseCode: "USLAX01",
      province: "CA",
      city: "Los Angeles",
      openCountry: { name: "美国", nameEn: "United States", code2: "US" },
    });
    const second = await send(OMS_PATHS.warehouses, page(2, 3));
    const codes = [...first.body.data.list, ...second.body.data.list].map((w: { warehouseCode: string }) => w.warehouseCode);
    for (const warehouseCode of codes) expect((await create({ warehouseCode })).body.success).toBe(true);
    expect((await create({ warehouseCode: "NOWHERE" })).body.success).toBe(false);
  });

  it("updates before receipt and refuses an update or cancel after it with its error envelope", async () => {
    const { body } = await create();
    const orderNo = body.data.orderNo as string;
    expect((await send(OMS_PATHS.update, { remark: "x" })).body.code).toBe(CODES.missingField);
    expect((await send(OMS_PATHS.update, { orderNo: "RO0", remark: "x" })).body.code).toBe(CODES.notFound);
    const updated = await send(OMS_PATHS.update, {
      orderNo,
      remark: "changed",
      isSplitAsn: "1",
      attachmentOpenDTOs: [{ fileName: "a.pdf", base64: "JVBERi0=", attachmentType: "" }],
    });
    expect(updated.body).toMatchObject({ success: true, data: { orderNo, remark: "changed", isSplitAsn: 1 } });
    expect(Object.keys(updated.body.data)).not.toContain("itemDTOs");
    expect(emulator.attachments.get(orderNo)).toEqual([{ fileName: "a.pdf", attachmentType: "", bytes: 5 }]);
    expect((await send(OMS_PATHS.update, { orderNo, attachmentOpenDTOs: [{ fileName: "a.pdf", base64: "%%%" }] })).body.code).toBe(CODES.badValue);

    emulator.setStatus(orderNo, 3);
    const refused = await send(OMS_PATHS.update, { orderNo, remark: "too late" });
    expect(refused.body).toMatchObject({ code: CODES.cannotUpdate, success: false, data: null, errors: [] });
    expect(refused.body.message).toContain("不允许修改");
    const cancel = await send(OMS_PATHS.cancel, { orderNos: [orderNo] });
    expect(cancel.body).toMatchObject({ success: true, data: { totalQty: 1, successQty: 0, failQty: 1, successList: [], failList: [{ orderNo }] } });
    expect(cancel.body.data.failList[0].message).toContain("不允许取消");
    expect(emulator.orders.get(orderNo)).toMatchObject({ remark: "changed", status: 3 });
  });

  it("cancels a batch of orderNos, answering per order, and refuses the old single orderNo body", async () => {
    const first = (await create()).body.data.orderNo as string;
    const second = (await create()).body.data.orderNo as string;
    expect((await send(OMS_PATHS.cancel, { orderNo: first, cancelRemark: "kept" })).body).toMatchObject({
      code: CODES.missingField,
      success: false,
      errors: [{ field: "orderNos" }],
    });
    expect((await send(OMS_PATHS.cancel, { orderNos: [], cancelRemark: "kept" })).body.code).toBe(CODES.missingField);
    expect(emulator.orders.get(first)?.status).toBe(1);
    const { body } = await send(OMS_PATHS.cancel, { orderNos: [first, second, "RO0"], cancelRemark: "kept" });
    expect(body).toMatchObject({ success: true, data: { totalQty: 3, successQty: 2, failQty: 1, failList: [{ orderNo: "RO0" }] } });
    expect(body.data.successList.map((e: { orderNo: string }) => e.orderNo)).toEqual([first, second]);
    expect(emulator.orders.get(first)).toMatchObject({ status: -1, cancelType: 1, cancelRemark: "kept" });
    const again = await send(OMS_PATHS.cancel, { orderNos: [first] });
    expect(again.body).toMatchObject({ success: true, data: { successQty: 0, failQty: 1, failList: [{ orderNo: first }] } });
  });

  it("filters by the sibling lists' names only: old names leave the list unfiltered", async () => {
    const total = emulator.orders.size;
    const count = async (filter: Record<string, unknown>) => (await send(OMS_PATHS.list, page(1, 100, filter))).body;
    const seed = emulator.orders.get(SEED_NO)!;
    for (const old of [
      { createTimeStart: "2999-01-01 00:00:00" },
      { trackingNo: String(seed["trackingNo"]) },
      { outboundOrderNo: String(seed["outboundOrderNo"]) },
    ]) {
      expect((await count(old)).data.totalCount).toBe(String(total));
    }
    expect((await count({ startCreateTime: "2999-01-01 00:00:00" })).data.totalCount).toBe("0");
    expect((await count({ endUpdateTime: "2000-01-01 00:00:00" })).data.totalCount).toBe("0");
    expect((await count({ referenceNo: "REF-20001" })).data.list.map((o: { referenceNo: string }) => o.referenceNo)).toEqual(["REF-20001"]);
    const batch = await count({ orderNos: [SEED_NO, "RO0"], referenceNos: [String(seed["referenceNo"])] });
    expect(batch.data.list.map((o: { orderNo: string }) => o.orderNo)).toEqual([SEED_NO]);
    expect((await count({ referenceNos: ["REF-20001", "REF-20002"] })).data.totalCount).toBe("2");
  });

  it("refuses a create window beside an update window, a time in another format and a batch that is not a list", async () => {
    const both = await send(OMS_PATHS.list, page(1, 10, { startCreateTime: "2025-01-01 00:00:00", endUpdateTime: "2025-02-01 00:00:00" }));
    expect(both.body).toMatchObject({ code: CODES.badValue, success: false, errors: [{ field: "startUpdateTime" }] });
    expect((await send(OMS_PATHS.list, page(1, 10, { startCreateTime: "2025-01-01" }))).body).toMatchObject({
      code: CODES.badValue,
      errors: [{ field: "startCreateTime" }],
    });
    expect((await send(OMS_PATHS.list, page(1, 10, { orderNos: SEED_NO }))).body).toMatchObject({ code: CODES.badValue, errors: [{ field: "orderNos" }] });
  });
});

describe("OMS client reads the envelope", () => {
  let running: RunningEmulator;
  const faults = new FaultSwitch();
  const emulator = createOmsEmulator({ ...credentials, generated: 3, before: [faults.middleware()] });
  const http = () => new ProviderHttp("OMS", "default", { ...DEFAULT_HTTP_POLICY, readRetries: 2, timeoutMs: 2_000 }, createLogger("silent"));
  beforeAll(async () => {
    running = await listenOnLoopback(emulator.app);
  });
  afterAll(async () => {
    await running.close();
  });

  it("turns a refusal into ProviderRejected with the code, the message and the errors", async () => {
    const client = new OmsClient({ ...credentials, baseUrl: running.url }, http());
    const error = await client.call(OMS_PATHS.create, { itemDTOs: [{ productSku: "S", qty: "1" }] }, { idempotent: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderRejectedError);
    expect(error).toMatchObject({
      provider: "OMS",
      providerCode: CODES.missingField,
      providerMessage:
        "参数校验失败; warehouseCode: warehouseCode不能为空 (warehouseCode is required); contactName: contactName不能为空 (contactName is required)",
    });
    const wrongKey = new OmsClient({ ...credentials, apiSecret: "nope", baseUrl: running.url }, http());
    await expect(wrongKey.call(OMS_PATHS.list, { commonParam: { pageParam: { pageNum: 1, pageSize: 1 } } }, { idempotent: true })).rejects.toMatchObject({
      providerCode: CODES.badSignature,
    });
  });

  it("retries a read with a fresh token: a retried nonce would be refused", async () => {
    const client = new OmsClient({ ...credentials, baseUrl: running.url }, http());
    const hits = faults.hits;
    faults.set("5xx", { times: 1, when: (r) => r.url === OMS_PATHS.list });
    const data = (await client.call(OMS_PATHS.list, { commonParam: { pageParam: { pageNum: 1, pageSize: 10 } } }, { idempotent: true })) as { list: unknown[] };
    faults.clear();
    expect(data.list).toHaveLength(4);
    // the first attempt met the 503, the retry (with a new nonce) was accepted
    expect(faults.hits - hits).toBe(1);
    expect(emulator.calls.at(-1)?.code).toBe("20000");
  });

  it("turns garbage and non-envelopes into ProviderUnavailable", async () => {
    const server = createServer((req, res) => {
      res.setHeader("content-type", "application/json");
      res.end(req.url === "/open/return-order-data/list" ? '{"code":"20000"}' : "<html>oops</html>");
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const client = new OmsClient({ ...credentials, baseUrl: url }, http());
    await expect(client.call(OMS_PATHS.update, {}, { idempotent: false })).rejects.toBeInstanceOf(ProviderUnavailableError);
    await expect(client.call(OMS_PATHS.list, {}, { idempotent: false })).rejects.toMatchObject({ reason: "the answer is not an OMS envelope" });
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  });
});
