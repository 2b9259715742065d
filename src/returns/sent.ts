import type { ProviderCreateCommand, ReturnOrder, ReturnOrderLine, ReturnParty, Typed, UpdateReturnOrderCommand } from "./model.js";

/**
 * The unified fields of an order as this subgraph last sent them (the create, then each update
 * applied over it). Kept beside the order, because some providers read back less than they were
 * given: one provider's query reports the sender's name only, though its create took the whole address.
 */
export interface SentOrder {
  referenceNo?: string | null;
  outboundOrderNo?: string | null;
  warehouseCode?: string | null;
  carrier?: string | null;
  trackingNumber?: string | null;
  reason?: string | null;
  remark?: string | null;
  sender?: ReturnParty | null;
  lines?: { sku: string; quantity: number; remark?: string | null }[] | null;
  /**
   * The provider's details as the create answered them: a provider may answer a create with what
   * its reads never report again (one echoes what it was sent into its details there only).
   */
  details?: Record<string, unknown> | null;
}

const SCALARS = ["referenceNo", "outboundOrderNo", "warehouseCode", "carrier", "trackingNumber", "reason", "remark"] as const;

export function sentOfCreate(command: ProviderCreateCommand): SentOrder {
  return compact({
    ...Object.fromEntries(SCALARS.map((field) => [field, command[field] ?? null])),
    sender: command.sender ?? null,
    lines: command.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, remark: l.remark ?? null })),
  });
}

/** What a create sent, with the details its answer showed. */
export function sentOfCreated(command: ProviderCreateCommand, answered: ReturnOrder): SentOrder {
  return { ...sentOfCreate(command), details: { ...(answered.details as unknown as Record<string, unknown>) } };
}

/** An update over what was sent before: a field it leaves out (or null) is unchanged, a sender field by field, lines replaced. */
export function sentAfterUpdate(previous: SentOrder | null | undefined, command: UpdateReturnOrderCommand): SentOrder {
  const next: SentOrder = { ...previous };
  for (const field of SCALARS) if (command[field] != null) next[field] = command[field];
  if (command.sender) next.sender = { ...previous?.sender, ...compact(command.sender) };
  if (command.lines) next.lines = command.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, remark: l.remark ?? null }));
  return compact(next);
}

const isGap = (value: unknown) => value === null || value === undefined || value === "";

/** `value` where the provider reported one; what was sent where it did not. */
const either = <T>(reported: T | null | undefined, sent: T | null | undefined): T | null => (isGap(reported) ? (sent ?? null) : reported!);

/**
 * The order as the provider reports it, with what was sent filling what it leaves out. The
 * provider wins wherever it reports a value (it may have corrected it, and it is the record of
 * what happened); a sent value shows only where the provider's is absent or empty. The sender is
 * merged field by field; lines are matched by sku, then quantity (each sent line once), a provider's
 * line taking the sent line's remark when it has none. When the provider reports no lines at all,
 * the sent lines are shown with nothing received.
 */
export function withSent(order: ReturnOrder, sent: SentOrder | null | undefined): ReturnOrder {
  if (!sent) return order;
  const merged: ReturnOrder = { ...order };
  for (const field of SCALARS) merged[field] = either(order[field], sent[field]);
  merged.sender = mergeParty(order.sender, sent.sender);
  merged.details = mergeDetails(order.details, sent.details);
  const sentLines = sent.lines ?? [];
  if (order.lines.length === 0 && sentLines.length > 0) {
    merged.lines = sentLines.map((l) => ({ sku: l.sku, quantity: l.quantity, remark: l.remark ?? null }));
    if (!order.totalQuantity) merged.totalQuantity = sentLines.reduce((n, l) => n + l.quantity, 0);
  } else if (sentLines.length > 0) {
    const unused = [...sentLines];
    merged.lines = order.lines.map((line): ReturnOrderLine => {
      // Of several sent lines of one sku, the one of the same quantity is this line.
      const same = unused.findIndex((l) => l.sku === line.sku && l.quantity === line.quantity);
      const at = same >= 0 ? same : unused.findIndex((l) => l.sku === line.sku);
      if (at < 0) return line;
      const [match] = unused.splice(at, 1);
      return { ...line, remark: either(line.remark, match!.remark) };
    });
  }
  return merged;
}

/** The reported details, member by member, with the create's answer where a member is missing: only for the same details type. */
function mergeDetails(reported: Typed, answered: Record<string, unknown> | null | undefined): Typed {
  if (!answered || answered["__typename"] !== reported.__typename) return reported;
  const own = reported as unknown as Record<string, unknown>;
  const keys = new Set([...Object.keys(answered), ...Object.keys(own)]);
  return Object.fromEntries([...keys].map((k) => [k, either(own[k], answered[k])])) as unknown as Typed;
}

function mergeParty(reported: ReturnParty | null, sent: ReturnParty | null | undefined): ReturnParty | null {
  if (!sent) return reported;
  if (!reported) return { ...sent };
  const keys = new Set([...Object.keys(reported), ...Object.keys(sent)]) as Set<keyof ReturnParty>;
  const merged = Object.fromEntries([...keys].map((k) => [k, either(reported[k], sent[k])])) as ReturnParty;
  // A street other than the one sent is a new address: the sent second line and house number are not part of it.
  if (!isGap(reported.address1) && reported.address1 !== sent.address1) {
    for (const part of ["address2", "houseNo"] as const) merged[part] = reported[part] ?? null;
  }
  return merged;
}

/** Without null or undefined fields: smaller to store, and "not sent" reads the same either way. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined)) as T;
}

/**
 * What the order index adds to an order a provider reports: what was sent, and the seller's
 * reference where the provider's answers do not echo it (recorded at create, or the filter that found it).
 */
export function withRecorded(order: ReturnOrder, known: { referenceNo: string | null; sent: SentOrder | null } | undefined): ReturnOrder {
  if (!known) return order;
  const merged = withSent(order, known.sent);
  return merged.referenceNo == null && known.referenceNo != null ? { ...merged, referenceNo: known.referenceNo } : merged;
}
