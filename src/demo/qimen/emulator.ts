import type { Express, Request, RequestHandler, Response } from "express";
import seedCreate from "./fixtures/seed-004-create-request.json" with { type: "json" };
import { chinaDateTime, parseChinaTime } from "../china-time.js";
import { rawTextApp } from "../emulator-server.js";
import { createRefusal, requiredMissing } from "./create-rules.js";
import {
  fromXml,
  existsInCalendar,
  METHODS,
  PATH,
  QIMEN_TIME,
  signatureHolds,
  signedCall,
  toXml,
  quantity,
  type OrderDocument,
  type WireLine,
} from "./wire.js";

// An in-process Qimen WMS: the same query-string signing, XML envelope and rules as the real
// service, on loopback. `sign-check-failure` and `isv.invalid-parameter` are Qimen's own codes;
// the other codes are this emulator's and are only compared by tests against themselves.

export interface QimenEmulatorOptions {
  appKey: string;
  appSecret: string;
  customerId: string;
  now?: () => Date;
  /** Where confirms are pushed (the subgraph's /webhooks/qimen). */
  webhookUrl?: () => string;
  /** Hold seed 004's example order (R1234) from the start. */
  seedExample?: boolean;
  /** Middleware ahead of the routes (tests: a fault switch). */
  before?: readonly RequestHandler[];
}

export interface QimenEmulatedOrder {
  document: OrderDocument;
  returnOrderId: string;
  outBizCode: string | null;
  status: string;
  createdAt: Date;
}

/** Goods of one grade (and batch) within a confirmed line. */
export interface ConfirmBatch {
  actualQty: number;
  inventoryType?: string;
  batchCode?: string;
}

export interface ConfirmLine {
  itemCode: string;
  /** Defaults to the sum of `batches`. */
  actualQty?: number;
  inventoryType?: string;
  orderLineNo?: string;
  /** Sent as `batchs`: the line's goods split by grade. */
  batches?: ConfirmBatch[];
}

export interface ConfirmOptions {
  lines?: ConfirmLine[];
  outBizCode?: string;
  /** Sent as `returnOrderStatus`, which the return schemas do not document (tests of unknown codes). */
  status?: string;
  /** `0` the last confirm, `1` one of several; by default 0 once every planned item is received. */
  confirmType?: "0" | "1";
}

export interface QimenEmulator {
  app: Express;
  /** The account keys it accepts and signs its pushes with (tests forge and tamper with them). */
  credentials: { appKey: string; appSecret: string; customerId: string };
  orders: Map<string, QimenEmulatedOrder>;
  /** Every call received, in order: tests count upstream calls with it. */
  calls: { method: string; request: unknown }[];
  /**
   * The warehouse receives goods and confirms to `webhookUrl()`, signed. Without `lines` it
   * confirms everything still outstanding. Answers the subgraph's reply.
   */
  confirm(returnOrderCode: string, options?: ConfirmOptions): Promise<{ status: number; body: string; outBizCode: string }>;
}

const MAX_SKEW_MS = 10 * 60_000;
const MAX_QUERY_PAGE = 100;
/** A cancel that failed leaves the order live: it may be asked again. */
const CANCELLABLE = new Set(["NEW", "ACCEPT", "CANCELEDFAIL"]);

const answer = (res: Response, content: Record<string, unknown>) => {
  res.type("text/xml; charset=utf-8").send(toXml("response", content));
};
const failure = (res: Response, code: string, message: string) => answer(res, { flag: "failure", code, message });

function str(v: unknown): string {
  return typeof v === "string" ? v : "";
}

/** The query's optional keys, when given, must name the same order. */
function keysMatch(order: QimenEmulatedOrder, request: Record<string, unknown>): boolean {
  const ro = order.document.returnOrder;
  const given = (field: string) => str(request[field]);
  if (given("returnOrderId") && given("returnOrderId") !== order.returnOrderId) return false;
  if (given("warehouseCode") && given("warehouseCode") !== str(ro.warehouseCode)) return false;
  return !given("ownerCode") || order.document.orderLines.orderLine.some((l) => str(l.ownerCode) === given("ownerCode"));
}

export function createQimenEmulator(options: QimenEmulatorOptions): QimenEmulator {
  const now = options.now ?? (() => new Date());
  const orders = new Map<string, QimenEmulatedOrder>();
  const calls: { method: string; request: unknown }[] = [];
  let sequence = 0;
  let confirms = 0;

  if (options.seedExample ?? true) {
    const document = structuredClone(seedCreate.request) as unknown as OrderDocument;
    orders.set("R1234", { document, returnOrderId: "RID1234", outBizCode: null, status: "ACCEPT", createdAt: now() });
  }

  function create(res: Response, document: OrderDocument) {
    const refusal = createRefusal(document);
    if (refusal) return failure(res, "isv.invalid-parameter", `非法参数: ${refusal}`);
    const ro = document.returnOrder;
    // outBizCode is no field of the create: it is kept, never used. The ERP's code is the order's
    // identity, so a second create under it is refused whatever else it carries.
    const outBizCode = str(ro.outBizCode) || null;
    if (orders.has(str(ro.returnOrderCode))) return failure(res, "ORDER_EXISTS", `退货单已存在 returnOrderCode ${str(ro.returnOrderCode)} already exists`);
    sequence++;
    const returnOrderId = `RID${String(now().getTime()).slice(-8)}${String(sequence).padStart(4, "0")}`;
    const stored = structuredClone(document);
    stored.returnOrder.returnOrderId = returnOrderId;
    orders.set(str(ro.returnOrderCode), { document: stored, returnOrderId, outBizCode, status: "NEW", createdAt: now() });
    return answer(res, { flag: "success", code: "0", message: "success", returnOrderId });
  }

  function cancel(res: Response, request: Record<string, unknown>) {
    // order.cancel requires the order's and the warehouse's codes; its type is optional.
    const missing = requiredMissing(request, ["orderCode", "warehouseCode"], "");
    if (missing) return failure(res, "isv.invalid-parameter", `非法参数: ${missing} is required`);
    const order = orders.get(str(request["orderCode"]));
    if (!order || str(request["warehouseCode"]) !== str(order.document.returnOrder.warehouseCode))
      return failure(res, "ORDER_NOT_EXIST", "单据不存在 no such order");
    const orderType = str(request["orderType"]);
    if (orderType && orderType !== (order.document.returnOrder.orderType ?? "THRK"))
      return failure(res, "isv.invalid-parameter", "非法参数: orderType does not match the order");
    if (order.status === "CANCELED") return answer(res, { flag: "success", code: "0", message: "already cancelled" });
    if (!CANCELLABLE.has(order.status)) return failure(res, "ORDER_CANNOT_CANCEL", `单据状态[${order.status}]不允许取消`);
    order.status = "CANCELED";
    return answer(res, { flag: "success", code: "0", message: "success" });
  }

  function query(res: Response, request: Record<string, unknown>) {
    if (!str(request["returnOrderCode"])) return failure(res, "isv.invalid-parameter", "非法参数: returnOrderCode is required");
    const page = request["page"] === undefined ? 1 : quantity(request["page"]);
    const pageSize = request["pageSize"] === undefined ? MAX_QUERY_PAGE : quantity(request["pageSize"]);
    if (!page || !pageSize) return failure(res, "isv.invalid-parameter", "非法参数: page and pageSize are positive whole numbers");
    if (pageSize > MAX_QUERY_PAGE) return failure(res, "isv.invalid-parameter", `非法参数: pageSize must not exceed ${MAX_QUERY_PAGE}`);
    const order = orders.get(str(request["returnOrderCode"]));
    if (!order || !keysMatch(order, request)) return failure(res, "ORDER_NOT_EXIST", "单据不存在 no such order");
    const lines = order.document.orderLines.orderLine;
    // The return query's answer (the .NET SDK's ReturnorderQueryResponse) has no status and no line count.
    return answer(res, {
      flag: "success",
      code: "0",
      message: "success",
      returnOrder: { ...order.document.returnOrder, returnOrderId: order.returnOrderId },
      orderLines: { orderLine: lines.slice((page - 1) * pageSize, page * pageSize) },
    });
  }

  const app = rawTextApp("5mb", options.before);
  app.post(PATH, (req: Request, res: Response) => {
    const params = Object.fromEntries(Object.entries(req.query).map(([k, v]) => [k, String(v)]));
    const body = typeof req.body === "string" ? req.body : "";
    let request: Record<string, unknown>;
    try {
      const parsed = fromXml(body)["request"];
      request = parsed && typeof parsed === "object" ? (parsed as Record<string, unknown>) : {};
    } catch {
      calls.push({ method: params["method"] ?? "", request: null });
      return failure(res, "isv.invalid-xml", "请求报文不是合法的XML the body is not well-formed XML");
    }
    calls.push({ method: params["method"] ?? "", request });
    for (const field of ["method", "timestamp", "format", "app_key", "v", "sign", "sign_method", "customerId"]) {
      if (!params[field]) return failure(res, "isv.missing-parameter", `缺少系统参数 ${field}`);
    }
    if (params["app_key"] !== options.appKey) return failure(res, "isv.appkey-not-exists", "invalid appkey");
    if (!signatureHolds(params, body, options.appSecret)) return failure(res, "sign-check-failure", "Illegal request");
    const sentAt = existsInCalendar(params["timestamp"] ?? "") ? parseChinaTime(params["timestamp"] ?? "", QIMEN_TIME) : null;
    if (!sentAt || Math.abs(sentAt.getTime() - now().getTime()) > MAX_SKEW_MS)
      return failure(res, "isv.invalid-timestamp", "时间戳错误 timestamp out of range");
    if (params["customerId"] !== options.customerId) return failure(res, "isv.invalid-customerId", "customerId不存在 unknown customerId");
    switch (params["method"]) {
      case METHODS.create:
        return create(res, request as unknown as OrderDocument);
      case METHODS.cancel:
        return cancel(res, request);
      case METHODS.query:
        return query(res, request);
      default:
        return failure(res, "isv.invalid-method", `接口不存在 unknown method ${params["method"]}`);
    }
  });

  async function confirm(code: string, opts: ConfirmOptions = {}) {
    const order = orders.get(code);
    if (!order) throw new Error(`the emulator holds no order ${code}`);
    if (!options.webhookUrl) throw new Error("the emulator has no webhook URL");
    const planned = order.document.orderLines.orderLine;
    const outstanding: ConfirmLine[] = planned
      .map((l) => ({
        itemCode: str(l.itemCode),
        orderLineNo: str(l.orderLineNo) || undefined,
        inventoryType: str(l.inventoryType) || "ZP",
        actualQty: (quantity(l.planQty) ?? 0) - (quantity(l.actualQty) ?? 0),
      }))
      .filter((l) => l.actualQty > 0);
    const lines = (opts.lines ?? outstanding).map((l) => ({ ...l, actualQty: l.actualQty ?? (l.batches ?? []).reduce((n, b) => n + b.actualQty, 0) }));
    for (const line of lines) {
      const target: WireLine | undefined = planned.find((l) => l.itemCode === line.itemCode);
      if (target) target.actualQty = (quantity(target.actualQty) ?? 0) + line.actualQty;
    }
    const allReceived = planned.every((l) => (quantity(l.actualQty) ?? 0) >= (quantity(l.planQty) ?? 0));
    const confirmType = opts.confirmType ?? (allReceived ? "0" : "1");
    order.status = opts.status ?? (confirmType === "0" ? "FULFILLED" : "PARTFULFILLED");
    confirms++;
    const outBizCode = opts.outBizCode ?? `CF${String(now().getTime()).slice(-8)}${String(confirms).padStart(4, "0")}`;
    const ro = order.document.returnOrder;
    const request = {
      returnOrder: {
        returnOrderCode: code,
        returnOrderId: order.returnOrderId,
        warehouseCode: ro.warehouseCode,
        outBizCode,
        orderType: ro.orderType ?? "THRK",
        orderConfirmTime: chinaDateTime(now()),
        logisticsCode: ro.logisticsCode,
        expressCode: ro.expressCode,
        returnOrderStatus: opts.status,
        confirmType,
      },
      orderLines: {
        orderLine: lines.map((l) => ({
          orderLineNo: l.orderLineNo,
          ownerCode: planned[0]?.ownerCode,
          itemCode: l.itemCode,
          inventoryType: l.inventoryType ?? "ZP",
          actualQty: l.actualQty,
          batchs: l.batches?.length
            ? { batch: l.batches.map((b) => ({ batchCode: b.batchCode, inventoryType: b.inventoryType ?? "ZP", actualQty: b.actualQty })) }
            : undefined,
        })),
      },
    };
    const call = signedCall(options, METHODS.confirm, request, now());
    const response = await fetch(`${options.webhookUrl()}?${new URLSearchParams(call.params).toString()}`, {
      method: "POST",
      headers: { "content-type": "text/xml;charset=utf-8" },
      body: call.body,
    });
    return { status: response.status, body: await response.text(), outBizCode };
  }

  return { app, credentials: { appKey: options.appKey, appSecret: options.appSecret, customerId: options.customerId }, orders, calls, confirm };
}
