import type { Express, Request, RequestHandler, Response } from "express";
import { rawTextApp } from "../emulator-server.js";
import { createReturnOrder, fail, ok, positiveInt, str, type HeldData } from "./create.js";
import { PRODUCTS, startingData } from "./data.js";
import { queryFilter } from "./query-filters.js";
import {
  CLOSABLE_STATUSES,
  CLOSED_STATUS,
  CODES,
  envelope,
  jsonObject,
  readMultipart,
  postPush,
  signatureHolds,
  signedFields,
  SERVICES,
  timestampFresh,
  type QianyiFields,
  type QianyiPushResult,
  type WireOrder,
} from "./wire.js";

// An in-process Qianyi ERP: the same multipart form, signing, envelope (bizContent as a JSON
// string) and rules as the real service, on loopback. AUTH_001 and DATA_INPUT_ERROR are Qianyi's
// documented codes; AUTH_002 (timestamp outside the window) is this emulator's own.

export interface QianyiEmulatorOptions {
  appId: string;
  appSecret: string;
  generated?: number;
  generatedDays?: number;
  now?: () => Date;
  /** Where pushes go (the subgraph's /webhooks/qianyi). */
  webhookUrl?: () => string;
  /** Middleware ahead of the routes (tests: a fault switch). */
  before?: readonly RequestHandler[];
}

export interface QianyiEmulator {
  app: Express;
  orders: Map<string, WireOrder>;
  /** Every call, refused ones included, in order: tests count upstream calls with it. */
  calls: { serviceType: string; bizParam: unknown }[];
  setStatus(returnNumber: string, status: string): void;
  /** The signed fields of a PUSH_RETURN_ORDER_INFO for an order (known or not), without sending them. */
  buildPush(info: PushInfo, options?: { timestamp?: Date; appSecret?: string }): QianyiFields;
  /** Posts push fields to `webhookUrl()` as JSON (seed's "JSON type") or as a multipart form. */
  sendPush(form: QianyiFields, format?: "json" | "form"): Promise<QianyiPushResult>;
  /**
   * The next call of `serviceType` is refused the way the Go SDK's `HasError` reads it: `state:
   * success` with an `errorCode` (its test `TestParseResponse_WrapperWithError`), nothing done.
   */
  refuseNextAsSuccess(serviceType: string, errorCode: string, errorMsg: string): void;
  /** Moves a held order to `status` and pushes the change, as Qianyi does on completion. */
  pushStatus(returnNumber: string, status: string, format?: "json" | "form"): Promise<QianyiPushResult>;
}

export interface PushInfo {
  returnNumber: string;
  status: string;
  orderNumber?: string | null;
  onlineOrderNumber?: string | null;
  returnSkuList?: { orderSkuId?: number | null; quantity: number; sku: string }[];
}

/** The document type a create makes and a query returns by default (退货单). */
const RETURN_DOCUMENT = "SALES_RETURN";

function withoutCommitTime(order: WireOrder): WireOrder {
  const { commitTime: _omitted, ...rest } = order;
  return rest as WireOrder;
}

export function createQianyiEmulator(options: QianyiEmulatorOptions): QianyiEmulator {
  const now = options.now ?? (() => new Date());
  const products = new Set(PRODUCTS);
  const calls: { serviceType: string; bizParam: unknown }[] = [];
  let sequence = 0;

  const { orders, salesOrders } = startingData(now, options.generated ?? 50, options.generatedDays ?? 90);
  const held: HeldData = { orders, salesOrders, products, now, nextSequence: () => ++sequence };
  const refusalsAsSuccess = new Map<string, ReturnType<typeof envelope>>();

  function close(biz: Record<string, unknown>) {
    const returnNumber = str(biz["returnNumber"]);
    if (!returnNumber) return fail(CODES.input, "退货单号不能为空 returnNumber is required");
    const order = orders.get(returnNumber);
    if (!order) return fail(CODES.input, `退货单[${returnNumber}]不存在`);
    if (!CLOSABLE_STATUSES.has(order.status)) return fail(CODES.input, `退货单状态[${order.status}]不允许关闭`);
    order.status = CLOSED_STATUS;
    order.updateTime = now().getTime();
    return ok();
  }

  function query(biz: Record<string, unknown>) {
    const page = biz["page"] ?? 1;
    const pageSize = biz["pageSize"] ?? 100;
    if (!positiveInt(page)) return fail(CODES.input, "page must be a positive integer");
    if (!positiveInt(pageSize)) return fail(CODES.input, "pageSize must be a positive integer");
    if ((pageSize as number) > 200) return fail(CODES.input, "每页条数不超过200条 pageSize must not exceed 200");
    for (const flag of ["withoutType", "withCommitTime"]) {
      if (biz[flag] != null && typeof biz[flag] !== "boolean") return fail(CODES.input, `${flag} must be true or false`);
    }
    const filter = queryFilter(biz);
    if ("refused" in filter) return fail(filter.refused.code, filter.refused.message);
    const exact = ["returnNumber", "warehouse", "status"];
    // 同时返回退款单、退货单、补发货单: without withoutType only return documents come back.
    const everyType = biz["withoutType"] === true;
    const matching = [...orders.values()]
      .filter((o) => everyType || o["type"] === RETURN_DOCUMENT)
      .filter((o) => exact.every((f) => biz[f] == null || str(biz[f]) === str(o[f])))
      .filter(filter.keeps)
      .sort((a, b) => (b.createTime ?? 0) - (a.createTime ?? 0) || (a.returnNumber < b.returnNumber ? 1 : -1));
    const p = page as number;
    const size = pageSize as number;
    // 同时返回提交时间: commitTime only when asked for.
    const shown = matching.slice((p - 1) * size, p * size).map((o) => (biz["withCommitTime"] === true ? o : withoutCommitTime(o)));
    return ok({ result: shown, total: matching.length });
  }

  const app = rawTextApp("5mb", options.before);
  app.post("/api/v1/returnOrder", async (req: Request, res: Response) => {
    const contentType = String(req.headers["content-type"] ?? "");
    const form = contentType.toLowerCase().includes("multipart/form-data")
      ? await readMultipart(Buffer.from(String(req.body ?? ""), "utf8"), contentType)
      : null;
    if (!form) {
      calls.push({ serviceType: "", bizParam: null });
      res.json(fail(CODES.input, "需要multipart/form-data参数 appId, serviceType, bizParam, timestamp, sign"));
      return;
    }
    const biz = jsonObject(form.bizParam);
    calls.push({ serviceType: form.serviceType, bizParam: biz ?? form.bizParam });
    if (form.appId !== options.appId || !signatureHolds(form, options.appSecret)) {
      res.json(fail(CODES.auth, "签名校验失败 signature check failed"));
      return;
    }
    if (!timestampFresh(form.timestamp, now())) {
      res.json(fail(CODES.stale, "时间戳与服务器时间相差超过5分钟 timestamp outside the 5-minute window"));
      return;
    }
    if (!biz) {
      res.json(fail(CODES.input, "bizParam不是JSON对象 bizParam is not a JSON object"));
      return;
    }
    const data = biz;
    const refusal = refusalsAsSuccess.get(form.serviceType);
    if (refusal) {
      refusalsAsSuccess.delete(form.serviceType);
      res.json(refusal);
      return;
    }
    switch (form.serviceType) {
      case SERVICES.create:
        res.json(createReturnOrder(data, held));
        return;
      case SERVICES.close:
        res.json(close(data));
        return;
      case SERVICES.list:
        res.json(query(data));
        return;
      default:
        res.json(fail(CODES.input, `serviceType[${form.serviceType}]不存在`));
    }
  });

  const emulator: QianyiEmulator = {
    app,
    orders,
    calls,
    refuseNextAsSuccess(serviceType, errorCode, errorMsg) {
      refusalsAsSuccess.set(serviceType, { ...envelope("success", errorCode, errorMsg), bizContent: "" });
    },
    setStatus(returnNumber, status) {
      const order = orders.get(returnNumber);
      if (!order) return;
      order.status = status;
      order.updateTime = now().getTime();
      if (status === "FINISH") order.finishTime = order.updateTime;
    },
    buildPush(info, pushOptions = {}) {
      const bizParam = {
        orderNumber: info.orderNumber ?? "",
        returnSkuList: info.returnSkuList ?? [],
        onlineOrderNumber: info.onlineOrderNumber ?? "",
        returnNumber: info.returnNumber,
        status: info.status,
      };
      return signedFields(
        { appId: options.appId, appSecret: pushOptions.appSecret ?? options.appSecret },
        SERVICES.push,
        bizParam,
        pushOptions.timestamp ?? now(),
      );
    },
    async sendPush(form, format = "json") {
      if (!options.webhookUrl) throw new Error("this emulator has no webhook URL to push to");
      return postPush(options.webhookUrl(), form, format);
    },
    async pushStatus(returnNumber, status, format = "json") {
      emulator.setStatus(returnNumber, status);
      const order = orders.get(returnNumber);
      const form = emulator.buildPush({
        returnNumber,
        status,
        orderNumber: order?.orderNumber ?? null,
        onlineOrderNumber: order?.onlineOrderNumber ?? null,
        returnSkuList: (order?.returnSkuList ?? []).map((s) => ({
          orderSkuId: typeof s.orderSkuId === "number" ? s.orderSkuId : null,
          quantity: s.quantity ?? 0,
          sku: s.sku ?? "",
        })),
      });
      return emulator.sendPush(form, format);
    },
  };
  return emulator;
}
