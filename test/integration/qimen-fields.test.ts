import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { QimenAdapter } from "../../src/providers/qimen/adapter.js";
import { QIMEN_METHODS } from "../../src/providers/qimen/client.js";
import { ProviderRejectedError } from "../../src/returns/errors.js";
import type { ProviderCreateCommand } from "../../src/returns/model.js";
import { CreateReturnOrderDocument, QimenFieldsDocument, ReturnOrdersDocument, type ReturnOrderCreateInput } from "../generated/graphql.js";
import { startTestApp, type TestApp } from "../helpers/app.js";

// Issue 17: every field a Qimen create takes goes out where seed 004 puts it and reads back
// through GraphQL; what seed 004 forbids is refused before anything is sent.

let counter = 0;
const unique = () => `${Date.now().toString(36)}${++counter}`;

/** A create with every field Qimen takes, each with a value of its own. */
function everyField(code = `ERP-RT-${unique()}`): ReturnOrderCreateInput {
  return {
    provider: "QIMEN",
    warehouseCode: "W1234",
    referenceNo: `SO-RT-${unique()}`,
    outboundOrderNo: `PD-RT-${unique()}`,
    carrier: "圆通",
    trackingNumber: `YT${unique()}`,
    reason: "破损退货",
    remark: "备注信息",
    sender: {
      name: "老王",
      company: "淘宝",
      phone: "81020340",
      mobile: "13214567869",
      email: "345@gmail.com",
      country: "CN",
      province: "浙江省",
      city: "杭州",
      district: "余杭",
      houseNo: "7",
      address1: "文一西路969号",
      address2: "3号楼 502",
      postcode: "043300",
    },
    lines: [
      { sku: "I1234", quantity: 2, remark: "box dented" },
      { sku: "I5678", quantity: 1 },
    ],
    qimen: {
      returnOrderCode: code,
      orderType: "HHRK",
      ownerCode: "HZ1234",
      logisticsCode: "YTO",
      orderFlags: ["VISIT", "SYNC_RETURN_BILL"],
      sourcePlatformCode: "TM",
      sourcePlatformName: "天猫",
      preDeliveryOrderId: "PDI1234",
      buyerNick: "买家",
      shopNick: "店铺名称",
      sellerNick: "卖家名称",
      senderTown: "横加桥",
      extendProps: [{ key: "shopId", value: "S-1" }],
      senderExtendProps: [{ key: "idType", value: "1" }],
      requestExtendProps: [
        { key: "key1", value: "v1" },
        { key: "key2", value: "v2" },
      ],
      lines: [
        {
          sku: "I1234",
          ownerCode: "HZ9999",
          itemId: "CK1234",
          inventoryType: "CC",
          batchCode: "P123",
          productDate: "2024-02-29",
          expireDate: "2026-02-28",
          produceCode: "P1234",
          serialNumbers: ["SN1", "SN2"],
          orderLineNo: "D1234",
          sourceOrderCode: "PD1224",
          subSourceOrderCode: "PL1234",
          orderFlags: ["SELLER_AFFORD"],
          returnReason: "错发",
          extendProps: [{ key: "lineKey", value: "L-1" }],
        },
      ],
    },
  };
}

describe("Qimen: every field both ways, and seed 004's rules before sending", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  }, 60_000);
  afterAll(async () => {
    await app?.close();
  });

  const createResult = async (input: ReturnOrderCreateInput, idempotencyKey?: string) => {
    const { data, errors } = await app.gql(CreateReturnOrderDocument, { input, idempotencyKey });
    expect(errors).toBeUndefined();
    return data!.returnOrderCreate;
  };
  const created = async (input: ReturnOrderCreateInput, idempotencyKey?: string) => {
    const result = await createResult(input, idempotencyKey);
    if (result.__typename !== "ReturnOrderCreated") throw new Error(`expected ReturnOrderCreated, got ${JSON.stringify(result)}`);
    return result;
  };
  const violationsOf = async (input: ReturnOrderCreateInput) => {
    const before = app.qimen.calls.length;
    const result = await createResult(input);
    if (result.__typename !== "InvalidInput") throw new Error(`expected InvalidInput, got ${JSON.stringify(result)}`);
    expect(app.qimen.calls.length).toBe(before);
    return result.violations.map((v) => v.field.join("."));
  };
  const createsOf = (code: string) => app.qimen.calls.filter((c) => c.method === QIMEN_METHODS.create && JSON.stringify(c.request).includes(code));

  it("creates with every settable field, sends each where seed 004 puts it, and reads every one back", async () => {
    const input = everyField();
    const code = input.qimen!.returnOrderCode!;
    const { returnOrder, receipt } = await created(input);
    expect(receipt).toMatchObject({ __typename: "QimenReceipt", returnOrderCode: code });

    const sent = app.qimen.orders.get(code)!.document as unknown as Record<string, Record<string, unknown>>;
    expect(sent["extendProps"]).toEqual({ key1: "v1", key2: "v2" });
    expect(sent["returnOrder"]).toMatchObject({
      returnOrderCode: code,
      logisticsCode: "YTO",
      orderFlag: "VISIT^SYNC_RETURN_BILL",
      extendProps: { shopId: "S-1" },
    });
    expect(sent["returnOrder"]!["senderInfo"]).toMatchObject({ town: "横加桥", detailAddress: "7 文一西路969号 3号楼 502", extendProps: { idType: "1" } });
    const sentLines = (sent["orderLines"] as unknown as { orderLine: Record<string, unknown>[] }).orderLine;
    expect(sentLines.map((l) => [l["orderFlag"], l["returnReason"], l["extendProps"]])).toEqual([
      ["SELLER_AFFORD", "错发", { lineKey: "L-1" }],
      ["VISIT^SYNC_RETURN_BILL", "破损退货", undefined],
    ]);

    const read = (await app.gql(QimenFieldsDocument, { id: returnOrder.id })).data!.returnOrder!;
    expect(read).toMatchObject({
      provider: "QIMEN",
      providerOrderNo: code,
      referenceNo: input.referenceNo,
      outboundOrderNo: input.outboundOrderNo,
      warehouseCode: "W1234",
      carrier: "圆通",
      trackingNumber: input.trackingNumber,
      reason: "破损退货",
      remark: "备注信息",
      totalQuantity: 3,
      // Qimen has one address field; the parts read back as given, not merged.
      sender: input.sender,
      lines: [
        { sku: "I1234", quantity: 2, remark: "box dented" },
        { sku: "I5678", quantity: 1, remark: null },
      ],
    });
    if (read.details.__typename !== "QimenReturnDetails") throw new Error(read.details.__typename);
    expect(read.details).toEqual({
      __typename: "QimenReturnDetails",
      returnOrderId: expect.stringMatching(/^RID/),
      orderType: "HHRK",
      orderFlags: ["VISIT", "SYNC_RETURN_BILL"],
      logisticsCode: "YTO",
      logisticsName: "圆通",
      preDeliveryOrderCode: input.outboundOrderNo,
      preDeliveryOrderId: "PDI1234",
      sourcePlatformCode: "TM",
      sourcePlatformName: "天猫",
      buyerNick: "买家",
      shopNick: "店铺名称",
      sellerNick: "卖家名称",
      ownerCode: "HZ9999",
      senderTown: "横加桥",
      extendProps: [{ key: "shopId", value: "S-1" }],
      senderExtendProps: [{ key: "idType", value: "1" }],
      requestExtendProps: [
        { key: "key1", value: "v1" },
        { key: "key2", value: "v2" },
      ],
      orderLines: [
        {
          orderLineNo: "D1234",
          ownerCode: "HZ9999",
          itemCode: "I1234",
          itemId: "CK1234",
          inventoryType: "CC",
          planQty: 2,
          batchCode: "P123",
          productDate: "2024-02-29",
          expireDate: "2026-02-28",
          produceCode: "P1234",
          serialNumbers: ["SN1", "SN2"],
          sourceOrderCode: "PD1224",
          subSourceOrderCode: "PL1234",
          orderFlags: ["SELLER_AFFORD"],
          returnReason: "错发",
          extendProps: [{ key: "lineKey", value: "L-1" }],
        },
        {
          orderLineNo: null,
          ownerCode: "HZ1234",
          itemCode: "I5678",
          itemId: null,
          inventoryType: "ZP",
          planQty: 1,
          batchCode: null,
          productDate: null,
          expireDate: null,
          produceCode: null,
          serialNumbers: [],
          sourceOrderCode: null,
          subSourceOrderCode: null,
          orderFlags: ["VISIT", "SYNC_RETURN_BILL"],
          returnReason: "破损退货",
          extendProps: [],
        },
      ],
    });
  });

  it("keeps the address parts, the town and the request's extendProps when the order is read back from the warehouse", async () => {
    const { returnOrder } = await created(everyField());
    const adapter = app.registry.get("QIMEN", "default") as QimenAdapter;
    const [stored] = await adapter.getMany([{ providerOrderNo: returnOrder.providerOrderNo, createdAt: null }]);
    const fresh = await adapter.refresh(stored!);
    expect(fresh.sender).toMatchObject({ houseNo: "7", address1: "文一西路969号", address2: "3号楼 502" });
    expect(fresh.details).toMatchObject({
      senderTown: "横加桥",
      requestExtendProps: [
        { key: "key1", value: "v1" },
        { key: "key2", value: "v2" },
      ],
    });
  });

  it("finds an order by the exact preDeliveryOrderCode (the original outbound order), not by a part of it", async () => {
    const input = everyField();
    const { returnOrder } = await created(input);
    const search = async (text: string) =>
      (await app.gql(ReturnOrdersDocument, { filter: { providers: ["QIMEN"], search: text }, first: 5 })).data!.returnOrders.nodes.map((n) => n.id);
    expect(await search(input.outboundOrderNo!)).toEqual([returnOrder.id]);
    expect(await search(input.outboundOrderNo!.slice(0, -1))).toEqual([]);
  });

  it("requires orderFlag and returnReason on every line, naming the field that would give each", async () => {
    const input = everyField();
    const lineWithout = { ...input.qimen!.lines![0]!, orderFlags: null, returnReason: null };
    expect(await violationsOf({ ...input, reason: null, qimen: { ...input.qimen!, orderFlags: null, lines: [lineWithout] } })).toEqual([
      "input.qimen.lines.0.returnReason",
      "input.qimen.lines.0.orderFlags",
      "input.reason",
      "input.qimen.orderFlags",
    ]);
  });

  it("takes only seed 004's carrier codes, days that exist, and values within the documented lengths", async () => {
    const input = everyField();
    const line = input.qimen!.lines![0]!;
    const cases: [ReturnOrderCreateInput, string][] = [
      [{ ...input, qimen: { ...input.qimen!, logisticsCode: "DHL" } }, "input.qimen.logisticsCode"],
      [{ ...input, qimen: { ...input.qimen!, lines: [{ ...line, productDate: "2024-02-31" }] } }, "input.qimen.lines.0.productDate"],
      [{ ...input, qimen: { ...input.qimen!, lines: [{ ...line, expireDate: "2019-02-30" }] } }, "input.qimen.lines.0.expireDate"],
      [{ ...input, qimen: { ...input.qimen!, sourcePlatformCode: "T".repeat(51) } }, "input.qimen.sourcePlatformCode"],
      [{ ...input, qimen: { ...input.qimen!, returnOrderCode: "R".repeat(51) } }, "input.qimen.returnOrderCode"],
      [{ ...input, trackingNumber: "Y".repeat(51) }, "input.trackingNumber"],
      [{ ...input, lines: [{ sku: "S".repeat(51), quantity: 1 }], qimen: { ...input.qimen!, lines: null } }, "input.lines.0.sku"],
      [{ ...input, qimen: { ...input.qimen!, extendProps: [{ key: "1st", value: "x" }] } }, "input.qimen.extendProps.0.key"],
      [
        {
          ...input,
          qimen: {
            ...input.qimen!,
            senderExtendProps: [
              { key: "a", value: "1" },
              { key: "a", value: "2" },
            ],
          },
        },
        "input.qimen.senderExtendProps.1.key",
      ],
    ];
    for (const [bad, field] of cases) expect(await violationsOf(bad)).toEqual([field]);
  });

  it("uses the caller's returnOrderCode once: a second unkeyed create under it is refused before sending", async () => {
    const input = everyField();
    const code = input.qimen!.returnOrderCode!;
    const first = await created(input);
    expect(first.returnOrder.providerOrderNo).toBe(code);
    expect(await violationsOf({ ...input, referenceNo: `SO-RT-${unique()}` })).toEqual(["input.qimen.returnOrderCode"]);
    expect(createsOf(code)).toHaveLength(1);
    expect(await violationsOf({ ...everyField(), qimen: { ...input.qimen!, returnOrderCode: "QR0123456789ABCDEF0123456789" } })).toEqual([
      "input.qimen.returnOrderCode",
    ]);
  });

  it("keeps the caller's returnOrderCode under an idempotency key: replayed, never created twice", async () => {
    const input = everyField();
    const code = input.qimen!.returnOrderCode!;
    const key = `qimen-own-code-${unique()}`;
    const first = await created(input, key);
    expect(await created(input, key)).toEqual(first);
    expect(first.returnOrder.providerOrderNo).toBe(code);
    expect(createsOf(code)).toHaveLength(1);
    // The attempt's token still travels as outBizCode; the caller's key never does.
    expect(app.qimen.orders.get(code)!.outBizCode).toMatch(/^[0-9A-F]{26}$/);
    expect(JSON.stringify(createsOf(code))).not.toContain(key);
    // The key is bound to its request, the code included.
    const other = await createResult({ ...input, qimen: { ...input.qimen!, returnOrderCode: `${code}-B` } }, key);
    expect(other).toMatchObject({ __typename: "IdempotencyConflict", code: "IDEMPOTENCY_CONFLICT" });
  });

  it("takes an order the warehouse holds under the caller's code as an attempt's only when it carries that attempt's token", async () => {
    const adapter = app.registry.get("QIMEN", "default") as QimenAdapter;
    const input = everyField();
    const command = { ...input, account: "default", options: input.qimen as Record<string, unknown> } as ProviderCreateCommand;
    const attempt = { token: "0123456789ABCDEF0123456789", startedAt: new Date() };
    const first = await adapter.create(command, attempt);
    // The same attempt again (its record was lost): the warehouse refuses the code, the order under it is this attempt's.
    expect((await adapter.create(command, attempt)).receipt).toEqual(first.receipt);
    expect(await adapter.findAttempt(command, attempt)).toEqual({
      orders: [expect.objectContaining({ providerOrderNo: first.order.providerOrderNo })],
      byToken: true,
    });
    // Another attempt under the same code did not make it: refused, and not taken for its own.
    const other = { token: "FEDCBA9876543210FEDCBA9876", startedAt: new Date() };
    await expect(adapter.create(command, other)).rejects.toBeInstanceOf(ProviderRejectedError);
    expect(await adapter.findAttempt(command, other)).toEqual({ orders: [], byToken: true });
    expect(createsOf(first.order.providerOrderNo)).toHaveLength(3);
    expect(app.qimen.orders.get(first.order.providerOrderNo)!.outBizCode).toBe(attempt.token);
    // A warehouse whose answer has no outBizCode (the query documents none): the order is an attempt's when it is what the attempt sent.
    delete app.qimen.orders.get(first.order.providerOrderNo)!.document.returnOrder.outBizCode;
    expect((await adapter.findAttempt(command, other)).orders).toHaveLength(1);
    const otherGoods = { ...command, lines: [{ sku: "I1234", quantity: 5 }] };
    expect(await adapter.findAttempt(otherGoods, other)).toEqual({ orders: [], byToken: true });
  });
});
