import type { ReturnOrderStatus } from "../../returns/model.js";

/**
 * The OMS's numeric `status` codes as data. The OMS publishes no meanings: this table is an
 * ASSUMPTION (the README says so), anchored only on seed 000, whose freshly edited order with every
 * quantity at 0 is status 1. The rule that matters is the one the issue states: once the parcel is
 * received the order can no longer be changed or cancelled. Any other code is UNKNOWN and offers
 * nothing, because nothing about it is known.
 */
export const OMS_STATUS_TABLE: Record<string, { status: ReturnOrderStatus; label: string; updatable: boolean; cancellable: boolean }> = {
  "0": { status: "DRAFT", label: "draft (assumed)", updatable: true, cancellable: true },
  "1": { status: "OPEN", label: "submitted, waiting for the parcel (assumed)", updatable: true, cancellable: true },
  "2": { status: "IN_TRANSIT", label: "parcel on its way (assumed)", updatable: true, cancellable: true },
  "3": { status: "RECEIVED", label: "received by the warehouse (assumed)", updatable: false, cancellable: false },
  "4": { status: "PROCESSING", label: "inspection / handling (assumed)", updatable: false, cancellable: false },
  "5": { status: "COMPLETED", label: "put away, destroyed or finished (assumed)", updatable: false, cancellable: false },
  "6": { status: "CANCELLED", label: "cancelled (assumed)", updatable: false, cancellable: false },
  "7": { status: "EXCEPTION", label: "exception at the warehouse (assumed)", updatable: false, cancellable: false },
};

/** Codes in which the OMS (and its emulator) still accepts an update / a cancel. */
export const OMS_UPDATABLE = Object.entries(OMS_STATUS_TABLE).filter(([, v]) => v.updatable).map(([code]) => code);
export const OMS_CANCELLABLE = Object.entries(OMS_STATUS_TABLE).filter(([, v]) => v.cancellable).map(([code]) => code);

export function omsStatus(code: string): ReturnOrderStatus {
  return OMS_STATUS_TABLE[code]?.status ?? "UNKNOWN";
}

export function omsUpdatable(code: string): boolean {
  return OMS_STATUS_TABLE[code]?.updatable ?? false;
}

export function omsCancellable(code: string): boolean {
  return OMS_STATUS_TABLE[code]?.cancellable ?? false;
}
