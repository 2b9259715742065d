import { randomBytes } from "node:crypto";
import type { CreateAttempt, ProviderCreateCommand, ReturnOrder } from "./model.js";

/**
 * A fresh attempt token: 26 upper-case hex digits (104 random bits). Letters and digits only, so
 * every provider field that carries it (a code, a reference, a remark marker) accepts it.
 */
export function newAttemptToken(): string {
  return randomBytes(13).toString("hex").toUpperCase();
}

/** How far a provider's creation time may lag behind the attempt's start (clocks differ). */
export const PROVIDER_CLOCK_SKEW_MS = 5 * 60_000;

/**
 * Whether an order found by the seller's reference can be the one this attempt made: created
 * after the attempt began, with the same goods in the same quantities, and the same of whatever
 * else the order shows of what was sent (warehouse, parcel, sender). Two returns for one sales
 * order that differ in any of these are never taken for one another; alike in all, they cannot be
 * told apart at all.
 */
export function couldBeAttempt(order: ReturnOrder, command: ProviderCreateCommand, attempt: CreateAttempt): boolean {
  if (order.createdAt && order.createdAt.getTime() < attempt.startedAt.getTime() - PROVIDER_CLOCK_SKEW_MS) return false;
  const shown: [string | null | undefined, string | null | undefined][] = [
    [order.warehouseCode, command.warehouseCode],
    [order.trackingNumber, command.trackingNumber],
    [order.carrier, command.carrier],
    [order.outboundOrderNo, command.outboundOrderNo],
    [order.sender?.name, command.sender?.name],
  ];
  if (shown.some(([kept, sent]) => differs(kept, sent))) return false;
  return sameGoods(
    order.lines.map((l) => [l.sku, l.quantity]),
    command.lines.map((l) => [l.sku, l.quantity]),
  );
}

/** A value the order shows that is not what was sent (an order that shows nothing there says nothing). */
function differs(kept: string | null | undefined, sent: string | null | undefined): boolean {
  const shown = kept?.trim();
  return !!shown && shown !== (sent?.trim() ?? "");
}

function sameGoods(a: [string, number][], b: [string, number][]): boolean {
  const total = (lines: [string, number][]) => {
    const bySku = new Map<string, number>();
    for (const [sku, quantity] of lines) bySku.set(sku, (bySku.get(sku) ?? 0) + quantity);
    return bySku;
  };
  const left = total(a);
  const right = total(b);
  return left.size === right.size && [...left].every(([sku, quantity]) => right.get(sku) === quantity);
}
