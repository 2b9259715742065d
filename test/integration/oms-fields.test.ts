import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OmsEmulator } from "../../src/demo/oms/emulator.js";
import { OMS_EMULATOR_WAREHOUSE_CODES } from "../../src/demo/oms/emulator.js";
import { OMS_PATHS } from "../../src/providers/oms/client.js";
import {
  OmsFieldsCreateDocument,
  OmsFieldsReadDocument,
  OmsFieldsSearchDocument,
  OmsFieldsUpdateDocument,
  type OmsFieldsOrderFragment,
  type ReturnOrderCreateInput,
} from "../generated/graphql.js";
import { startTestApp, type TestApp } from "../helpers/app.js";

// Every field the OMS takes, set through GraphQL and read back through GraphQL (issue 17).

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]).toString("base64");
const PDF = Buffer.from("%PDF-1.4\n% a tiny pdf\n").toString("base64");

const everyField = (): ReturnOrderCreateInput => ({
  provider: "OMS",
  warehouseCode: "UKLON01",
  referenceNo: `REF-F-${Date.now()}`,
  outboundOrderNo: "OB-F-1",
  trackingNumber: "TRK-F-1",
  remark: "every field",
  sender: {
    name: "Ann Smith",
    company: "Smith Ltd",
    phone: "020 7946 0000",
    mobile: "07700 900000",
    email: "ann@example.com",
    country: "gb",
    province: "England",
    city: "London",
    district: "Camden",
    houseNo: "221B",
    address1: "Baker Street",
    postcode: "NW1 6XE",
  },
  lines: [
    { sku: "SKU-A", quantity: 2, remark: "box dented" },
    { sku: "SKU-B", quantity: 1 },
  ],
  oms: {
    signatureNo: `SIG-F-${Date.now()}`,
    pickupType: "2",
    pickupDate: "2024-02-29",
    etaDate: "2024-03-04",
    returnType: "2",
    isSplitAsn: "1",
    handleAdvice: "inspect first",
    attachments: [{ fileName: "photo.png", base64: PNG, attachmentType: "OTHER" }],
    lines: [{ sku: "SKU-A", productQuality: "2", handleType: "3" }],
  },
});

describe("OMS: every settable field through GraphQL, both ways", () => {
  let app: TestApp;
  let oms: OmsEmulator;
  beforeAll(async () => {
    app = await startTestApp();
    oms = app.emulators.OMS as OmsEmulator;
  });
  afterAll(async () => {
    await app.close();
  });

  const create = async (input: ReturnOrderCreateInput): Promise<OmsFieldsOrderFragment> => {
    const { data, errors } = await app.gql(OmsFieldsCreateDocument, { input });
    expect(errors).toBeUndefined();
    const result = data!.returnOrderCreate;
    if (result.__typename !== "ReturnOrderCreated") throw new Error(JSON.stringify(result));
    return result.returnOrder;
  };
  const read = async (id: string) => {
    const { data, errors } = await app.gql(OmsFieldsReadDocument, { id });
    expect(errors).toBeUndefined();
    return data!.returnOrder!;
  };

  it("creates with every field and reads each one back: item codes, attachments' names and types, the country as code2", async () => {
    const input = everyField();
    const created = await create(input);
    for (const order of [created, await read(created.id)]) {
      expect(order).toMatchObject({
        referenceNo: input.referenceNo,
        outboundOrderNo: "OB-F-1",
        warehouseCode: "UKLON01",
        trackingNumber: "TRK-F-1",
        remark: "every field",
        sender: { ...input.sender, country: "GB" },
        lines: [
          { sku: "SKU-A", quantity: 2, remark: "box dented" },
          { sku: "SKU-B", quantity: 1, remark: null },
        ],
        details: {
          __typename: "OmsReturnDetails",
          signatureNo: input.oms!.signatureNo,
          pickupType: "2",
          pickupDate: "2024-02-29",
          etaDate: "2024-03-04",
          returnType: "2",
          isSplitAsn: "1",
          handleAdvice: "inspect first",
          items: [
            { sku: "SKU-A", quantity: 2, productQuality: "2", handleType: "3", remark: "box dented" },
            { sku: "SKU-B", quantity: 1, productQuality: "-1", handleType: "-1" },
          ],
          attachments: [{ fileName: "photo.png", attachmentType: "OTHER", fileType: "PNG" }],
        },
      });
    }
    const sent = oms.calls.filter((c) => c.path === OMS_PATHS.create).at(-1)!.body as Record<string, unknown>;
    expect(sent).toMatchObject({ code2: "GB", itemDTOs: [{ productSku: "SKU-A", productQuality: "2", handleType: "3" }, { productSku: "SKU-B" }] });
  });

  it("updates every field it can change and reads each one back", async () => {
    const created = await create(everyField());
    const sender = { name: "Bo Berg", country: "DE", city: "Frankfurt", address1: "Zeil 1", houseNo: "1", postcode: "60313" };
    const options = {
      signatureNo: "SIG-U-1",
      pickupType: "1",
      pickupDate: "2025-12-31",
      etaDate: "2026-01-02",
      returnType: "1",
      isSplitAsn: "-1",
      handleAdvice: "destroy",
    };
    const unified = { outboundOrderNo: "OB-U-1", warehouseCode: "DEFRA01", trackingNumber: "TRK-U-1", remark: "changed", sender };
    const { data } = await app.gql(OmsFieldsUpdateDocument, {
      id: created.id,
      input: {
        ...unified,
        referenceNo: `REF-U-${Date.now()}`,
        lines: [{ sku: "SKU-A", quantity: 3 }],
        oms: {
          ...options,
          attachments: [{ fileName: "label.pdf", base64: PDF, attachmentType: "SHIPMENT_LABEL" }],
          lines: [{ sku: "SKU-A", productQuality: "1", handleType: "2" }],
        },
      },
    });
    const result = data!.returnOrderUpdate;
    if (result.__typename !== "ReturnOrderUpdated") throw new Error(JSON.stringify(result));
    const expected = {
      ...unified,
      lines: [{ sku: "SKU-A", quantity: 3 }],
      details: { ...options, items: [{ sku: "SKU-A", quantity: 3, productQuality: "1", handleType: "2" }] },
    };
    const reread = await read(created.id);
    for (const order of [result.returnOrder, reread]) expect(order).toMatchObject(expected);
    expect(reread.details).toMatchObject({
      attachments: [
        { fileName: "photo.png", attachmentType: "OTHER", fileType: "PNG" },
        { fileName: "label.pdf", attachmentType: "SHIPMENT_LABEL", fileType: "PDF" },
      ],
    });
  });

  it("finds an order by its signatureNo exactly, and not by a part of it", async () => {
    const created = await create(everyField());
    const signatureNo = (created.details as { signatureNo: string }).signatureNo;
    const hit = await app.gql(OmsFieldsSearchDocument, { search: signatureNo });
    expect(hit.data!.returnOrders.nodes.map((n) => n.providerOrderNo)).toEqual([created.providerOrderNo]);
    const part = await app.gql(OmsFieldsSearchDocument, { search: signatureNo.slice(0, -1) });
    expect(part.data!.returnOrders.nodes).toEqual([]);
  });

  it("refuses impossible dates, a country that is not a two-letter code and item codes for a sku the order lacks, sending nothing", async () => {
    const before = oms.calls.length;
    const refused: [NonNullable<ReturnOrderCreateInput["oms"]>, string][] = [
      [{ pickupDate: "2024-02-31" }, "input.oms.pickupDate"],
      [{ etaDate: "2019-02-29" }, "input.oms.etaDate"],
      [{ lines: [{ sku: "NOPE", handleType: "1" }] }, "input.oms.lines.0.sku"],
      [{ lines: [{ sku: "SKU-A", productQuality: "good" }] }, "input.oms.lines.0.productQuality"],
    ];
    for (const [oms, path] of refused) {
      const { data } = await app.gql(OmsFieldsCreateDocument, { input: { ...everyField(), oms } });
      const result = data!.returnOrderCreate;
      if (result.__typename !== "InvalidInput") throw new Error(JSON.stringify(result));
      expect(result.violations.map((v) => v.field.join("."))).toEqual([path]);
    }
    const { data } = await app.gql(OmsFieldsCreateDocument, { input: { ...everyField(), sender: { name: "x", country: "GBR" } } });
    expect(data!.returnOrderCreate).toMatchObject({ __typename: "InvalidInput", violations: [{ field: ["input", "sender", "country"] }] });
    expect(oms.calls.length).toBe(before);
  });

  it("lists the account's warehouses from /open/common-data/warehouse-list, and create accepts every code it lists", async () => {
    const adapter = app.registry.get("OMS", "default")!;
    const warehouses = await adapter.warehouses!();
    expect(warehouses).toEqual([
      { code: "USLAX01", name: null, country: "US" },
      { code: "USNJ01", name: null, country: "US" },
      { code: "UKLON01", name: null, country: "GB" },
      { code: "DEFRA01", name: null, country: "DE" },
    ]);
    expect(warehouses.map((w) => w.code)).toEqual(OMS_EMULATOR_WAREHOUSE_CODES);
    for (const { code } of warehouses) {
      const order = await create({ ...everyField(), warehouseCode: code, oms: null });
      expect(order.warehouseCode).toBe(code);
    }
  });
});
