import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WAREHOUSES } from "../../src/demo/winit/catalogue.js";
import { WINIT_ACTIONS } from "../../src/providers/winit/client.js";
import { WinitCreateDocument, WinitOrderDocument, WinitOrdersDocument, type ReturnOrderCreateInput, type WinitCreateMutation } from "../generated/graphql.js";
import { startTestApp, type TestApp } from "../helpers/app.js";

// Every field WINIT's create takes (seed 002), set through GraphQL and read back through GraphQL.

const LABEL = { winitProductCode: "OSF521006534", packageLength: 11.22, packageWidth: 11.12, packageHeight: 11.12, packageWeight: 0.61 };

/** A return of goods WINIT did not ship, by its return label: every order, line and item field WINIT takes. */
const labelReturn = (referenceNo: string): ReturnOrderCreateInput => ({
  provider: "WINIT",
  warehouseCode: "UK0002",
  referenceNo,
  sender: {
    name: "shane bellingham",
    email: "123567890@qq.com",
    phone: "0419 666990",
    country: "United Kingdom",
    province: "West Midlands",
    city: "Birmingham",
    postcode: "B24 8HJ",
    houseNo: "12",
    address1: "Tyburn Road",
    address2: "Unit 4",
  },
  lines: [
    { sku: "SKU-001", quantity: 2 },
    { sku: "SKU-002", quantity: 1 },
  ],
  winit: {
    ...LABEL,
    isWinitOutbound: false,
    vatNo: "GB123456789",
    ownerCode: "OWN-1",
    handleMethod: "SA",
    shelveMethod: "DEFECTIVE_SA",
    lines: [
      {
        sku: "SKU-001",
        specification: "red / XL",
        productionBatch: "B-7",
        batchDate: "2024-02-29",
        handleMethod: "WI",
        goodMethod: "SA",
        defectiveMethod: "NS",
        items: [{ itemCode: "S50006200041141111", handleMethod: "DE" }, { itemCode: "S50006200041141112" }],
      },
    ],
  },
});

type Created = Extract<WinitCreateMutation["returnOrderCreate"], { __typename: "ReturnOrderCreated" }>;
const created = (result: WinitCreateMutation["returnOrderCreate"] | undefined): Created => {
  if (result?.__typename !== "ReturnOrderCreated") throw new Error(`expected ReturnOrderCreated, got ${JSON.stringify(result)}`);
  return result;
};
const winitDetails = <T extends { details: { __typename: string } }>(order: T) => {
  if (order.details.__typename !== "WinitReturnDetails") throw new Error(order.details.__typename);
  return order.details as Extract<T["details"], { __typename: "WinitReturnDetails" }>;
};

describe("WINIT fields both ways through GraphQL (issue 17)", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  it("creates a return-label return with every field WINIT takes, sends each, and answers each back", async () => {
    const input = labelReturn(`RT-FIELDS-${Date.now()}`);
    const result = created((await app.gql(WinitCreateDocument, { input })).data?.returnOrderCreate);
    const sent = app.winit.calls.filter((c) => c.action === WINIT_ACTIONS.create).at(-1)!.data as Record<string, unknown>;
    expect(sent).toMatchObject({ VATNo: "GB123456789", ownerCode: "OWN-1", isWinitOutbound: "N", userInfoSource: "IRI", winitProductCode: "OSF521006534" });
    const details = winitDetails(result.returnOrder);
    expect(details.sent).toEqual({
      isWinitOutbound: false,
      userInfoSource: "IRI",
      winitProductCode: "OSF521006534",
      vatNo: "GB123456789",
      ownerCode: "OWN-1",
      packageLength: "11.22",
      packageWidth: "11.12",
      packageHeight: "11.12",
      packageWeight: "0.61",
      lines: [
        {
          sku: "SKU-001",
          quantity: 2,
          specification: "red / XL",
          productionBatch: "B-7",
          batchDate: "2024-02-29",
          handleMethod: "WI",
          shelveMethod: null,
          goodMethod: "SA",
          defectiveMethod: "NS",
          items: [
            { itemCode: "S50006200041141111", handleMethod: "DE" },
            { itemCode: "S50006200041141112", handleMethod: "SA" },
          ],
        },
        {
          sku: "SKU-002",
          quantity: 1,
          specification: null,
          productionBatch: null,
          batchDate: null,
          handleMethod: "SA",
          shelveMethod: "DEFECTIVE_SA",
          goodMethod: null,
          defectiveMethod: null,
          items: [],
        },
      ],
    });
    expect(result.receipt).toMatchObject({ __typename: "WinitReceipt", rmaNo: details.rmaNo, returnAddress: expect.stringContaining("UK0002") });
  });

  it("reads back by id what WINIT reports of such a create (reference, warehouse, lines, each line's handling, specification, owner code) and what it sent", async () => {
    const input = labelReturn(`RT-READ-${Date.now()}`);
    const { returnOrder } = created((await app.gql(WinitCreateDocument, { input })).data?.returnOrderCreate);
    const read = (await app.gql(WinitOrderDocument, { id: returnOrder.id })).data!.returnOrder!;
    expect(read).toMatchObject({
      referenceNo: input.referenceNo,
      warehouseCode: "UK0002",
      // WINIT reports the name only; the rest is what the create sent, kept by the subgraph.
      sender: input.sender,
      lines: [
        { sku: "SKU-001", quantity: 2 },
        { sku: "SKU-002", quantity: 1 },
      ],
    });
    const details = winitDetails(read);
    expect(details.isReturnLabel).toBe(true);
    // What WINIT never reports again (VAT number, parcel, each line's handling) is the create's answer, kept by the subgraph.
    expect(details.sent).toEqual(winitDetails(returnOrder).sent);
    expect(details.sent).toMatchObject({ vatNo: "GB123456789", packageWeight: "0.61", lines: [{ goodMethod: "SA", defectiveMethod: "NS" }, {}] });
    expect(details.returnAddress).toBe(winitDetails(returnOrder).returnAddress);
    expect(details.orderedGoods.map((g) => [g.merchandiseCode, g.handleStrategy, g.shelveMethod, g.specification, g.ownerCode])).toEqual([
      ["SKU-001", "WI", null, "red / XL", "OWN-1"],
      ["SKU-002", "SA", "DEFECTIVE_SA", null, "OWN-1"],
    ]);
    // Registered goods facts of the emulated account's catalogue, as seed 003's goods entries carry them.
    expect(details.orderedGoods[0]).toMatchObject({ skuType: "SINGLE", standardPartsNum: 1, confirmVolume: "0.000105", confirmWeight: "0.23" });
  });

  it("creates a return of a WINIT outbound order: the outbound number, tracking number and carrier go out, the recipient is the outbound order's", async () => {
    const input: ReturnOrderCreateInput = {
      provider: "WINIT",
      warehouseCode: "US0001",
      outboundOrderNo: "WO0969339140",
      trackingNumber: "1Z999AA10123456784",
      carrier: "UPS",
      lines: [{ sku: "SKU-003", quantity: 1 }],
      winit: { handleMethod: "DE" },
    };
    const result = created((await app.gql(WinitCreateDocument, { input })).data?.returnOrderCreate);
    const sent = app.winit.calls.filter((c) => c.action === WINIT_ACTIONS.create).at(-1)!.data as Record<string, unknown>;
    expect(sent).toMatchObject({
      isWinitOutbound: "Y",
      userInfoSource: "ORI",
      outboundOrderNo: "WO0969339140",
      expressNo: "1Z999AA10123456784",
      supplierName: "UPS",
    });
    expect(sent).not.toHaveProperty("name");
    expect(result.returnOrder).toMatchObject({ outboundOrderNo: "WO0969339140", trackingNumber: "1Z999AA10123456784" });
    expect(winitDetails(result.returnOrder).sent).toMatchObject({ isWinitOutbound: true, userInfoSource: "ORI", winitProductCode: null, vatNo: null });
    const read = (await app.gql(WinitOrderDocument, { id: result.returnOrder.id })).data!.returnOrder!;
    expect(read).toMatchObject({ outboundOrderNo: "WO0969339140", trackingNumber: "1Z999AA10123456784", carrier: "UPS" });
    expect(winitDetails(read).customerExpressNo).toBe("1Z999AA10123456784");
  });

  it("refuses a return of goods WINIT did not ship without the label's channel and parcel, and calls nobody", async () => {
    const before = app.winit.calls.length;
    const input = { ...labelReturn("RT-NO-LABEL"), winit: { handleMethod: "SA" } };
    const result = (await app.gql(WinitCreateDocument, { input })).data!.returnOrderCreate;
    if (result.__typename !== "InvalidInput") throw new Error(result.__typename);
    expect(result.violations.map((v) => v.field.join("."))).toEqual([
      "input.winit.winitProductCode",
      "input.winit.packageLength",
      "input.winit.packageWidth",
      "input.winit.packageHeight",
      "input.winit.packageWeight",
    ]);
    expect(app.winit.calls.length).toBe(before);
  });

  it("reads the seed order's goods details through GraphQL", async () => {
    const { data } = await app.gql(WinitOrdersDocument, { filter: { search: "RT16000000005910CN" }, first: 1 });
    const details = winitDetails(data!.returnOrders.nodes[0]!);
    expect(details.shelvedGoods[0]).toMatchObject({
      skuType: "SINGLE",
      managementType: "SKU",
      standardPartsNum: 1,
      confirmWidth: "14.1",
      confirmLength: "20.6",
      confirmHeight: "2.5",
      confirmVolume: "0.00072615",
      confirmWeight: "0.213",
      originalMerchandiseCode: null,
      skuCodeThird: null,
      inventoryAttribute: [],
    });
  });

  it("search matches sellerOrderNo and customerExpressNo exactly, and rmaNo by WINIT's own filter", async () => {
    const order = [...app.winit.orders.values()].find((o) => o.returnGoodsOrderNo !== "RT16000000005910CN")!;
    const search = async (term: string) =>
      (await app.gql(WinitOrdersDocument, { filter: { search: term, providers: ["WINIT"] }, first: 5 })).data!.returnOrders.nodes.map((n) => n.providerOrderNo);
    order["sellerOrderNo"] = "1428543289948939999";
    expect(await search("1428543289948939999")).toEqual([order.returnGoodsOrderNo]);
    order["customerExpressNo"] = "CUST-EXPRESS-1";
    expect(await search("CUST-EXPRESS-1")).toEqual([order.returnGoodsOrderNo]);
    expect(await search("142854328994893999")).toEqual([]);
    const before = app.winit.calls.length;
    expect(await search(String(order["rmaNo"]))).toEqual([order.returnGoodsOrderNo]);
    const filters = app.winit.calls.slice(before).map((c) => c.data as Record<string, unknown>);
    expect(filters.some((f) => f["rmaNo"] === order["rmaNo"])).toBe(true);
  });

  it("sends no search term longer than WINIT's String(32) filters take, and still matches it where WINIT cannot filter", async () => {
    const order = [...app.winit.orders.values()].find((o) => o.returnGoodsOrderNo !== "RT16000000005910CN")!;
    const long = "S".repeat(40);
    order["sellerOrderNo"] = long;
    const before = app.winit.calls.length;
    const { data, errors } = await app.gql(WinitOrdersDocument, { filter: { search: long, providers: ["WINIT"] }, first: 5 });
    expect(errors).toBeUndefined();
    expect(data!.returnOrders.nodes.map((n) => n.providerOrderNo)).toEqual([order.returnGoodsOrderNo]);
    const sentValues = app.winit.calls.slice(before).flatMap((c) => Object.values(c.data as Record<string, unknown>));
    expect(sentValues).not.toContain(long);
  });

  it("lists the account's warehouses from WINIT's queryWarehouse, each one a code returnOrderCreate accepts", async () => {
    const adapter = app.registry.get("WINIT", "default")!;
    const warehouses = await adapter.warehouses!();
    expect(warehouses).toEqual(WAREHOUSES.map((w) => ({ code: w.warehouseCode, name: w.warehouseName, country: null })));
    expect(app.winit.calls.at(-1)).toEqual({ action: "queryWarehouse", data: null });
    for (const { code } of warehouses) {
      const result = (await app.gql(WinitCreateDocument, { input: { ...labelReturn(`RT-WH-${code}-${Date.now()}`), warehouseCode: code } })).data!
        .returnOrderCreate;
      expect(result.__typename).toBe("ReturnOrderCreated");
    }
    const unknown = (await app.gql(WinitCreateDocument, { input: { ...labelReturn("RT-WH-XX"), warehouseCode: "XX9999" } })).data!.returnOrderCreate;
    expect(unknown).toMatchObject({ __typename: "ProviderRejected", providerCode: "02010250318" });
  });
});
