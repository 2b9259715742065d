import type { OrderCapabilities, ReturnOrderStatus } from "../../returns/model.js";

/**
 * One provider status code: its unified status, a label, whether the provider's API can still
 * change or cancel an order in it, and whether the meaning is confirmed by public evidence or
 * inferred (the README's evidence tables say which and why).
 */
export interface StatusRow {
  status: ReturnOrderStatus;
  label: string;
  canUpdate: boolean;
  canCancel: boolean;
  evidence: "confirmed" | "inferred";
}

export type StatusTable = Readonly<Record<string, StatusRow>>;

/** What a provider's API offers at all, and how it names its cancel. */
export interface ApiAbilities {
  /** The provider's name as users read it (in reasons: "<name> cancels only …"). */
  name: string;
  update: boolean;
  cancel: boolean;
}

export function unifiedStatus(table: StatusTable, code: string): ReturnOrderStatus {
  return table[code]?.status ?? "UNKNOWN";
}

/** The codes in which `can` holds, for messages ("PD, OD, LC"). */
export function codesWhere(table: StatusTable, can: "canUpdate" | "canCancel"): string[] {
  return Object.entries(table)
    .filter(([, row]) => row[can])
    .map(([code]) => code);
}

/** The provider codes of some unified statuses (to push a status filter down). */
export function codesOf(table: StatusTable, statuses: readonly ReturnOrderStatus[]): string[] {
  return Object.entries(table)
    .filter(([, row]) => statuses.includes(row.status))
    .map(([code]) => code);
}

/** The capabilities of each code of one provider's table, worked out once (each order of a list page asks). */
export type CapabilityLookup = (code: string) => OrderCapabilities;

/**
 * What may be done with an order in each status, with the reason for each thing that may not. An
 * unknown code offers nothing: nothing about it is known. The answers are shared and frozen.
 */
export function capabilityLookup(table: StatusTable, api: ApiAbilities): CapabilityLookup {
  const known = new Map(Object.keys(table).map((code) => [code, Object.freeze(capabilitiesOf(table, code, api))]));
  return (code) => known.get(code) ?? capabilitiesOf(table, code, api);
}

export function capabilitiesOf(table: StatusTable, code: string, api: ApiAbilities): OrderCapabilities {
  const row = table[code];
  const unknown = row ? null : `Status ${code || "(none)"} is not known to this version, so nothing is offered on it.`;
  const updateBlockedReason = !api.update
    ? `${api.name}'s API cannot change a return order after it is created.`
    : (unknown ?? (row!.canUpdate ? null : `${api.name} changes only orders in status ${codesWhere(table, "canUpdate").join(", ")}; this one is ${code}.`));
  const cancelBlockedReason = !api.cancel
    ? `${api.name}'s API cannot cancel a return order.`
    : (unknown ?? (row!.canCancel ? null : `${api.name} cancels only orders in status ${codesWhere(table, "canCancel").join(", ")}; this one is ${code}.`));
  const reasons = [...new Set([updateBlockedReason, cancelBlockedReason].filter((r): r is string => r !== null))];
  return { canUpdate: updateBlockedReason === null, canCancel: cancelBlockedReason === null, reasons, updateBlockedReason, cancelBlockedReason };
}
