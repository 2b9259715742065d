import { randomBytes } from "node:crypto";
import type { Express, Request, RequestHandler, Response } from "express";
import seedUpdate from "./fixtures/seed-000-update-response.json" with { type: "json" };
import { chinaDateTime } from "../china-time.js";
import { rawTextApp } from "../emulator-server.js";
import { checkFields, missingField, type Refusal } from "./checks.js";
import { OMS_EMULATOR_WAREHOUSES, startingData } from "./data.js";
import { NUMERIC_CODES, str, TEXT_FIELDS } from "./fields.js";
import { listOrders } from "./list.js";
import {
  base64Bytes,
  CANCELLED,
  OMS_EMULATOR_CODES,
  OPEN_STATUSES,
  PATHS,
  readToken,
  signatureHolds,
  TOKEN_WINDOW_MS,
  type WireItem,
  type WireOrder,
} from "./wire.js";

// An in-process 众包 OMS: the same token, envelope and rules as the real service, on loopback.
// "20000" is the OMS's documented success code; the error codes are this emulator's own
// (the OMS publishes its list only behind a login) and are only compared by tests to themselves.
export { OMS_EMULATOR_CODES } from "./wire.js";
export { OMS_EMULATOR_MAX_PAGE_SIZE, OMS_EMULATOR_WAREHOUSES, OMS_EMULATOR_WAREHOUSE_CODES } from "./data.js";

/** The keys of the documented update answer (seed 000): the emulator answers create and update with exactly these. */
const ANSWER_KEYS = Object.keys(seedUpdate.data);

export interface OmsEmulatorOptions {
  apiKey: string;
  apiSecret: string;
  /** Generated orders besides the seed's (created within the last `generatedDays` days). */
  generated?: number;
  generatedDays?: number;
  now?: () => Date;
  /** Middleware ahead of the routes (tests: a fault switch). */
  before?: readonly RequestHandler[];
}

export interface StoredAttachment {
  fileName: string;
  attachmentType: string;
  bytes: number;
}

export interface OmsEmulator {
  app: Express;
  orders: Map<string, WireOrder>;
  attachments: Map<string, StoredAttachment[]>;
  /** Every call, accepted or refused, in order: tests count upstream calls with it. */
  calls: { path: string; body: unknown; code: string }[];
  setStatus(orderNo: string, status: number): void;
  /** Runs before a verified call is handled (tests move an order on "meanwhile"). */
  beforeHandle: ((path: string, body: Record<string, unknown>) => void) | null;
}

type Body = Record<string, unknown>;

/** A per-item code as the OMS keeps it (a number); absent when not given. */
const codeOf = (v: unknown): number | null => (str(v) && /^-?\d+$/.test(str(v)) ? Number(str(v)) : null);
/** The file type the sibling lists name (PNG, JPG, JPEG, PDF), from the file's extension. */
const fileTypeOf = (fileName: string) => /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toUpperCase() ?? "";

export function createOmsEmulator(options: OmsEmulatorOptions): OmsEmulator {
  const now = options.now ?? (() => new Date());
  const attachments = new Map<string, StoredAttachment[]>();
  const calls: OmsEmulator["calls"] = [];
  const nonces = new Map<string, number>();
  let sequence = 0;

  const envelope = (code: string, data: unknown, message: string, errors: unknown[] = []) => ({
    code,
    success: code === OMS_EMULATOR_CODES.ok,
    data,
    message,
    errors,
    timestamp: String(now().getTime()),
    duration: 0.2,
    requestId: randomBytes(16).toString("hex"),
  });
  const ok = (data: unknown) => envelope(OMS_EMULATOR_CODES.ok, data, "请求成功");
  const fail = (code: string, message: string, errors: unknown[] = []) => envelope(code, null, message, errors);
  const missing = (fields: string[]) => refusal(missingField(fields));

  const answerOf = (order: WireOrder) =>
    Object.fromEntries(ANSWER_KEYS.map((k) => [k, order[k] ?? (typeof seedUpdate.data[k as keyof typeof seedUpdate.data] === "number" ? 0 : "")]));

  const { orders, nextItemId } = startingData(now, options.generated ?? 50, options.generatedDays ?? 90);
  let itemIds = nextItemId;

  const refusal = (refused: Refusal) => fail(refused.code, refused.message, refused.errors);

  function apply(order: WireOrder, body: Body) {
    for (const field of TEXT_FIELDS) if (body[field] !== undefined) order[field] = str(body[field]);
    for (const field of NUMERIC_CODES) if (str(body[field])) order[field] = Number(body[field]);
    if (Array.isArray(body["itemDTOs"])) {
      const old = new Map((order.itemDTOs ?? []).map((item) => [item.returnOrderId, item]));
      order.itemDTOs = (body["itemDTOs"] as Body[]).map((item): WireItem => {
        const before = old.get(item["returnOrderId"] as number);
        return {
          returnOrderId: before?.returnOrderId ?? itemIds++,
          productId: before?.productId ?? 3000 + itemIds,
          productSku: str(item["productSku"]),
          productName: before?.productName ?? `Product ${str(item["productSku"])}`,
          qty: Number(item["qty"]),
          receiveQty: before?.receiveQty ?? 0,
          productQuality: codeOf(item["productQuality"]) ?? before?.productQuality ?? -1,
          handleType: codeOf(item["handleType"]) ?? before?.handleType ?? -1,
          remark: str(item["remark"]),
        };
      });
      order.qty = order.itemDTOs.reduce((n, item) => n + Number(item.qty), 0);
    }
    const files = (body["attachmentOpenDTOs"] ?? []) as Body[];
    if (files.length > 0) {
      const list = attachments.get(order.orderNo) ?? [];
      for (const file of files)
        list.push({ fileName: str(file["fileName"]), attachmentType: str(file["attachmentType"]), bytes: base64Bytes(str(file["base64"])) });
      attachments.set(order.orderNo, list);
      // Read back as the sibling lists answer them (`openAttachments`), without the content.
      order["openAttachments"] = list.map((a) => ({ attachmentType: a.attachmentType, fileType: fileTypeOf(a.fileName), fileName: a.fileName }));
    }
    order.updateTime = chinaDateTime(now());
  }

  function create(body: Body) {
    const absent = ["warehouseCode", "contactName"].filter((f) => !str(body[f]));
    if (body["itemDTOs"] === undefined) absent.push("itemDTOs");
    if (absent.length > 0) return missing(absent);
    const invalid = checkFields(body);
    if (invalid) return refusal(invalid);
    sequence++;
    const at = now();
    const orderNo = `RO${chinaDateTime(at).slice(2, 10).replaceAll("-", "")}${String(at.getTime() % 1e7).padStart(7, "0")}${sequence}`;
    const order: WireOrder = {
      orderNo,
      receiveQty: 0,
      goodQty: 0,
      badQty: 0,
      putawayQty: 0,
      putawayBadQty: 0,
      destroyQty: 0,
      status: 1,
      pickupType: 1,
      returnType: 1,
      isSplitAsn: -1,
      cancelType: 0,
      cancelRemark: "",
      errorReason: "",
      createTime: chinaDateTime(at),
    };
    apply(order, body);
    orders.set(orderNo, order);
    return ok(answerOf(order));
  }

  function update(body: Body) {
    if (!str(body["orderNo"])) return missing(["orderNo"]);
    const order = orders.get(str(body["orderNo"]));
    if (!order) return fail(OMS_EMULATOR_CODES.notFound, `退件单${str(body["orderNo"])}不存在`);
    if (!OPEN_STATUSES.has(String(order.status))) {
      return fail(OMS_EMULATOR_CODES.cannotUpdate, `退件单当前状态[${String(order.status)}]不允许修改 (the parcel has been received or the order is closed)`);
    }
    const invalid = checkFields(body);
    if (invalid) return refusal(invalid);
    apply(order, body);
    return ok(answerOf(order));
  }

  /** A batch: each order is cancelled or refused on its own, and the envelope succeeds for the batch. */
  function cancel(body: Body) {
    const numbers = body["orderNos"];
    if (!Array.isArray(numbers) || numbers.length === 0) return missing(["orderNos"]);
    const successList: { orderNo: string; message: string }[] = [];
    const failList: { orderNo: string; message: string }[] = [];
    for (const orderNo of numbers.map(str)) {
      const order = orders.get(orderNo);
      if (!order) failList.push({ orderNo, message: `退件单${orderNo}不存在` });
      else if (!OPEN_STATUSES.has(String(order.status))) failList.push({ orderNo, message: `退件单当前状态[${String(order.status)}]不允许取消` });
      else {
        order.status = CANCELLED;
        order.cancelType = 1;
        order.cancelRemark = str(body["cancelRemark"]);
        order.updateTime = chinaDateTime(now());
        successList.push({ orderNo, message: "取消成功" });
      }
    }
    return ok({ totalQty: numbers.length, successQty: successList.length, failQty: failList.length, successList, failList });
  }

  function list(body: Body) {
    const outcome = listOrders(orders.values(), body);
    if ("missing" in outcome) return missing([outcome.missing]);
    if ("invalid" in outcome) return fail(OMS_EMULATOR_CODES.badValue, "参数校验失败", [outcome.invalid]);
    return ok(outcome.data);
  }

  /** The token check: decodable, a known key, a timestamp within five minutes, a fresh nonce, the right signature. */
  function authenticate(header: string | undefined) {
    const parts = header ? readToken(header) : null;
    if (!parts) return fail(OMS_EMULATOR_CODES.noToken, "未授权：Authorization缺失或格式错误");
    if (parts.apiKey !== options.apiKey) return fail(OMS_EMULATOR_CODES.unknownKey, "未授权：apiKey不存在");
    const at = now().getTime();
    if (Math.abs(at - Number(parts.ts)) > TOKEN_WINDOW_MS) return fail(OMS_EMULATOR_CODES.staleTimestamp, "未授权：时间戳已过期 (timestamp outside 5 minutes)");
    for (const [nonce, expires] of nonces) if (expires < at) nonces.delete(nonce);
    if (nonces.has(parts.nonce)) return fail(OMS_EMULATOR_CODES.nonceReused, "未授权：nonce已使用 (nonce reused)");
    if (!signatureHolds(options.apiSecret, parts.ts, parts.nonce, parts.signature))
      return fail(OMS_EMULATOR_CODES.badSignature, "未授权：签名错误 (signature mismatch)");
    // Remembered only once verified, and for as long as its timestamp could still be accepted.
    nonces.set(parts.nonce, Number(parts.ts) + TOKEN_WINDOW_MS);
    return null;
  }

  /** `/open/common-data/warehouse-list`: every warehouse a create accepts, paged as the other lists. */
  function warehouses(body: Body) {
    const pageParam = ((body["commonParam"] as Body | undefined)?.["pageParam"] ?? {}) as Body;
    const pageNum = Number(pageParam["pageNum"] ?? 1);
    const pageSize = Number(pageParam["pageSize"] ?? 10);
    if (!Number.isInteger(pageNum) || pageNum < 1 || !Number.isInteger(pageSize) || pageSize < 1)
      return fail(OMS_EMULATOR_CODES.badValue, "参数校验失败", [{ field: "pageParam", message: "pageNum and pageSize must be ≥ 1" }]);
    const matching = OMS_EMULATOR_WAREHOUSES.filter((w) => !str(body["warehouseCode"]) || w.warehouseCode === str(body["warehouseCode"]));
    const list = matching.slice((pageNum - 1) * pageSize, pageNum * pageSize);
    const totalPage = String(Math.ceil(matching.length / pageSize));
    return ok({ pageNum: String(pageNum), pageSize: String(pageSize), totalCount: String(matching.length), totalPage, list });
  }

  const handlers: Record<string, (body: Body) => ReturnType<typeof ok>> = {
    [PATHS.warehouses]: warehouses,
    [PATHS.create]: create,
    [PATHS.update]: update,
    [PATHS.cancel]: cancel,
    [PATHS.list]: list,
  };

  const emulator: OmsEmulator = {
    app: rawTextApp("50mb", options.before),
    orders,
    attachments,
    calls,
    setStatus(orderNo, status) {
      const order = orders.get(orderNo);
      if (!order) return;
      order.status = status;
      // The warehouse moving an order is a change like any other: its update time moves too.
      order.updateTime = chinaDateTime(now());
    },
    beforeHandle: null,
  };

  emulator.app.post(Object.values(PATHS), (req: Request, res: Response) => {
    const path = req.path;
    const answer = (status: number, payload: ReturnType<typeof ok>, body: unknown) => {
      calls.push({ path, body, code: payload.code });
      res.status(status).json(payload);
    };
    const refused = authenticate(req.header("authorization"));
    if (refused) return answer(401, refused, null);
    let body: Body;
    try {
      body = JSON.parse(String(req.body ?? "")) as Body;
      if (!body || typeof body !== "object" || Array.isArray(body)) throw new Error("not an object");
    } catch {
      return answer(200, fail(OMS_EMULATOR_CODES.badBody, "请求体不是合法的JSON"), null);
    }
    emulator.beforeHandle?.(path, body);
    answer(200, handlers[path]!(body), body);
  });
  return emulator;
}
