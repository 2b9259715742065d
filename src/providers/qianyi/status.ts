import type { ReturnOrderStatus } from "../../returns/model.js";

/**
 * Qianyi's return statuses as data. NEW, WAIT_STORAGE and FINISH are in seed 001; the full enum is
 * not public. CLOSED (after CLOSE_RETURN_ORDER) is inferred: the name is this adapter's and its
 * emulator's guess, and a different real code would land on UNKNOWN with the code kept.
 * NEW is a saved order nobody submitted yet (`autoCommit` false), hence DRAFT.
 */
export const QIANYI_STATUS_TABLE: Record<string, { status: ReturnOrderStatus; label: string; closable: boolean }> = {
  NEW: { status: "DRAFT", label: "new, not yet submitted", closable: true },
  WAIT_STORAGE: { status: "OPEN", label: "waiting to be received into storage", closable: true },
  FINISH: { status: "COMPLETED", label: "finished", closable: false },
  CLOSED: { status: "CANCELLED", label: "closed (inferred name)", closable: false },
};

export const QIANYI_CLOSED_STATUS = "CLOSED";

export function qianyiStatus(code: string): ReturnOrderStatus {
  return QIANYI_STATUS_TABLE[code]?.status ?? "UNKNOWN";
}

export function qianyiClosable(code: string): boolean {
  return QIANYI_STATUS_TABLE[code]?.closable ?? false;
}

/** The Qianyi codes of unified statuses, for pushing a status filter down when it is exactly one code. */
export function qianyiCodesOf(statuses: readonly ReturnOrderStatus[]): string[] {
  return Object.entries(QIANYI_STATUS_TABLE)
    .filter(([, v]) => statuses.includes(v.status))
    .map(([code]) => code);
}
