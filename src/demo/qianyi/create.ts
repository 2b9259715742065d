import { parseChinaTime } from "../china-time.js";
import { CUSTOM_FIELDS, type SalesOrder } from "./data.js";
import { CODES, envelope, type WireCustomField, type WireOrder, type WireSku } from "./wire.js";

// CREATE_RETURN_ORDER as seed 001 documents its rules: the emulator's own reading of them.

/** What the emulator holds and a create reads or adds to. */
export interface HeldData {
  orders: Map<string, WireOrder>;
  salesOrders: Map<string, SalesOrder>;
  products: Set<string>;
  now: () => Date;
  nextSequence: () => number;
}

export const fail = (code: string, msg: string) => envelope("failure", code, msg);
export const ok = (content: Record<string, unknown> = {}) => envelope("success", "", "", { notSuccess: false, ...content, state: "success" });
export const str = (v: unknown): string => (typeof v === "string" ? v : "");
export const positiveInt = (v: unknown): boolean => typeof v === "number" && Number.isInteger(v) && v > 0;

export function createReturnOrder(biz: Record<string, unknown>, held: HeldData) {
  const warehouse = str(biz["warehouse"]);
  const shop = str(biz["shop"]);
  if (!warehouse) return fail(CODES.input, "退货仓库不能为空 warehouse is required");
  if (warehouse.length > 50) return fail(CODES.input, "退货仓库最大50个字符 warehouse is at most 50 characters");
  if (!shop) return fail(CODES.input, "退货店铺不能为空 shop is required");
  if (shop.length > 50) return fail(CODES.input, "退货店铺最大50个字符 shop is at most 50 characters");
  for (const [field, max] of [
    ["carrier", 50],
    ["customNumber", 50],
    ["reason", 512],
  ] as const) {
    if (str(biz[field]).length > max) return fail(CODES.input, `${field}最大${max}个字符`);
  }
  if (biz["expectArriveTime"] != null && !parseChinaTime(str(biz["expectArriveTime"]), /^(\d{4})-(\d{2})-(\d{2})$/)) {
    return fail(CODES.input, "预计到货时间格式 yyyy-MM-dd (a real day)");
  }
  if (biz["autoCommit"] != null && typeof biz["autoCommit"] !== "boolean") return fail(CODES.input, "autoCommit must be true or false");
  const orderNumber = str(biz["orderNumber"]);
  const salesOrder = orderNumber ? held.salesOrders.get(orderNumber) : undefined;
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
      const candidates = salesOrder ? salesOrder.skus : [...held.salesOrders.values()].flatMap((o) => o.skus);
      const match = candidates.find((s) => s.orderSkuId === orderSkuId);
      if (!match) return fail(CODES.input, `销售订单商品[${String(orderSkuId)}]不存在`);
      sku = match.sku;
    } else if (!held.products.has(sku)) {
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
  const at = held.now().getTime();
  const returnNumber = `B27${String(at % 10_000_000).padStart(7, "0")}${String(held.nextSequence()).padStart(3, "0")}`;
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
  held.orders.set(returnNumber, order);
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
