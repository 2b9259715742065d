import { describe, expect, it } from "vitest";
import createErrors from "../../../src/demo/winit/fixtures/seed-002-create-errors.json" with { type: "json" };
import createRequest from "../../../src/demo/winit/fixtures/seed-002-create-request.json" with { type: "json" };
import createResponse from "../../../src/demo/winit/fixtures/seed-002-create-response.json" with { type: "json" };
import queryResponse from "../../../src/demo/winit/fixtures/seed-003-query-response.json" with { type: "json" };
import { groupByCreationWindow } from "../../../src/providers/winit/lookup-plan.js";
import { parseCreateAnswer, parseOrder, parseWinitTime, toCreateRequest, toListRequest, winitDate, type WinitWireOrder } from "../../../src/providers/winit/mapper.js";
import { WINIT_STATUS_TABLE, winitStatus } from "../../../src/providers/winit/status.js";

describe("WINIT mapper: seed 003 (queryReturnOderList answer)", () => {
  const wire = queryResponse.data.list[0] as unknown as WinitWireOrder;
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
    expect(order.updatedAt).toBeNull();
  });

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
      orderedGoods: [
        {
          merchandiseCode: "A8382021",
          merchandiseSerno: "M010000000001695223",
          itemSerno: null,
          nameEn: "655 USB-C Hub (8-in-1)",
          nameCn: "655 USB-C Hub (8-in-1)",
          quantity: 1,
          grade: null,
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
          quantity: 1,
          grade: "GOOD",
          handleStrategy: "GOOD_SA",
          shelveMethod: null,
          imageUrls: ["http://127.0.0.1:9999", "http://127.0.0.1:9999/file", "http://127.0.0.1:9999/file"],
        },
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
    expect(parseCreateAnswer(createResponse.data)).toEqual({
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
