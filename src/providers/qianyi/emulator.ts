import type { Express, Request, Response } from "express";
import seedQuery from "./fixtures/seed-001-query-response.json" with { type: "json" };
import { rawTextApp, seededRandom } from "../emulator-server.js";
import { buildQianyiForm, QIANYI_SERVICES, type QianyiForm } from "./client.js";
import { parseJsonObject, parseQianyiDateTime, type QianyiWireCustomField, type QianyiWireOrder, type QianyiWireSku } from "./mapper.js";
import { QIANYI_CODES, qianyiEnvelope, readQianyiFields } from "./push.js";
import { verifyQianyiSign, withinQianyiWindow } from "./signing.js";
import { QIANYI_CLOSED_STATUS, qianyiClosable } from "./status.js";

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
}

export interface QianyiPushResult {
  status: number;
  body: unknown;
}

export interface QianyiEmulator {
  app: Express;
  orders: Map<string, QianyiWireOrder>;
  /** Every call, refused ones included, in order: tests count upstream calls with it. */
  calls: { serviceType: string; bizParam: unknown }[];
  setStatus(returnNumber: string, status: string): void;
  /** The signed fields of a PUSH_RETURN_ORDER_INFO for an order (known or not), without sending them. */
  buildPush(info: PushInfo, options?: { timestamp?: Date; appSecret?: string }): QianyiForm;
  /** Posts push fields to `webhookUrl()` as JSON (seed's "JSON type") or as a multipart form. */
  sendPush(form: QianyiForm, format?: "json" | "form"): Promise<QianyiPushResult>;
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

interface SalesOrder {
  shop: string;
  skus: { orderSkuId: number; sku: string }[];
}

const CUSTOM_FIELDS: Record<number, QianyiWireCustomField> = {
  43: {
    candidateValue: [],
    columCode: 5,
    columName: "网上订单号",
    columType: "STRING",
    customFieldId: 43,
    customFieldValueVOList: [],
    customerId: 3,
    customerIdForUser: 3,
    defaultValue: "",
    id: 43,
    isQuery: 1,
    isShow: 1,
    required: 1,
  },
  44: { candidateValue: ["良品", "不良品"], columCode: 6, columName: "质检结果", columType: "SELECT", customFieldId: 44, defaultValue: "", id: 44, required: 0 },
};
const WAREHOUSES = ["best warehouse(测试用)", "solaso-huzhiming", "GWMS"];
const SHOPS = ["测试1", "shopee111PH", "Solaso-ERP"];
const STATUSES = ["NEW", "WAIT_STORAGE", "WAIT_STORAGE", "FINISH", "FINISH", "FINISH", QIANYI_CLOSED_STATUS];

const fail = (code: string, msg: string) => qianyiEnvelope("failure", code, msg);
const ok = (content: Record<string, unknown> = {}) => qianyiEnvelope("success", "", "", { notSuccess: false, ...content, state: "success" });

const str = (v: unknown): string => (typeof v === "string" ? v : "");
const positiveInt = (v: unknown): boolean => typeof v === "number" && Number.isInteger(v) && v > 0;

export function createQianyiEmulator(options: QianyiEmulatorOptions): QianyiEmulator {
  const now = options.now ?? (() => new Date());
  const orders = new Map<string, QianyiWireOrder>();
  const salesOrders = new Map<string, SalesOrder>();
  const products = new Set(["DP001", "hmsku090901-1", "110015015005", "110015019002", "JCDF692024YH002", ...Array.from({ length: 50 }, (_, i) => `SKU-${String(i + 1).padStart(3, "0")}`)]);
  const calls: { serviceType: string; bizParam: unknown }[] = [];
  let sequence = 0;

  const seeded = JSON.parse((seedQuery as { bizContent: string }).bizContent) as { result: QianyiWireOrder[] };
  for (const order of seeded.result) orders.set(order.returnNumber, structuredClone(order));
  salesOrders.set("S250807148097", {
    shop: "Solaso-ERP",
    skus: [
      { orderSkuId: 92169604, sku: "110015015005" },
      { orderSkuId: 92169605, sku: "110015019002" },
    ],
  });

  const random = seededRandom(20250912);
  const count = options.generated ?? 50;
  const days = options.generatedDays ?? 90;
  for (let i = 0; i < count; i++) {
    const returnNumber = `B26${String(1000000 + i).padStart(10, "0")}`;
    const orderNumber = `S26${String(5000000 + i).padStart(10, "0")}`;
    const created = now().getTime() - Math.floor(random() * days * 86_400_000);
    const status = STATUSES[Math.floor(random() * STATUSES.length)]!;
    const sku = `SKU-${String(1 + Math.floor(random() * 50)).padStart(3, "0")}`;
    const quantity = 1 + Math.floor(random() * 3);
    const shop = SHOPS[i % SHOPS.length]!;
    const orderSkuId = 93000000 + i;
    const finished = status === "FINISH";
    const bad = finished && random() < 0.3 ? 1 : 0;
    salesOrders.set(orderNumber, { shop, skus: [{ orderSkuId, sku }] });
    orders.set(returnNumber, {
      returnNumber,
      status,
      createTime: created,
      updateTime: created + 3_600_000,
      commitTime: status === "NEW" ? null : created + 60_000,
      finishTime: finished ? created + 3 * 86_400_000 : null,
      orderNumber,
      onlineOrderNumber: `ON${2500000000 + i}`,
      buyerId: String(400 + i),
      warehouse: WAREHOUSES[i % WAREHOUSES.length]!,
      shop,
      carrier: "jt",
      customNumber: `8011${String(100000 + i)}`,
      reason: "与商家协商一致",
      remark: "",
      currency: "CNY",
      orderRefundAmount: 0,
      type: "SALES_RETURN",
      isDeleted: 0,
      withoutType: false,
      warehouseEntryID: 46000 + i,
      warehouseEntryNumber: `A26${String(2000000 + i).padStart(10, "0")}`,
      refundCustomFieldValueVOList: [{ ...CUSTOM_FIELDS[43]!, value: `ON${2500000000 + i}` }],
      returnSkuList: [
        {
          sku,
          orderSkuId,
          quantity,
          selected: 1,
          isDeleted: 0,
          itemRefundAmount: 0,
          storageLocationCode: "SYS LOC",
          ...(finished
            ? { goodQuantity: quantity - bad, badQuantity: bad, locAndQuantityList: [{ receiveQuantity: quantity, storageLocationCode: "SYS LOC" }] }
            : {}),
        },
      ],
    });
  }

  function create(biz: Record<string, unknown>) {
    const warehouse = str(biz["warehouse"]);
    const shop = str(biz["shop"]);
    if (!warehouse) return fail(QIANYI_CODES.input, "退货仓库不能为空 warehouse is required");
    if (warehouse.length > 50) return fail(QIANYI_CODES.input, "退货仓库最大50个字符 warehouse is at most 50 characters");
    if (!shop) return fail(QIANYI_CODES.input, "退货店铺不能为空 shop is required");
    if (shop.length > 50) return fail(QIANYI_CODES.input, "退货店铺最大50个字符 shop is at most 50 characters");
    for (const [field, max] of [["carrier", 50], ["customNumber", 50], ["reason", 512]] as const) {
      if (str(biz[field]).length > max) return fail(QIANYI_CODES.input, `${field}最大${max}个字符`);
    }
    if (biz["expectArriveTime"] != null && !/^\d{4}-\d{2}-\d{2}$/.test(str(biz["expectArriveTime"]))) {
      return fail(QIANYI_CODES.input, "预计到货时间格式 yyyy-MM-dd");
    }
    if (biz["autoCommit"] != null && typeof biz["autoCommit"] !== "boolean") return fail(QIANYI_CODES.input, "autoCommit must be true or false");
    const orderNumber = str(biz["orderNumber"]);
    const salesOrder = orderNumber ? salesOrders.get(orderNumber) : undefined;
    if (orderNumber && !salesOrder) return fail(QIANYI_CODES.input, `销售订单[${orderNumber}]不存在`);
    if (salesOrder && salesOrder.shop !== shop) return fail(QIANYI_CODES.input, "订单所属店铺必须和shop一样 the order's shop differs from shop");
    const list = biz["returnSkuList"];
    if (!Array.isArray(list) || list.length === 0) return fail(QIANYI_CODES.input, "退货SKU不能为空 returnSkuList is required");
    const lines: QianyiWireSku[] = [];
    for (const raw of list as Record<string, unknown>[]) {
      if (!raw || typeof raw !== "object") return fail(QIANYI_CODES.input, "returnSkuList entries are objects");
      if (!positiveInt(raw["quantity"])) return fail(QIANYI_CODES.input, "退货数量必须大于0 quantity is required");
      let sku = str(raw["sku"]);
      const orderSkuId = raw["orderSkuId"];
      if (orderSkuId == null && !sku) return fail(QIANYI_CODES.input, "orderSkuId、sku选一填写 one of orderSkuId and sku is required");
      if (orderSkuId != null) {
        // With both given, orderSkuId wins.
        const candidates = salesOrder ? salesOrder.skus : [...salesOrders.values()].flatMap((o) => o.skus);
        const match = candidates.find((s) => s.orderSkuId === orderSkuId);
        if (!match) return fail(QIANYI_CODES.input, `销售订单商品[${String(orderSkuId)}]不存在`);
        sku = match.sku;
      } else if (!products.has(sku)) {
        return fail(QIANYI_CODES.input, `商品SKU[${sku}]不存在`);
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
    const customFields: QianyiWireCustomField[] = [];
    const givenFields = biz["refundCustomFieldValueVOList"];
    if (givenFields != null) {
      if (!Array.isArray(givenFields)) return fail(QIANYI_CODES.input, "refundCustomFieldValueVOList must be a list");
      for (const f of givenFields as Record<string, unknown>[]) {
        const definition = CUSTOM_FIELDS[Number(f?.["customFieldId"])];
        if (!definition) return fail(QIANYI_CODES.input, `自定义栏位[${String(f?.["customFieldId"])}]不存在`);
        if (typeof f["value"] !== "string") return fail(QIANYI_CODES.input, "自定义栏位的值不能为空 value is required");
        customFields.push({ ...definition, value: f["value"] });
      }
    }
    sequence++;
    const at = now().getTime();
    const returnNumber = `B27${String(at % 10_000_000).padStart(7, "0")}${String(sequence).padStart(3, "0")}`;
    const committed = biz["autoCommit"] === true;
    const order: QianyiWireOrder = {
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
    if (!returnNumber) return fail(QIANYI_CODES.input, "退货单号不能为空 returnNumber is required");
    const order = orders.get(returnNumber);
    if (!order) return fail(QIANYI_CODES.input, `退货单[${returnNumber}]不存在`);
    if (!qianyiClosable(order.status)) return fail(QIANYI_CODES.input, `退货单状态[${order.status}]不允许关闭`);
    order.status = QIANYI_CLOSED_STATUS;
    order.updateTime = now().getTime();
    return ok();
  }

  function query(biz: Record<string, unknown>) {
    const page = biz["page"] ?? 1;
    const pageSize = biz["pageSize"] ?? 100;
    if (!positiveInt(page)) return fail(QIANYI_CODES.input, "page must be a positive integer");
    if (!positiveInt(pageSize)) return fail(QIANYI_CODES.input, "pageSize must be a positive integer");
    if ((pageSize as number) > 200) return fail(QIANYI_CODES.input, "每页条数不超过200条 pageSize must not exceed 200");
    const bounds: Record<string, number> = {};
    for (const field of ["fromCreateTime", "toCreateTime"]) {
      if (biz[field] == null) continue;
      const at = parseQianyiDateTime(str(biz[field]));
      if (!at) return fail(QIANYI_CODES.input, `${field}格式 yyyy-MM-dd HH:mm:ss`);
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

  const app = rawTextApp();
  app.post("/api/v1/returnOrder", async (req: Request, res: Response) => {
    const contentType = String(req.headers["content-type"] ?? "");
    const form = contentType.toLowerCase().includes("multipart/form-data")
      ? await readQianyiFields(Buffer.from(String(req.body ?? ""), "utf8"), contentType)
      : null;
    if (!form) {
      calls.push({ serviceType: "", bizParam: null });
      res.json(fail(QIANYI_CODES.input, "需要multipart/form-data参数 appId, serviceType, bizParam, timestamp, sign"));
      return;
    }
    const biz = parseJsonObject(form.bizParam);
    calls.push({ serviceType: form.serviceType, bizParam: biz ?? form.bizParam });
    if (form.appId !== options.appId || !verifyQianyiSign(form, options.appSecret, form.sign)) {
      res.json(fail(QIANYI_CODES.auth, "签名校验失败 signature check failed"));
      return;
    }
    if (!withinQianyiWindow(form.timestamp, now())) {
      res.json(fail(QIANYI_CODES.stale, "时间戳与服务器时间相差超过5分钟 timestamp outside the 5-minute window"));
      return;
    }
    if (!biz) {
      res.json(fail(QIANYI_CODES.input, "bizParam不是JSON对象 bizParam is not a JSON object"));
      return;
    }
    const data = biz;
    switch (form.serviceType) {
      case QIANYI_SERVICES.create:
        res.json(create(data));
        return;
      case QIANYI_SERVICES.close:
        res.json(close(data));
        return;
      case QIANYI_SERVICES.list:
        res.json(query(data));
        return;
      default:
        res.json(fail(QIANYI_CODES.input, `serviceType[${form.serviceType}]不存在`));
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
      return buildQianyiForm(
        { appId: options.appId, appSecret: pushOptions.appSecret ?? options.appSecret },
        QIANYI_SERVICES.push,
        bizParam,
        pushOptions.timestamp ?? now(),
      );
    },
    async sendPush(form, format = "json") {
      if (!options.webhookUrl) throw new Error("this emulator has no webhook URL to push to");
      let body: string | FormData;
      const headers: Record<string, string> = {};
      if (format === "json") {
        body = JSON.stringify(form);
        headers["content-type"] = "application/json";
      } else {
        body = new FormData();
        for (const [name, value] of Object.entries(form)) body.append(name, value);
      }
      const response = await fetch(options.webhookUrl(), { method: "POST", headers, body });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // not JSON: kept as text for the test to see
      }
      return { status: response.status, body: parsed };
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
