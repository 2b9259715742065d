import type { ReturnOrder } from "../../returns/model.js";
import { sumQuantities } from "../../returns/model.js";
import type { QimenConfirmation, QimenConfirmedLine, QimenOrderLine, QimenReturnDetails } from "./graphql.js";
import { unifyLines } from "./mapper.js";
import { qimenStatus } from "./status.js";
import { parseQimenTime } from "./time.js";
import { wireConfirmBatch, wireConfirmLine, wireConfirmRequest } from "./wire.js";

// `taobao.qimen.returnorder.confirm`: what a warehouse's confirm says, and what it does to an order.

/** A confirm the warehouse sent, checked: the code of the order, the confirm's own code and its goods. */
export interface QimenConfirm {
  returnOrderCode: string;
  returnOrderId: string | null;
  outBizCode: string;
  confirmTime: string | null;
  /** The warehouse's own status when it sends one (the return schemas have none); kept as sent. */
  status: string | null;
  /** `0` the last confirm of the order, `1` one of several (the entry-order sibling's meaning). */
  confirmType: string | null;
  /** One entry per graded part: a line's batches each, or the line itself when it has none. */
  lines: QimenConfirmedLine[];
}

export class QimenConfirmError extends Error {}

const MAX_CONFIRM_QTY = 1_000_000;

function wholeQuantity(value: number | null, where: string): number {
  if (value == null || value > MAX_CONFIRM_QTY) throw new QimenConfirmError(`${where}: actualQty must be a whole number from 0 to ${MAX_CONFIRM_QTY}`);
  return value;
}

/** A confirmed line's graded parts: each `batch` with its own grade (ZP when it names none), else the line. */
function gradedParts(raw: unknown, index: number): QimenConfirmedLine[] {
  const where = `orderLine ${index + 1}`;
  const parsed = wireConfirmLine.safeParse(raw);
  if (!parsed.success) throw new QimenConfirmError(`${where} is not an element`);
  const line = parsed.data;
  if (!line.itemCode) throw new QimenConfirmError(`${where}: itemCode is required`);
  const itemCode = line.itemCode;
  const actualQty = wholeQuantity(line.actualQty, where);
  if (line.batchs.length === 0) return [{ orderLineNo: line.orderLineNo, itemCode, inventoryType: line.inventoryType, actualQty, batchCode: line.batchCode }];
  const parts = line.batchs.map((rawBatch, b) => {
    const batch = wireConfirmBatch.safeParse(rawBatch);
    if (!batch.success) throw new QimenConfirmError(`${where}, batch ${b + 1} is not an element`);
    const qty = wholeQuantity(batch.data.actualQty, `${where}, batch ${b + 1}`);
    return {
      orderLineNo: line.orderLineNo,
      itemCode,
      inventoryType: batch.data.inventoryType ?? "ZP",
      actualQty: qty,
      batchCode: batch.data.batchCode ?? line.batchCode,
    };
  });
  const total = parts.reduce((n, p) => n + p.actualQty, 0);
  if (total !== actualQty) throw new QimenConfirmError(`${where}: its batches add up to ${total}, not to its actualQty ${actualQty}`);
  return parts;
}

export function parseConfirm(document: Record<string, unknown>): QimenConfirm {
  const request = wireConfirmRequest.safeParse(document["request"]);
  if (!request.success) throw new QimenConfirmError("the body has no <request> with a <returnOrder>");
  const { returnOrder, orderLines } = request.data;
  if (!returnOrder.returnOrderCode) throw new QimenConfirmError("returnOrder.returnOrderCode is required");
  // Optional in the schema, but it is what makes a repeated confirm harmless: required here.
  if (!returnOrder.outBizCode) throw new QimenConfirmError("returnOrder.outBizCode is required");
  if (orderLines.length === 0) throw new QimenConfirmError("orderLines.orderLine is required");
  return {
    returnOrderCode: returnOrder.returnOrderCode,
    returnOrderId: returnOrder.returnOrderId,
    outBizCode: returnOrder.outBizCode,
    confirmTime: returnOrder.orderConfirmTime,
    status: returnOrder.returnOrderStatus ?? returnOrder.status,
    confirmType: returnOrder.confirmType,
    lines: orderLines.flatMap(gradedParts),
  };
}

const gradeOf = (inventoryType: string | null | undefined) => inventoryType || "ZP";

/**
 * The line a confirmed part adds to: of the same item and grade, the same line number first.
 * Goods graded otherwise than a line planned them are not that line's: they add to a line of
 * their own grade.
 */
function matchLine(lines: QimenOrderLine[], part: QimenConfirmedLine): QimenOrderLine | undefined {
  const grade = gradeOf(part.inventoryType);
  const candidates = lines.filter((l) => l.itemCode === part.itemCode && gradeOf(l.inventoryType) === grade);
  return (part.orderLineNo ? candidates.find((l) => l.orderLineNo === part.orderLineNo) : undefined) ?? candidates[0];
}

function unplannedLine(part: QimenConfirmedLine, ownerCode: string): QimenOrderLine {
  return {
    orderLineNo: part.orderLineNo,
    ownerCode,
    itemCode: part.itemCode,
    itemId: null,
    inventoryType: part.inventoryType,
    planQty: 0,
    actualQty: part.actualQty,
    batchCode: part.batchCode,
    productDate: null,
    expireDate: null,
    produceCode: null,
    serialNumbers: [],
    sourceOrderCode: null,
    subSourceOrderCode: null,
    orderFlags: [],
    returnReason: null,
    extendProps: [],
  };
}

/** The status after a confirm: the warehouse's own when it sends one, else what its type and the counts say. */
function statusAfter(confirm: QimenConfirm, allReceived: boolean): string {
  if (confirm.status) return confirm.status;
  if (confirm.confirmType === "0") return "FULFILLED";
  if (confirm.confirmType === "1") return "PARTFULFILLED";
  return allReceived ? "FULFILLED" : "PARTFULFILLED";
}

/**
 * Adds one confirm's quantities to the order (confirms add up; one already applied changes
 * nothing). Goods graded otherwise than planned, or not planned at all, become lines of their own
 * with planQty 0, so nothing the warehouse reports is lost.
 */
export function applyConfirm(order: ReturnOrder, confirm: QimenConfirm, receivedAt: Date): ReturnOrder {
  const details = order.details as unknown as QimenReturnDetails & { __typename: string };
  if (details.confirmations.some((c) => c.outBizCode === confirm.outBizCode)) return order;
  const lines = details.orderLines.map((l) => ({ ...l, serialNumbers: [...l.serialNumbers] }));
  for (const part of confirm.lines) {
    const line = matchLine(lines, part);
    if (line) line.actualQty = (line.actualQty ?? 0) + part.actualQty;
    else lines.push(unplannedLine(part, details.ownerCode ?? ""));
  }
  for (const line of lines) line.actualQty ??= 0;
  const remarks = new Map(order.lines.filter((l) => l.remark).map((l) => [l.sku, l.remark!]));
  const unified = unifyLines(lines, remarks);
  const providerStatus = statusAfter(
    confirm,
    unified.every((l) => (l.receivedQuantity ?? 0) >= l.quantity),
  );
  const at = parseQimenTime(confirm.confirmTime) ?? receivedAt;
  const confirmation: QimenConfirmation = {
    outBizCode: confirm.outBizCode,
    confirmTime: confirm.confirmTime,
    quantity: confirm.lines.reduce((n, l) => n + l.actualQty, 0),
    lines: confirm.lines,
  };
  const status = qimenStatus(providerStatus);
  return {
    ...order,
    status,
    providerStatus,
    lines: unified,
    receivedQuantity: sumQuantities(unified.map((l) => l.receivedQuantity)),
    updatedAt: at,
    completedAt: status === "COMPLETED" ? at : order.completedAt,
    details: {
      ...details,
      returnOrderId: details.returnOrderId ?? confirm.returnOrderId,
      orderLines: lines,
      confirmations: [...details.confirmations, confirmation],
    } as unknown as ReturnOrder["details"],
  };
}
