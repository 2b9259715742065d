import { describe, expect, it } from "vitest";
import createErrors from "../../../src/demo/winit/fixtures/seed-002-create-errors.json" with { type: "json" };
import createRequest from "../../../src/demo/winit/fixtures/seed-002-create-request.json" with { type: "json" };
import createResponse from "../../../src/demo/winit/fixtures/seed-002-create-response.json" with { type: "json" };
import queryResponse from "../../../src/demo/winit/fixtures/seed-003-query-response.json" with { type: "json" };
import { groupByCreationWindow } from "../../../src/providers/winit/lookup-plan.js";
import { parseCreateAnswer, parseOrder } from "../../../src/providers/winit/mapper.js";
import { toCreateRequest, toListRequest } from "../../../src/providers/winit/requests.js";
import { WINIT_STATUS_TABLE, winitCapabilities, winitStatus } from "../../../src/providers/winit/status.js";
import { parseWinitTime, winitDate } from "../../../src/providers/winit/time.js";
import { winitCreateAnswerSchema, type WinitRawOrder } from "../../../src/providers/winit/wire.js";

describe("WINIT mapper: seed 003 (queryReturnOderList answer)", () => {
  const wire = queryResponse.data.list[0] as WinitRawOrder;
  const order = parseOrder(wire, "default");

  it("maps the unified fields", () => {
    expect(order).toMatchObject({
      provider: "WINIT",
      account: "default",
      providerOrderNo: "RT16000000005910CN",
      referenceNo: null,
      outboundOrderNo: "WO0000084535",
      status: "COMPLETED",
      providerStatus: "OC",
      warehouseCode: "US0001",
      trackingNumber: "9985473210489",
      reason: "Buyer return",
      sender: { name: "anita zhou" },
      totalQuantity: 1,
      receivedQuantity: 1,
    });
    expect(order.lines).toEqual([
      { sku: "A8382021", quantity: 1, receivedQuantity: 1, goodQuantity: 1, defectiveQuantity: 0, productName: "655 USB-C Hub (8-in-1)", remark: null },
    ]);
  });

  it("reads WINIT's local times as China Standard Time (+08:00)", () => {
    expect(order.createdAt?.toISOString()).toBe("2023-12-08T04:00:58.000Z");
    expect(order.completedAt?.toISOString()).toBe("2023-12-08T08:10:11.000Z");
  });

  it("takes no update time from processTime (a held order's first value-added service): the latest reported event is the last change", () => {
    expect(order.updatedAt?.toISOString()).toBe("2023-12-08T08:10:11.000Z");
    const held = parseOrder({ ...wire, status: "WP", completeTime: null, processTime: "2023-12-08 13:00:00", allVasOrderCompletedTime: null }, "default");
    expect(held.updatedAt?.toISOString()).toBe("2023-12-08T05:00:00.000Z");
    const completedLater = parseOrder({ ...wire, processTime: "2023-12-08 13:00:00" }, "default");
    expect(completedLater.updatedAt?.toISOString()).toBe("2023-12-08T08:10:11.000Z");
  });

  it("keeps processTime and allVasOrderCompletedTime in the details", () => {
    const vas = parseOrder({ ...wire, processTime: "2023-12-08 13:00:00", allVasOrderCompletedTime: "2023-12-08 15:30:00" }, "default");
    expect(vas.details).toMatchObject({ processTime: "2023-12-08T05:00:00.000Z", allVasOrderCompletedTime: "2023-12-08T07:30:00.000Z" });
    expect(vas.updatedAt?.toISOString()).toBe("2023-12-08T08:10:11.000Z");
  });

  it("routes the deprecated goods handleMethod to the field its value belongs to", () => {
    const details = order.details as unknown as { orderedGoods: Record<string, unknown>[]; shelvedGoods: Record<string, unknown>[] };
    expect(details.orderedGoods[0]).toMatchObject({ handleMethod: "WI", handleStrategy: "WI", shelveMethod: null });
    expect(details.shelvedGoods[0]).toMatchObject({ handleMethod: "GOOD_SA", handleStrategy: null, shelveMethod: "GOOD_SA" });
    const actual = parseOrder(
      { ...wire, shelveGoodsList: [{ merchandiseCode: "A", handleMethod: "DEFECTIVE_SA", handleStrategy: "SA", shelveMethod: "DEFECTIVE_SA" }] },
      "default",
    );
    expect((actual.details as unknown as typeof details).shelvedGoods[0]).toMatchObject({ handleStrategy: "SA", shelveMethod: "DEFECTIVE_SA" });
  });

  it("reads no reference from the answer: WINIT's query answer has no customerOrderNo", () => {
    expect(parseOrder({ ...wire, customerOrderNo: "SO-1" } as WinitRawOrder, "default").referenceNo).toBeNull();
  });

  it("reads label and photo lists sent as one text (the SDK's String) as URLs", () => {
    const texts = parseOrder(
      { ...wire, mdImageList: "http://a/1,http://a/2", shelveGoodsList: [{ merchandiseCode: "A", confirmQty: 1, imageList: "http://a/3" }] },
      "default",
    );
    expect(texts.details).toMatchObject({ labelImageUrls: ["http://a/1", "http://a/2"], shelvedGoods: [{ imageUrls: ["http://a/3"] }] });
  });

  it("reads one odd field as absent, and a goods list that is not a list as the provider's fault", () => {
    const odd = parseOrder({ ...wire, warehouseCode: { code: "US0001" }, confirmQty: "x" } as WinitRawOrder, "default");
    expect(odd).toMatchObject({ providerOrderNo: "RT16000000005910CN", warehouseCode: null, totalQuantity: 1 });
    expect(() => parseOrder({ ...wire, orderGoodsList: { first: {} } } as unknown as WinitRawOrder, "default")).toThrow();
    expect(winitCreateAnswerSchema.safeParse({ returnGoodsOrderNo: 1 }).success).toBe(false);
  });

  /** What seed 003's example says of the product on both goods lists. */
  const REGISTERED = {
    specification: null,
    originalMerchandiseCode: null,
    originalMerchandiseSerno: null,
    ownerCode: null,
    skuCodeThird: null,
    skuType: "SINGLE",
    standardPartsNum: 1,
    managementType: "SKU",
    inventoryAttribute: [],
  };

  it("keeps every WINIT-only field in WinitReturnDetails", () => {
    expect(order.details).toEqual({
      __typename: "WinitReturnDetails",
      rmaNo: "9443591",
      returnAddress: null,
      isReturnLabel: false,
      labelImageUrls: ["http://127.0.0.1:9999", "http://127.0.0.1:9999/file", "http://127.0.0.1:9999/file"],
      handleStrategy: null,
      shelveMethod: null,
      originCode: "OR",
      returnReasonCode: "BR",
      customerExpressNo: "9985473210489",
      sellerOrderNo: "1428543289948930650",
      buyerName: "anita zhou",
      processTime: null,
      allVasOrderCompletedTime: null,
      orderedGoods: [
        {
          merchandiseCode: "A8382021",
          merchandiseSerno: "M010000000001695223",
          itemSerno: null,
          nameEn: "655 USB-C Hub (8-in-1)",
          nameCn: "655 USB-C Hub (8-in-1)",
          ...REGISTERED,
          confirmWidth: "5",
          confirmLength: "7",
          confirmHeight: "3",
          confirmVolume: "0.000105",
          confirmWeight: "0.23",
          quantity: 1,
          grade: null,
          handleMethod: "WI",
          handleStrategy: "WI",
          shelveMethod: null,
          imageUrls: [],
        },
      ],
      shelvedGoods: [
        {
          merchandiseCode: "A8382021",
          merchandiseSerno: "M010000000001695223",
          itemSerno: null,
          nameEn: "655 USB-C Hub (8-in-1)",
          nameCn: "655 USB-C Hub (8-in-1)",
          ...REGISTERED,
          confirmWidth: "14.1",
          confirmLength: "20.6",
          confirmHeight: "2.5",
          confirmVolume: "0.00072615",
          confirmWeight: "0.213",
          quantity: 1,
          grade: "GOOD",
          handleMethod: "GOOD_SA",
          handleStrategy: null,
          shelveMethod: "GOOD_SA",
          imageUrls: ["http://127.0.0.1:9999", "http://127.0.0.1:9999/file", "http://127.0.0.1:9999/file"],
        },
      ],
    });
  });

  it("reads every goods detail seed 003 documents: measures as their decimal text, inventory attributes as pairs", () => {
    const facts = {
      specification: "red / XL",
      originalMerchandiseCode: "OLD-A1",
      originalMerchandiseSerno: "M-OLD",
      ownerCode: "OWN1",
      skuCodeThird: "3P-1",
      skuType: "SUITE",
      standardPartsNum: 4,
      managementType: "SI",
    };
    const goods = {
      ...facts,
      merchandiseCode: "A1",
      confirmWidth: "14.10",
      confirmVolume: 0.00072615,
      inventoryAttribute: [{ tagName: "stockType", tagValue: "2B" }, { tagName: "stockOrg", tagValue: 7 }, "junk"],
      confirmQty: 1,
    };
    const read = parseOrder({ ...wire, orderGoodsList: [], shelveGoodsList: [goods] }, "default");
    expect((read.details as unknown as { shelvedGoods: unknown[] }).shelvedGoods[0]).toMatchObject({
      ...facts,
      confirmWidth: "14.10",
      confirmVolume: "0.00072615",
      inventoryAttribute: [
        { tagName: "stockType", tagValue: "2B" },
        { tagName: "stockOrg", tagValue: "7" },
      ],
    });
  });

  it("takes the shelved goods as lines when there are no ordered goods (delivery failed)", () => {
    const failed = parseOrder({ ...wire, orderGoodsList: [], retrunReason: "DF", status: "RE" }, "default");
    expect(failed.lines).toEqual([expect.objectContaining({ sku: "A8382021", quantity: 1, receivedQuantity: 1, goodQuantity: 1 })]);
    expect(failed.reason).toBe("Delivery failed");
    expect(failed.status).toBe("RECEIVED");
  });
});

describe("WINIT status table", () => {
  it.each([
    ["PD", "DRAFT"],
    ["OD", "OPEN"],
    ["LC", "IN_TRANSIT"],
    ["PC", "IN_TRANSIT"],
    ["RE", "RECEIVED"],
    ["WP", "PROCESSING"],
    ["HI", "PROCESSING"],
    ["OC", "COMPLETED"],
    ["DT", "COMPLETED"],
    ["CD", "CANCELLED"],
    ["VO", "CANCELLED"],
    ["STOP", "EXCEPTION"],
  ])("%s → %s", (code, status) => {
    expect(winitStatus(code)).toBe(status);
  });

  it("maps an unknown code to UNKNOWN and keeps the code", () => {
    expect(winitStatus("ZZ")).toBe("UNKNOWN");
    expect(parseOrder({ returnGoodsOrderNo: "RT1", status: "ZZ" }, "a")).toMatchObject({ status: "UNKNOWN", providerStatus: "ZZ" });
    expect(Object.keys(WINIT_STATUS_TABLE)).toHaveLength(12);
  });

  it("says which codes the public evidence confirms, and offers a cancel only before pick-up", () => {
    expect(
      Object.entries(WINIT_STATUS_TABLE)
        .filter(([, row]) => row.evidence === "inferred")
        .map(([code]) => code),
    ).toEqual(["DT"]);
    expect(winitCapabilities("OD")).toMatchObject({
      canUpdate: false,
      canCancel: true,
      reasons: ["WINIT's API cannot change a return order after it is created."],
    });
    expect(winitCapabilities("OC").reasons).toEqual([
      "WINIT's API cannot change a return order after it is created.",
      "WINIT cancels only orders in status PD, OD, LC; this one is OC.",
    ]);
    expect(winitCapabilities("ZZ")).toMatchObject({ canCancel: false });
  });
});

describe("WINIT mapper: seed 002 (createReturnGoodsOrder)", () => {
  it("builds seed 002's literal request data from the equivalent command", () => {
    const data = toCreateRequest(
      {
        provider: "WINIT",
        account: "default",
        warehouseCode: "US0001",
        sender: {
          name: "shane bellingham",
          email: "123567890@qq.com",
          phone: "0419 666990",
          country: "United States",
          province: "US",
          houseNo: "test",
          city: "Radeburg",
          postcode: "01471",
          address1: "Unti",
          address2: "TEST11",
        },
        lines: [{ sku: "auto_cargo_002", quantity: 1 }],
        options: {
          winitProductCode: "OSF521006534",
          isWinitOutbound: false,
          handleMethod: "WI",
          goodMethod: "SA",
          defectiveMethod: "DE",
          packageLength: 11.22,
          packageWidth: 11.12,
          packageHeight: 11.12,
          packageWeight: 0.61,
          lines: [{ sku: "auto_cargo_002", itemCodes: ["S50006200041141111"] }],
        },
      },
      null,
    );
    expect(data).toEqual(createRequest.data);
  });

  it("sends the seller reference as customerOrderNo and no sender as ORI", () => {
    const data = toCreateRequest(
      { provider: "WINIT", account: "a", warehouseCode: "US0001", outboundOrderNo: "WO1", lines: [{ sku: "S", quantity: 2 }], options: null },
      "REF-1",
    );
    expect(data).toMatchObject({ customerOrderNo: "REF-1", isWinitOutbound: "Y", userInfoSource: "ORI", outboundOrderNo: "WO1" });
    expect(data["name"]).toBeUndefined();
    expect(data["ReturnGoodsList"]).toEqual([{ handleMethod: "SA", productCode: "S", productNum: "2", specification: "" }]);
  });

  it("parses the create answer into the receipt", () => {
    expect(parseCreateAnswer(winitCreateAnswerSchema.parse(createResponse.data))).toEqual({
      __typename: "WinitReceipt",
      returnGoodsOrderNo: "RT16000000000211CN",
      rmaNo: "9742208",
      returnAddress: "Winit AU Trade Pty Ltd. Block A2, 391 Park Road #38977601 Regents Park New South Wales 2143 AU ",
    });
  });

  it("keeps the documented error examples as fixtures", () => {
    expect(createErrors.map((e) => e.code)).toEqual(["02050240094", "02050240099", "02050240097", "02050240098", "02050240124", "02010250344"]);
  });
});

describe("WINIT dates and windows", () => {
  it("parses and formats China time", () => {
    expect(parseWinitTime("2023-12-08 12:00:58")?.toISOString()).toBe("2023-12-08T04:00:58.000Z");
    expect(parseWinitTime("garbage")).toBeNull();
    expect(parseWinitTime(null)).toBeNull();
    expect(winitDate(new Date("2023-12-07T16:30:00Z"))).toBe("2023-12-08");
  });

  it("builds the list request with the required window and page parameters", () => {
    expect(toListRequest({ warehouseCode: "US0001" }, new Date("2023-12-01T00:00:00Z"), new Date("2023-12-08T00:00:00Z"), 2, 50)).toEqual({
      warehouseCode: "US0001",
      OderStartDatetime: "2023-12-01",
      OderEndDatetime: "2023-12-08",
      pageParams: { pageNo: 2, pageSize: 50 },
    });
  });

  it("groups known creation dates into windows and leaves unknown ones out", () => {
    const d = (s: string) => new Date(s);
    const groups = groupByCreationWindow(
      [
        { providerOrderNo: "A", createdAt: d("2024-01-01T00:00:00Z") },
        { providerOrderNo: "B", createdAt: d("2024-01-05T00:00:00Z") },
        { providerOrderNo: "C", createdAt: d("2024-03-01T00:00:00Z") },
        { providerOrderNo: "D", createdAt: null },
      ],
      7,
    );
    expect(groups.map((g) => g.numbers)).toEqual([["A", "B"], ["C"]]);
    expect(groups[0]!.to.toISOString()).toBe("2024-01-05T00:00:00.000Z");
  });
});
