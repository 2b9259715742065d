import type { ReturnOrderStatus } from "../../returns/model.js";
import { capabilityLookup, codesOf, unifiedStatus, type ApiAbilities, type StatusTable } from "../kit/status-table.js";

/**
 * Qianyi's return statuses as data. NEW, WAIT_STORAGE and FINISH are in seed 001; the full enum is
 * not public (the Go SDK publishes none). CLOSED (after CLOSE_RETURN_ORDER) is this adapter's and
 * its emulator's guess: a different real code lands on UNKNOWN with the code kept, and offers
 * nothing. NEW is a saved order nobody submitted yet (`autoCommit` false), hence DRAFT. Qianyi has
 * no service that changes an order, so no code allows an update.
 */
export const QIANYI_STATUS_TABLE: StatusTable = {
  NEW: { status: "DRAFT", label: "new, not yet submitted", canUpdate: false, canCancel: true, evidence: "confirmed" },
  WAIT_STORAGE: { status: "OPEN", label: "waiting to be received into storage", canUpdate: false, canCancel: true, evidence: "confirmed" },
  FINISH: { status: "COMPLETED", label: "finished", canUpdate: false, canCancel: false, evidence: "confirmed" },
  CLOSED: { status: "CANCELLED", label: "closed", canUpdate: false, canCancel: false, evidence: "inferred" },
};

export const QIANYI_CLOSED_STATUS = "CLOSED";

/** What Qianyi's API offers at all: create, close (its cancel), no change. */
export const QIANYI_ABILITIES: ApiAbilities = { name: "Qianyi", update: false, cancel: true };

export function qianyiStatus(code: string): ReturnOrderStatus {
  return unifiedStatus(QIANYI_STATUS_TABLE, code);
}

/** The Qianyi codes of unified statuses, for pushing a status filter down when it is exactly one code. */
export function qianyiCodesOf(statuses: readonly ReturnOrderStatus[]): string[] {
  return codesOf(QIANYI_STATUS_TABLE, statuses);
}

/** Asked for each order of a list page: worked out once per code. */
export const qianyiCapabilities = capabilityLookup(QIANYI_STATUS_TABLE, QIANYI_ABILITIES);
