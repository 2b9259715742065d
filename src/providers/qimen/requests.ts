import { randomBytes } from "node:crypto";
import type { CreateReturnOrderCommand, ReturnOrder } from "../../returns/model.js";
import type { QimenReturnDetails } from "./graphql.js";
import type { QimenExtendPropInput, QimenLineOptions, QimenReturnOptions } from "./options.js";
import { qimenDateTime } from "./time.js";

// The requests this client sends, in seed 004's and the SDKs' element names. No I/O.

/** Lines per `returnorder.query` page: Qimen's maximum. */
export const QIMEN_QUERY_PAGE_SIZE = 100;

type Optional<T> = { [K in keyof T]?: T[K] | undefined };

/** An extendProps map as Qimen's XML has it: one element per entry. */
export type QimenExtendProps = Record<string, string>;

export type QimenSenderRequest = Optional<{
  company: string;
  name: string;
  zipCode: string;
  tel: string;
  mobile: string;
  email: string;
  countryCode: string;
  province: string;
  city: string;
  area: string;
  town: string;
  detailAddress: string;
  extendProps: QimenExtendProps;
}>;

export type QimenLineRequest = Optional<{
  orderLineNo: string;
  sourceOrderCode: string;
  subSourceOrderCode: string;
  ownerCode: string;
  itemCode: string;
  itemId: string;
  inventoryType: string;
  planQty: number;
  batchCode: string;
  productDate: string;
  expireDate: string;
  produceCode: string;
  snList: { sn: string[] };
  orderFlag: string;
  returnReason: string;
  extendProps: QimenExtendProps;
  remark: string;
}>;

export interface QimenCreateRequest {
  returnOrder: Optional<{
    returnOrderCode: string;
    returnOrderId: string;
    warehouseCode: string;
    orderType: string;
    orderFlag: string;
    preDeliveryOrderCode: string;
    preDeliveryOrderId: string;
    logisticsCode: string;
    logisticsName: string;
    expressCode: string;
    returnReason: string;
    buyerNick: string;
    senderInfo: QimenSenderRequest;
    remark: string;
    sourcePlatformCode: string;
    sourcePlatformName: string;
    shopNick: string;
    sellerNick: string;
    outBizCode: string;
    extendProps: QimenExtendProps;
  }>;
  orderLines: { orderLine: QimenLineRequest[] };
  extendProps?: QimenExtendProps | undefined;
}

/** GraphQL's key/value list as Qimen's map; an empty list sends nothing. */
export function toExtendProps(entries: readonly QimenExtendPropInput[] | null | undefined): QimenExtendProps | undefined {
  if (!entries?.length) return undefined;
  return Object.fromEntries(entries.map((e) => [e.key, e.value]));
}

/** The flags list ⇄ Qimen's "A^B". */
export function joinFlags(flags: readonly string[] | null | undefined): string | undefined {
  const cleaned = (flags ?? []).map((f) => f.trim()).filter((f) => f.length > 0);
  return cleaned.length > 0 ? cleaned.join("^") : undefined;
}

/**
 * The ERP's (our) returnOrderCode. From an idempotent create's attempt token it is deterministic,
 * so a retried attempt re-sends the same code. A token of the earlier versions' shape (`QR` and
 * 26 hex digits, made from the key) is that code already.
 */
export function qimenReturnOrderCode(attemptToken: string | null, now: Date): string {
  if (attemptToken) return /^QR[0-9A-F]{26}$/.test(attemptToken) ? attemptToken : `QR${attemptToken}`;
  return `QR${qimenDateTime(now).replace(/\D/g, "")}${randomBytes(6).toString("hex").toUpperCase()}`;
}

/**
 * Qimen's sender has one free address field (`detailAddress`) and no house number: the house
 * number and both address lines go into it, in that order, so none is lost.
 */
export function detailAddress(sender: CreateReturnOrderCommand["sender"]): string | undefined {
  return [sender?.houseNo, sender?.address1, sender?.address2].filter(Boolean).join(" ") || undefined;
}

/** The `request` of `taobao.qimen.returnorder.create` (seed 004's shape). */
export function toCreateRequest(command: CreateReturnOrderCommand, returnOrderCode: string, outBizCode: string | null): QimenCreateRequest {
  const options = (command.options ?? {}) as unknown as QimenReturnOptions;
  const sender = command.sender ?? {};
  const lineOptions = new Map<string, QimenLineOptions>();
  for (const line of options.lines ?? []) if (!lineOptions.has(line.sku)) lineOptions.set(line.sku, line);
  const orderFlag = joinFlags(options.orderFlags);
  return {
    returnOrder: {
      returnOrderCode,
      warehouseCode: command.warehouseCode,
      orderType: options.orderType ?? "THRK",
      orderFlag,
      preDeliveryOrderCode: command.outboundOrderNo ?? undefined,
      preDeliveryOrderId: options.preDeliveryOrderId ?? undefined,
      logisticsCode: options.logisticsCode,
      logisticsName: command.carrier ?? undefined,
      expressCode: command.trackingNumber ?? undefined,
      returnReason: command.reason ?? undefined,
      buyerNick: options.buyerNick ?? undefined,
      senderInfo: {
        company: sender.company ?? undefined,
        name: sender.name ?? undefined,
        zipCode: sender.postcode ?? undefined,
        tel: sender.phone ?? undefined,
        mobile: sender.mobile ?? undefined,
        email: sender.email ?? undefined,
        countryCode: sender.country ?? undefined,
        province: sender.province ?? undefined,
        city: sender.city ?? undefined,
        area: sender.district ?? undefined,
        town: options.senderTown ?? undefined,
        detailAddress: detailAddress(sender),
        extendProps: toExtendProps(options.senderExtendProps),
      },
      remark: command.remark ?? undefined,
      sourcePlatformCode: options.sourcePlatformCode ?? undefined,
      sourcePlatformName: options.sourcePlatformName ?? undefined,
      shopNick: options.shopNick ?? undefined,
      sellerNick: options.sellerNick ?? undefined,
      // Not in the create schema: a real WMS may ignore it. The fixed returnOrderCode is what a
      // retried create relies on; this lets the warehouse tell the attempt if it reads it.
      outBizCode: outBizCode ?? undefined,
      extendProps: toExtendProps(options.extendProps),
    },
    orderLines: {
      orderLine: command.lines.map((line) => {
        const extra = lineOptions.get(line.sku);
        return {
          orderLineNo: extra?.orderLineNo ?? undefined,
          sourceOrderCode: extra?.sourceOrderCode ?? undefined,
          subSourceOrderCode: extra?.subSourceOrderCode ?? undefined,
          ownerCode: extra?.ownerCode ?? options.ownerCode,
          itemCode: line.sku,
          itemId: extra?.itemId ?? undefined,
          inventoryType: extra?.inventoryType ?? "ZP",
          planQty: line.quantity,
          batchCode: extra?.batchCode ?? undefined,
          productDate: extra?.productDate ?? undefined,
          expireDate: extra?.expireDate ?? undefined,
          produceCode: extra?.produceCode ?? undefined,
          snList: extra?.serialNumbers?.length ? { sn: [...extra.serialNumbers] } : undefined,
          // Both are required per line (seed 004): the order's flags and reason stand in for a line's own.
          orderFlag: joinFlags(extra?.orderFlags) ?? orderFlag,
          returnReason: extra?.returnReason ?? command.reason ?? undefined,
          extendProps: toExtendProps(extra?.extendProps),
          remark: line.remark ?? undefined,
        };
      }),
    },
    extendProps: toExtendProps(options.requestExtendProps),
  };
}

/** The `request` of `taobao.qimen.order.cancel` for a return order (its warehouse code is required). */
export function toCancelRequest(order: ReturnOrder & { warehouseCode: string }, reason: string | null) {
  const details = order.details as unknown as QimenReturnDetails;
  return {
    warehouseCode: order.warehouseCode,
    ownerCode: details.ownerCode ?? undefined,
    orderCode: order.providerOrderNo,
    orderId: details.returnOrderId ?? undefined,
    // A return order is cancelled under its own type: THRK, or HHRK for an exchange.
    orderType: details.orderType ?? "THRK",
    cancelReason: reason ?? undefined,
  };
}

/** What identifies an order to `returnorder.query` besides its code (some WMSes key on these). */
export interface QimenQueryKeys {
  returnOrderId?: string | null;
  warehouseCode?: string | null;
  ownerCode?: string | null;
}

/** One page of `taobao.qimen.returnorder.query`. */
export function toQueryRequest(returnOrderCode: string, keys: QimenQueryKeys, page: number) {
  return {
    returnOrderCode,
    returnOrderId: keys.returnOrderId ?? undefined,
    warehouseCode: keys.warehouseCode ?? undefined,
    ownerCode: keys.ownerCode ?? undefined,
    page,
    pageSize: QIMEN_QUERY_PAGE_SIZE,
  };
}
