import type { FieldViolation } from "../../returns/errors.js";
import {
  changedWithin,
  type CreateAttempt,
  type ProviderCreateCommand,
  type ReturnOrder,
  type ReturnOrderFilter,
  type UpdateReturnOrderCommand,
} from "../../returns/model.js";
import type { OmsReturnOptions } from "./graphql.js";

// What the OMS adapter decides without calling the OMS: what it cannot carry, how a filter is re-applied.

/** Unified fields the OMS has no place for: refused rather than silently dropped. */
export function unrepresentable(command: Pick<UpdateReturnOrderCommand, "carrier" | "reason" | "sender">): FieldViolation[] {
  const violations: FieldViolation[] = [];
  if (command.carrier != null) violations.push({ field: ["input", "carrier"], message: "the OMS has no carrier field" });
  if (command.reason != null) violations.push({ field: ["input", "reason"], message: "the OMS has no reason field (use oms.handleAdvice or remark)" });
  const country = command.sender?.country;
  if (country != null && !/^[A-Za-z]{2}$/.test(country))
    violations.push({ field: ["input", "sender", "country"], message: "the OMS takes the sender's country as its two-letter code (code2), e.g. US" });
  if (command.sender?.address2 != null)
    violations.push({ field: ["input", "sender", "address2"], message: "the OMS has one address line (address1) and a door number (houseNo)" });
  return violations;
}

/** Per-item codes must name a line the order will have (by sku). */
export function lineCodeViolations(options: OmsReturnOptions, skus: Iterable<string>): FieldViolation[] {
  const known = new Set(skus);
  return (options.lines ?? []).flatMap((line, i) =>
    known.has(line.sku) ? [] : [{ field: ["input", "oms", "lines", String(i), "sku"], message: `no line of the order has sku ${line.sku}` }],
  );
}

export function optionsOf(command: { options: Record<string, unknown> | null }): OmsReturnOptions {
  return (command.options ?? {}) as OmsReturnOptions;
}

/**
 * Every filter again after the fetch: the list filters' names are inferred, and an OMS that ignores
 * one must not widen the answer. The exact `search` match covers the five numbers it may hit (signatureNo is the OMS's own).
 */
export function matchesAfterFetch(order: ReturnOrder, filter: ReturnOrderFilter): boolean {
  if (filter.statuses?.length && !filter.statuses.includes(order.status)) return false;
  if (filter.warehouseCode && order.warehouseCode !== filter.warehouseCode) return false;
  if (filter.createdFrom && order.createdAt && order.createdAt < filter.createdFrom) return false;
  if (filter.createdTo && order.createdAt && order.createdAt > filter.createdTo) return false;
  if (!changedWithin(order, filter)) return false;
  if (filter.search) {
    const signatureNo = (order.details as { signatureNo?: string | null }).signatureNo ?? null;
    const numbers = [order.providerOrderNo, order.referenceNo, order.outboundOrderNo, order.trackingNumber, signatureNo];
    if (!numbers.includes(filter.search)) return false;
  }
  return true;
}

/** The seller's reference; without one, an idempotent create's attempt token, so a retry can find it. */
export function referenceNoOf(command: ProviderCreateCommand, attempt: CreateAttempt | null): string | null {
  return command.referenceNo ?? attempt?.token ?? null;
}
