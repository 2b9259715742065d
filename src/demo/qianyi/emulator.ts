import type { Express, Request, RequestHandler, Response } from "express";
import { parseChinaTime } from "../china-time.js";
import { rawTextApp } from "../emulator-server.js";
import { CUSTOM_FIELDS, PRODUCTS, startingData } from "./data.js";
import { CLOSABLE_STATUSES, CLOSED_STATUS, CODES, envelope, jsonObject, QIANYI_TIME, readMultipart, postPush, signatureHolds, signedFields, SERVICES, timestampFresh, type QianyiFields, type QianyiPushResult, type WireCustomField, type WireOrder, type WireSku } from "./wire.js";

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

const fail = (code: string, msg: string) => envelope("failure", code, msg);
const ok = (content: Record<string, unknown> = {}) => envelope("success", "", "", { notSuccess: false, ...content, state: "success" });

const str = (v: unknown): string => (typeof v === "string" ? v : "");
const positiveInt = (v: unknown): boolean => typeof v === "number" && Number.isInteger(v) && v > 0;

export function createQianyiEmulator(options: QianyiEmulatorOptions): QianyiEmulator {
  const now = options.now ?? (() => new Date());
  const products = new Set(PRODUCTS);
  const calls: { serviceType: string; bizParam: unknown }[] = [];
  let sequence = 0;

  const { orders, salesOrders } = startingData(now, options.generated ?? 50, options.generatedDays ?? 90);

  function create(biz: Record<string, unknown>) {
    const warehouse = str(biz["warehouse"]);
    const shop = str(biz["shop"]);
    if (!warehouse) return fail(CODES.input, "退货仓库不能为空 warehouse is required");
    if (warehouse.length > 50) return fail(CODES.input, "退货仓库最大50个字符 warehouse is at most 50 characters");
    if (!shop) return fail(CODES.input, "退货店铺不能为空 shop is required");
    if (shop.length > 50) return fail(CODES.input, "退货店铺最大50个字符 shop is at most 50 characters");
    for (const [field, max] of [["carrier", 50], ["customNumber", 50], ["reason", 512]] as const) {
      if (str(biz[field]).length > max) return fail(CODES.input, `${field}最大${max}个字符`);
    }
    if (biz["expectArriveTime"] != null && !/^\d{4}-\d{2}-\d{2}$/.test(str(biz["expectArriveTime"]))) {
      return fail(CODES.input, "预计到货时间格式 yyyy-MM-dd");
    }
    if (biz["autoCommit"] != null && typeof biz["autoCommit"] !== "boolean") return fail(CODES.input, "autoCommit must be true or false");
    const orderNumber = str(biz["orderNumber"]);
    const salesOrder = orderNumber ? salesOrders.get(orderNumber) : undefined;
    if (orderNumber && !salesOrder) return fail(CODES.input, `销售订单[${orderNumber}]不存在`);
    if (salesOrder && salesOrder.shop !== shop) return fail(CODES.input, "订单所属店铺必须和shop一样 the order's shop differs from shop");
    const list = biz["returnSkuList"];
    if (!Array.isArray(list) || list.length === 0) return fail(CODES.input, "退货SKU不能为空 returnSkuList is required");
    const lines: WireSku[] = [];
    for (const raw of list as Record<string, unknown>[]) {
      if (!raw || typeof raw !== "object") return fail(CODES.input, "returnSkuList entries are objects");
      if (!positiveInt(raw["quantity"])) return fail(CODES.input, "退货数量必须大于0 quantity is required");
      let sku = str(raw["sku"]);
      const orderSkuId = raw["orderSkuId"];
      if (orderSkuId == null && !sku) return fail(CODES.input, "orderSkuId、sku选一填写 one of orderSkuId and sku is required");
      if (orderSkuId != null) {
        // With both given, orderSkuId wins.
        const candidates = salesOrder ? salesOrder.skus : [...salesOrders.values()].flatMap((o) => o.skus);
        const match = candidates.find((s) => s.orderSkuId === orderSkuId);
        if (!match) return fail(CODES.input, `销售订单商品[${String(orderSkuId)}]不存在`);
        sku = match.sku;
      } else if (!products.has(sku)) {
        return fail(CODES.input, `商品SKU[${sku}]不存在`);
      }
      lines.push({
        sku,
        orderSkuId: typeof orderSkuId === "number" ? orderSkuId : null,
        quantity: raw["quantity"] as number,
        selected: 1,
        isDeleted: 0,
        itemRefundAmount: 0,
        storageLocationCode: str(raw["storageLocationCode"]) || "SYS LOC",
        remark: str(raw["remark"]) || undefined,
      });
    }
    const customFields: WireCustomField[] = [];
    const givenFields = biz["refundCustomFieldValueVOList"];
    if (givenFields != null) {
      if (!Array.isArray(givenFields)) return fail(CODES.input, "refundCustomFieldValueVOList must be a list");
      for (const f of givenFields as Record<string, unknown>[]) {
        const definition = CUSTOM_FIELDS[Number(f?.["customFieldId"])];
        if (!definition) return fail(CODES.input, `自定义栏位[${String(f?.["customFieldId"])}]不存在`);
        if (typeof f["value"] !== "string") return fail(CODES.input, "自定义栏位的值不能为空 value is required");
        customFields.push({ ...definition, value: f["value"] });
      }
    }
    sequence++;
    const at = now().getTime();
    const returnNumber = `B27${String(at % 10_000_000).padStart(7, "0")}${String(sequence).padStart(3, "0")}`;
    const committed = biz["autoCommit"] === true;
    const order: WireOrder = {
      returnNumber,
      status: committed ? "WAIT_STORAGE" : "NEW",
      createTime: at,
      updateTime: at,
      commitTime: committed ? at : null,
      orderNumber: orderNumber || null,
      warehouse,
      shop,
      carrier: str(biz["carrier"]) || null,
      customNumber: str(biz["customNumber"]) || null,
      reason: str(biz["reason"]) || null,
      remark: str(biz["remark"]),
      type: "SALES_RETURN",
      isDeleted: 0,
      withoutType: false,
      orderRefundAmount: 0,
      refundCustomFieldValueVOList: customFields,
      returnSkuList: lines,
    };
    orders.set(returnNumber, order);
    return ok({
      result: {
        createTime: at,
        returnNumber,
        returnSkuList: lines.map((l) => ({ quantity: l.quantity, selected: 1, sku: l.sku })),
        shop,
        status: order.status,
        type: order.type,
        warehouse,
        withoutType: false,
      },
    });
  }

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
    const bounds: Record<string, number> = {};
    for (const field of ["fromCreateTime", "toCreateTime"]) {
      if (biz[field] == null) continue;
      const at = parseChinaTime(str(biz[field]), QIANYI_TIME);
      if (!at) return fail(CODES.input, `${field}格式 yyyy-MM-dd HH:mm:ss`);
      bounds[field] = at.getTime();
    }
    const exact = ["returnNumber", "warehouse", "status"];
    const matching = [...orders.values()]
      .filter((o) => exact.every((f) => biz[f] == null || str(biz[f]) === str(o[f])))
      .filter((o) => (bounds["fromCreateTime"] == null || (o.createTime ?? 0) >= bounds["fromCreateTime"]) && (bounds["toCreateTime"] == null || (o.createTime ?? 0) <= bounds["toCreateTime"]))
      .sort((a, b) => (b.createTime ?? 0) - (a.createTime ?? 0) || (a.returnNumber < b.returnNumber ? 1 : -1));
    const p = page as number;
    const size = pageSize as number;
    return ok({ result: matching.slice((p - 1) * size, p * size), total: matching.length });
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
    switch (form.serviceType) {
      case SERVICES.create:
        res.json(create(data));
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
