import { capabilityLookup, type ApiAbilities, type StatusTable } from "../kit/status-table.js";

/**
 * The OMS's numeric `status` codes, read by the API's own convention (every sibling module of the
 * same API: -2 异常, -1 已取消, 1 草稿, 2 待审核, 3 已审核, and no 0). The return module publishes
 * none of its own, so only status 1 is confirmed, by seed 000 (the OMS's return-order page updates
 * an order in status 1). The steps after review are not published: they offer nothing, so a guess
 * can only refuse an operation, never send one the OMS would take for something else.
 */
export const OMS_STATUS_TABLE: StatusTable = {
  "-2": { status: "EXCEPTION", label: "异常 exception", canUpdate: false, canCancel: false, evidence: "inferred" },
  "-1": { status: "CANCELLED", label: "已取消 cancelled", canUpdate: false, canCancel: false, evidence: "inferred" },
  "1": { status: "DRAFT", label: "草稿 draft", canUpdate: true, canCancel: true, evidence: "confirmed" },
  "2": { status: "OPEN", label: "待审核 waiting for review", canUpdate: true, canCancel: true, evidence: "inferred" },
  "3": { status: "OPEN", label: "已审核 reviewed", canUpdate: false, canCancel: false, evidence: "inferred" },
  "4": { status: "RECEIVED", label: "received by the warehouse", canUpdate: false, canCancel: false, evidence: "inferred" },
  "5": { status: "COMPLETED", label: "finished", canUpdate: false, canCancel: false, evidence: "inferred" },
};

export const OMS_ABILITIES: ApiAbilities = { name: "The OMS", update: true, cancel: true };

export function omsLabel(code: string): string {
  return OMS_STATUS_TABLE[code]?.label ?? "unknown";
}

/** Asked for each order of a list page: worked out once per code. */
export const omsCapabilities = capabilityLookup(OMS_STATUS_TABLE, OMS_ABILITIES);
