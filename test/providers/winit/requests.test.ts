import { describe, expect, it } from "vitest";
import createRequest from "../../../src/demo/winit/fixtures/seed-002-create-request.json" with { type: "json" };
import { toCreateRequest, toListRequest } from "../../../src/providers/winit/requests.js";
import { createViolations } from "../../../src/providers/winit/rules.js";
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

describe("WINIT create request", () => {
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
