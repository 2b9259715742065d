import { describe, expect, it } from "vitest";
import createRequest from "../../../src/demo/winit/fixtures/seed-002-create-request.json" with { type: "json" };
import { toCreateRequest, toListRequest } from "../../../src/providers/winit/requests.js";
import { createViolations } from "../../../src/providers/winit/rules.js";
import { sentOf } from "../../../src/providers/winit/sent.js";
import type { CreateReturnOrderCommand } from "../../../src/returns/model.js";

/** A return of goods WINIT did not ship: by its return label, on a channel, with the parcel's measures. */
const LABEL = { winitProductCode: "OSF521006534", packageLength: 11.22, packageWidth: 11.12, packageHeight: 11.12, packageWeight: 0.61 };
const base: CreateReturnOrderCommand = {
  provider: "WINIT",
  account: "default",
  warehouseCode: "US0001",
  sender: { name: "n", country: "US", city: "c", postcode: "1", address1: "a" },
  lines: [{ sku: "A", quantity: 2 }],
  options: LABEL,
};
const fields = (command: CreateReturnOrderCommand) => createViolations(command).map((v) => v.field.join("."));

describe("WINIT create rules, checked before sending (seed 002)", () => {
  it("accepts a plain create", () => {
    expect(createViolations(base)).toEqual([]);
  });

  it("refuses what WINIT's create has no field for, naming the field", () => {
    const command = {
      ...base,
      reason: "r",
      remark: "m",
      lines: [{ sku: "A", quantity: 2, remark: "l" }],
      sender: { ...base.sender, company: "C", district: "D" },
    };
    expect(fields(command)).toEqual(["input.reason", "input.remark", "input.lines.0.remark", "input.sender.company", "input.sender.district"]);
  });

  it("needs goodMethod and defectiveMethod with WI, at the order or on the line", () => {
    expect(fields({ ...base, options: { ...LABEL, handleMethod: "WI" } })).toEqual(["input.winit.goodMethod", "input.winit.defectiveMethod"]);
    expect(fields({ ...base, options: { ...LABEL, handleMethod: "WI", goodMethod: "SA", defectiveMethod: "DE" } })).toEqual([]);
    expect(fields({ ...base, options: { ...LABEL, lines: [{ sku: "A", handleMethod: "WI", goodMethod: "SA" }] } })).toEqual([
      "input.winit.lines.0.defectiveMethod",
    ]);
  });

  it("needs one item barcode per unit when barcodes are given (02050240099)", () => {
    expect(fields({ ...base, options: { ...LABEL, lines: [{ sku: "A", itemCodes: ["S1"] }] } })).toEqual(["input.winit.lines.0.itemCodes"]);
    expect(fields({ ...base, options: { ...LABEL, lines: [{ sku: "A", itemCodes: ["S1", "S2"] }] } })).toEqual([]);
  });
});

describe("WINIT create rules added for issue 17", () => {
  it("returns goods WINIT did not ship only by its return label: the channel and all four parcel measures", () => {
    expect(fields({ ...base, options: null })).toEqual([
      "input.winit.winitProductCode",
      "input.winit.packageLength",
      "input.winit.packageWidth",
      "input.winit.packageHeight",
      "input.winit.packageWeight",
    ]);
    const outbound = { ...base, sender: null, outboundOrderNo: "WO1", options: null };
    expect(fields(outbound)).toEqual([]);
  });

  it("refuses an impossible batch date (2024-02-31) and takes a leap day", () => {
    expect(fields({ ...base, options: { ...LABEL, lines: [{ sku: "A", batchDate: "2024-02-31" }] } })).toEqual(["input.winit.lines.0.batchDate"]);
    expect(fields({ ...base, options: { ...LABEL, lines: [{ sku: "A", batchDate: "2024-02-29" }] } })).toEqual([]);
  });

  it("counts items with their own handling against the quantity, and takes items or itemCodes, not both", () => {
    const items = [{ itemCode: "S1", handleMethod: "DE" }];
    expect(fields({ ...base, options: { ...LABEL, lines: [{ sku: "A", items }] } })).toEqual(["input.winit.lines.0.items"]);
    expect(fields({ ...base, options: { ...LABEL, lines: [{ sku: "A", items: [...items, { itemCode: "S2" }], itemCodes: ["S1", "S2"] }] } })).toEqual([
      "input.winit.lines.0.items",
    ]);
  });

  it("refuses handling options that no line's handleMethod takes, rather than dropping them", () => {
    expect(fields({ ...base, options: { ...LABEL, handleMethod: "DE", shelveMethod: "GOOD_SA" } })).toEqual(["input.winit.shelveMethod"]);
    expect(fields({ ...base, options: { ...LABEL, lines: [{ sku: "A", goodMethod: "SA" }] } })).toEqual(["input.winit.lines.0.goodMethod"]);
    const mixed = {
      ...base,
      lines: [
        { sku: "A", quantity: 1 },
        { sku: "B", quantity: 1 },
      ],
      options: { ...LABEL, shelveMethod: "DEFECTIVE_SA", lines: [{ sku: "B", handleMethod: "WI", goodMethod: "SA", defectiveMethod: "NS" }] },
    };
    expect(fields(mixed)).toEqual([]);
  });

  it("refuses a reference longer than WINIT's customerOrderNo filter takes (it could never be found again)", () => {
    expect(fields({ ...base, referenceNo: "R".repeat(33) })).toEqual(["input.referenceNo"]);
    expect(fields({ ...base, referenceNo: "R".repeat(32) })).toEqual([]);
  });
});

describe("WINIT create request", () => {
  it("sends each item barcode with its own handling, the line's where it gives none, and reads back what was sent", () => {
    const command = {
      ...base,
      lines: [{ sku: "A", quantity: 2 }],
      options: {
        ...LABEL,
        vatNo: "GB123",
        ownerCode: "OWN",
        lines: [{ sku: "A", handleMethod: "WI", goodMethod: "SA", defectiveMethod: "NS", items: [{ itemCode: "S1", handleMethod: "DE" }, { itemCode: "S2" }] }],
      },
    };
    const data = toCreateRequest(command, "REF");
    expect(data).toMatchObject({ VATNo: "GB123", ownerCode: "OWN" });
    expect((data["ReturnGoodsList"] as Record<string, unknown>[])[0]!["itemCodeList"]).toEqual([
      { handleMethod: "DE", itemCode: "S1" },
      { handleMethod: "SA", itemCode: "S2" },
    ]);
    expect(sentOf(data)).toEqual({
      isWinitOutbound: false,
      userInfoSource: "IRI",
      winitProductCode: "OSF521006534",
      vatNo: "GB123",
      ownerCode: "OWN",
      packageLength: "11.22",
      packageWidth: "11.12",
      packageHeight: "11.12",
      packageWeight: "0.61",
      lines: [
        {
          sku: "A",
          quantity: 2,
          specification: null,
          productionBatch: null,
          batchDate: null,
          handleMethod: "WI",
          shelveMethod: null,
          goodMethod: "SA",
          defectiveMethod: "NS",
          items: [
            { itemCode: "S1", handleMethod: "DE" },
            { itemCode: "S2", handleMethod: "SA" },
          ],
        },
      ],
    });
  });

  it("still builds seed 002's literal request", () => {
    const data = toCreateRequest(
      {
        ...base,
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
          packageLength: 11.22,
          packageWidth: 11.12,
          packageHeight: 11.12,
          packageWeight: 0.61,
          lines: [{ sku: "auto_cargo_002", itemCodes: ["S50006200041141111"], handleMethod: "WI", goodMethod: "SA", defectiveMethod: "DE" }],
        },
      },
      null,
    );
    expect(data).toEqual(createRequest.data);
  });

  it("sends each line's own handling, defaulting to the order's", () => {
    const data = toCreateRequest(
      {
        ...base,
        lines: [
          { sku: "A", quantity: 1 },
          { sku: "B", quantity: 1 },
          { sku: "C", quantity: 1 },
        ],
        options: {
          handleMethod: "SA",
          shelveMethod: "DEFECTIVE_SA",
          lines: [
            { sku: "B", handleMethod: "DE" },
            { sku: "C", shelveMethod: "GOOD_SA" },
          ],
        },
      },
      "REF",
    );
    const lines = data["ReturnGoodsList"] as Record<string, unknown>[];
    expect(lines.map((l) => [l["productCode"], l["handleMethod"], l["shelveMethod"]])).toEqual([
      ["A", "SA", "DEFECTIVE_SA"],
      ["B", "DE", undefined],
      ["C", "SA", "GOOD_SA"],
    ]);
  });

  it("filters the list by rmaNo", () => {
    expect(toListRequest({ rmaNo: "9443591" }, new Date("2023-12-01T00:00:00Z"), new Date("2023-12-08T00:00:00Z"), 1, 20)).toMatchObject({ rmaNo: "9443591" });
  });
});
