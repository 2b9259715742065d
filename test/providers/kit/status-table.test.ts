import { describe, expect, it } from "vitest";
import { capabilitiesOf, codesOf, codesWhere, unifiedStatus, type StatusTable } from "../../../src/providers/kit/status-table.js";

const TABLE: StatusTable = {
  A: { status: "OPEN", label: "open", canUpdate: true, canCancel: true, evidence: "confirmed" },
  B: { status: "RECEIVED", label: "received", canUpdate: false, canCancel: false, evidence: "inferred" },
};

describe("status tables", () => {
  it("maps codes to unified statuses, unknown codes to UNKNOWN", () => {
    expect(unifiedStatus(TABLE, "A")).toBe("OPEN");
    expect(unifiedStatus(TABLE, "Z")).toBe("UNKNOWN");
    expect(codesOf(TABLE, ["RECEIVED"])).toEqual(["B"]);
    expect(codesWhere(TABLE, "canCancel")).toEqual(["A"]);
  });

  it("offers what the status and the API allow, with a reason for each refusal", () => {
    expect(capabilitiesOf(TABLE, "A", { name: "P", update: true, cancel: true })).toEqual({
      canUpdate: true,
      canCancel: true,
      reasons: [],
      updateBlockedReason: null,
      cancelBlockedReason: null,
    });
    expect(capabilitiesOf(TABLE, "A", { name: "P", update: false, cancel: true })).toMatchObject({
      canUpdate: false,
      canCancel: true,
      reasons: ["P's API cannot change a return order after it is created."],
      updateBlockedReason: "P's API cannot change a return order after it is created.",
      cancelBlockedReason: null,
    });
    expect(capabilitiesOf(TABLE, "B", { name: "P", update: true, cancel: true })).toMatchObject({
      reasons: ["P changes only orders in status A; this one is B.", "P cancels only orders in status A; this one is B."],
      updateBlockedReason: "P changes only orders in status A; this one is B.",
      cancelBlockedReason: "P cancels only orders in status A; this one is B.",
    });
  });

  it("offers nothing on an unknown status, and says so once", () => {
    const unknown = capabilitiesOf(TABLE, "Z", { name: "P", update: true, cancel: true });
    expect(unknown).toMatchObject({ canUpdate: false, canCancel: false });
    expect(unknown.reasons).toEqual(["Status Z is not known to this version, so nothing is offered on it."]);
  });
});
