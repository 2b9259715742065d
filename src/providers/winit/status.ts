import type { ReturnOrderStatus } from "../../returns/model.js";

/** WINIT's status codes (seed 003; DT from another public client) as data. */
export const WINIT_STATUS_TABLE: Record<string, { status: ReturnOrderStatus; label: string; voidable: boolean }> = {
  PD: { status: "DRAFT", label: "draft", voidable: true },
  OD: { status: "OPEN", label: "ordered", voidable: true },
  LC: { status: "IN_TRANSIT", label: "label fetched", voidable: true },
  PC: { status: "IN_TRANSIT", label: "picked up", voidable: false },
  RE: { status: "RECEIVED", label: "received", voidable: false },
  WP: { status: "PROCESSING", label: "awaiting the seller", voidable: false },
  HI: { status: "PROCESSING", label: "warehouse handling", voidable: false },
  OC: { status: "COMPLETED", label: "completed", voidable: false },
  DT: { status: "COMPLETED", label: "destroyed", voidable: false },
  CD: { status: "CANCELLED", label: "cancelled", voidable: false },
  VO: { status: "CANCELLED", label: "voided", voidable: false },
  STOP: { status: "EXCEPTION", label: "stopped", voidable: false },
};

export function winitStatus(code: string): ReturnOrderStatus {
  return WINIT_STATUS_TABLE[code]?.status ?? "UNKNOWN";
}

export function winitVoidable(code: string): boolean {
  return WINIT_STATUS_TABLE[code]?.voidable ?? false;
}
