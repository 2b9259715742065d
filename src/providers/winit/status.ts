import { capabilityLookup, unifiedStatus, type StatusTable } from "../kit/status-table.js";
import type { ReturnOrderStatus } from "../../returns/model.js";

/**
 * WINIT's status codes: seed 003 lists all but DT, which comes from a public client's list of the
 * same codes (docs/providers/winit.md). No source says which statuses `voidOrder` accepts; only
 * orders nobody has picked up yet are offered, and WINIT's own refusal stays the last word.
 */
export const WINIT_STATUS_TABLE: StatusTable = {
  PD: { status: "DRAFT", label: "draft", canUpdate: false, canCancel: true, evidence: "confirmed" },
  OD: { status: "OPEN", label: "ordered", canUpdate: false, canCancel: true, evidence: "confirmed" },
  LC: { status: "IN_TRANSIT", label: "label fetched", canUpdate: false, canCancel: true, evidence: "confirmed" },
  PC: { status: "IN_TRANSIT", label: "picked up", canUpdate: false, canCancel: false, evidence: "confirmed" },
  RE: { status: "RECEIVED", label: "received", canUpdate: false, canCancel: false, evidence: "confirmed" },
  WP: { status: "PROCESSING", label: "awaiting the seller", canUpdate: false, canCancel: false, evidence: "confirmed" },
  HI: { status: "PROCESSING", label: "warehouse handling", canUpdate: false, canCancel: false, evidence: "confirmed" },
  OC: { status: "COMPLETED", label: "completed", canUpdate: false, canCancel: false, evidence: "confirmed" },
  DT: { status: "COMPLETED", label: "destroyed", canUpdate: false, canCancel: false, evidence: "inferred" },
  CD: { status: "CANCELLED", label: "cancelled", canUpdate: false, canCancel: false, evidence: "confirmed" },
  VO: { status: "CANCELLED", label: "voided", canUpdate: false, canCancel: false, evidence: "confirmed" },
  STOP: { status: "EXCEPTION", label: "stopped", canUpdate: false, canCancel: false, evidence: "confirmed" },
};

/** WINIT has an API to void a return order, none to change one. */
const WINIT_API = { name: "WINIT", update: false, cancel: true } as const;

export function winitStatus(code: string): ReturnOrderStatus {
  return unifiedStatus(WINIT_STATUS_TABLE, code);
}

export const winitCapabilities = capabilityLookup(WINIT_STATUS_TABLE, WINIT_API);
