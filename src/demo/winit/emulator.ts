import type { Express, Request, RequestHandler, Response } from "express";
import seedQuery from "./fixtures/seed-003-query-response.json" with { type: "json" };
import { chinaDate, chinaDateTime, parseChinaTime } from "../china-time.js";
import { rawTextApp } from "../emulator-server.js";
import { KNOWN_PRODUCTS, WAREHOUSE_CODES, WAREHOUSES } from "./catalogue.js";
import { isDay, orderedGoods, orderMethods, refuseHeader, refuseLine } from "./create.js";
import { generateOrders } from "./generated.js";
import { ACTIONS, ANSWERED_ORDER_FIELDS, expectedSignatures, signedDataText, VOIDABLE_STATUSES, WINIT_TIME, type WireOrder } from "./wire.js";

// An in-process WINIT: the same envelope, signing and rules as the real service, on loopback.
// Codes of the real service are used where seed 002 documents them; the others are this
// emulator's own and are only ever compared by tests against themselves.

export interface WinitEmulatorOptions {
  appKey: string;
  token: string;
  clientSecret: string;
  /** Generated orders besides the seed's (newest within the last `generatedDays` days). */
  generated?: number;
  generatedDays?: number;
  /** Seed of the generated data (different emulators, different orders). */
  seed?: number;
  now?: () => Date;
  /** Middleware ahead of the routes (tests: a fault switch). */
  before?: readonly RequestHandler[];
}

export interface WinitEmulator {
  app: Express;
  orders: Map<string, WireOrder>;
  /** Every accepted or refused call, in order: tests count upstream calls with it. */
  calls: { action: string; data: unknown }[];
  setStatus(no: string, status: string): void;
}

const fail = (code: string, msg: string) => ({ code, msg, data: "" });
const ok = (data: unknown) => ({ code: "0", msg: "操作成功", data });

function str(v: unknown): string {
  return typeof v === "string" ? v : "";
}

/** An order as the query answers it: the fields seed 003 lists, nothing the emulator keeps for itself. */
function answered(order: WireOrder): Record<string, unknown> {
  return Object.fromEntries(ANSWERED_ORDER_FIELDS.filter((f) => f in order).map((f) => [f, order[f]]));
}

const parseWinitTime = (text: string | null | undefined): Date | null => (text ? parseChinaTime(text, WINIT_TIME) : null);

export function createWinitEmulator(options: WinitEmulatorOptions): WinitEmulator {
  const now = options.now ?? (() => new Date());
  const orders = new Map<string, WireOrder>();
  const calls: { action: string; data: unknown }[] = [];
  let sequence = 0;

  for (const order of (seedQuery as { data: { list: WireOrder[] } }).data.list) {
    orders.set(order.returnGoodsOrderNo, structuredClone(order));
  }
  for (const order of generateOrders(options.seed, options.generated ?? 60, options.generatedDays ?? 90, now())) orders.set(order.returnGoodsOrderNo, order);

  function create(data: Record<string, unknown>) {
    const header = refuseHeader(data, WAREHOUSE_CODES);
    if (header) return fail(header.code, header.msg);
    const outbound = data["isWinitOutbound"] === "Y";
    const goods = data["ReturnGoodsList"];
    if (!Array.isArray(goods) || goods.length === 0) return fail("02010250304", "退货商品列表不能为空 ReturnGoodsList is required");
    for (const g of goods as Record<string, unknown>[]) {
      const refused = refuseLine(g, KNOWN_PRODUCTS);
      if (refused) return fail(refused.code, refused.msg);
    }
    sequence++;
    const no = `RT1600013${String(Date.now() % 10_000_000).padStart(7, "0")}${sequence}CN`;
    const rmaNo = String(9742208 + sequence);
    const returnAddress = `Winit ${str(data["warehouseCode"])} returns dock, 391 Park Road`;
    orders.set(no, {
      returnGoodsOrderNo: no,
      status: "OD",
      createDate: chinaDateTime(now()),
      customerOrderNo: str(data["customerOrderNo"]) || null,
      outboundOrderNo: str(data["outboundOrderNo"]) || null,
      expressNo: str(data["expressNo"]) || null,
      customerExpressNo: str(data["expressNo"]) || null,
      rmaNo,
      returnAddress,
      isReturnLabel: str(data["winitProductCode"]) ? "Y" : "N",
      retrunReason: "BR",
      warehouseCode: str(data["warehouseCode"]),
      buyerName: str(data["name"]) || null,
      originCode: outbound ? "OR" : "NR",
      ...orderMethods(goods as Record<string, unknown>[]),
      qtyItemNum: (goods as Record<string, unknown>[]).reduce((n, g) => n + Number(g["productNum"]), 0),
      mdImageList: [],
      orderGoodsList: (goods as Record<string, unknown>[]).map((g) => orderedGoods(g, str(data["ownerCode"]) || null)),
      shelveGoodsList: [],
    });
    return ok({ returnAddress, rmaNo, returnGoodsOrderNo: no });
  }

  function list(data: Record<string, unknown>) {
    const start = str(data["OderStartDatetime"]);
    const end = str(data["OderEndDatetime"]);
    if (!start || !end) return fail("02010250310", "OderStartDatetime和OderEndDatetime不能为空 the date window is required");
    const from = parseWinitTime(start);
    const to = parseWinitTime(end);
    if (!from || !to || !isDay(start) || !isDay(end)) return fail("02010250311", "日期格式错误 dates are yyyy-MM-dd days");
    const pageParams = (data["pageParams"] ?? {}) as Record<string, unknown>;
    const pageSize = Number(pageParams["pageSize"]);
    const pageNo = Number(pageParams["pageNo"] ?? 1);
    if (!Number.isInteger(pageSize) || pageSize < 1) return fail("02010250312", "pageSize is required");
    if (pageSize > 200) return fail("02010250313", "每页显示数量最大值200 pageSize must not exceed 200");
    if (!Number.isInteger(pageNo) || pageNo < 1) return fail("02010250314", "pageNo must be a positive integer");
    const fromDay = chinaDate(from);
    const toDay = chinaDate(to);
    const filters = ["returnGoodsOrderNo", "expressNo", "outboundOrderNo", "customerOrderNo", "rmaNo", "originCode", "warehouseCode"];
    // String(32) in seed 003 (warehouseCode has no length).
    const tooLong = filters.find((f) => f !== "warehouseCode" && str(data[f]).length > 32);
    if (tooLong) return fail("02010250321", `${tooLong}长度不能超过32 ${tooLong} is at most 32 characters`);
    const matching = [...orders.values()]
      .filter((o) => {
        const created = parseWinitTime(o.createDate);
        if (!created) return false;
        const day = chinaDate(created);
        if (day < fromDay || day > toDay) return false;
        return filters.every((f) => !str(data[f]) || str(data[f]) === str(o[f]));
      })
      .sort((a, b) =>
        a.createDate === b.createDate ? (a.returnGoodsOrderNo < b.returnGoodsOrderNo ? 1 : -1) : str(a.createDate) < str(b.createDate) ? 1 : -1,
      );
    // customerOrderNo filters but is not answered (seed 003, the SDK's ReturnOrder): answered fields only.
    const list = matching.slice((pageNo - 1) * pageSize, pageNo * pageSize).map(answered);
    return ok({ pageParams: { pageNo, pageSize, totalCount: matching.length }, list });
  }

  function voidOrders(data: Record<string, unknown>) {
    const nos = data["returnGoodsOrderNos"];
    if (!Array.isArray(nos) || nos.length === 0) return fail("02010250320", "returnGoodsOrderNos is required");
    const results = (nos as unknown[]).map((no) => {
      const order = orders.get(str(no));
      if (!order) return { returnGoodsOrder: str(no), result: "FAILED", reason: "退货订单不存在 order not found" };
      if (!VOIDABLE_STATUSES.has(order.status)) {
        return { returnGoodsOrder: str(no), result: "FAILED", reason: `退货订单状态[${order.status}]不支持作废` };
      }
      order.status = "VO";
      return { returnGoodsOrder: str(no), result: "SUCCESS", reason: "" };
    });
    const successCount = results.filter((r) => r.result === "SUCCESS").length;
    return ok({ successCount, failedCount: results.length - successCount, results });
  }

  const app = rawTextApp("5mb", options.before);
  app.post("/openapi/service", (req: Request, res: Response) => {
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(String(req.body ?? "")) as Record<string, unknown>;
      if (!body || typeof body !== "object") throw new Error("not an object");
    } catch {
      res.json(fail("00000000001", "请求格式错误 the body is not JSON"));
      return;
    }
    const action = str(body["action"]);
    calls.push({ action, data: body["data"] });
    for (const field of ["action", "app_key", "sign", "client_sign", "timestamp", "platform", "format", "sign_method", "version"]) {
      if (!str(body[field])) {
        res.json(fail("00000000002", `缺少系统参数 ${field}`));
        return;
      }
    }
    if (body["app_key"] !== options.appKey) {
      res.json(fail("00000000003", "app_key不存在 unknown app_key"));
      return;
    }
    const fields = {
      action,
      app_key: str(body["app_key"]),
      data: signedDataText(body["data"]),
      format: str(body["format"]),
      platform: str(body["platform"]),
      sign_method: str(body["sign_method"]),
      timestamp: str(body["timestamp"]),
      version: str(body["version"]),
    };
    const expected = expectedSignatures(fields, options.token, options.clientSecret);
    if (body["sign"] !== expected.sign) {
      res.json(fail("00000000004", "签名验证失败 sign mismatch"));
      return;
    }
    if (body["client_sign"] !== expected.client_sign) {
      res.json(fail("00000000005", "client_sign验证失败 client_sign mismatch"));
      return;
    }
    const data = (body["data"] && typeof body["data"] === "object" ? body["data"] : {}) as Record<string, unknown>;
    switch (action) {
      case ACTIONS.create:
        res.json(create(data));
        return;
      case ACTIONS.list:
        res.json(list(data));
        return;
      case ACTIONS.void:
        res.json(voidOrders(data));
        return;
      case ACTIONS.warehouses:
        res.json(ok(WAREHOUSES));
        return;
      default:
        res.json(fail("00000000006", `接口不存在 unknown action ${action}`));
    }
  });

  return {
    app,
    orders,
    calls,
    setStatus(no, status) {
      const order = orders.get(no);
      if (order) order.status = status;
    },
  };
}
