import seedQuery from "./fixtures/seed-001-query-response.json" with { type: "json" };
import { seededRandom } from "../emulator-server.js";
import { CLOSED_STATUS, type WireCustomField, type WireOrder } from "./wire.js";

// The emulator's starting data: seed 001's example orders and a deterministic generated set.

export interface SalesOrder {
  shop: string;
  skus: { orderSkuId: number; sku: string }[];
}

export const CUSTOM_FIELDS: Record<number, WireCustomField> = {
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
  // The seed documents candidateValue as a String holding a JSON array; this field answers so.
  44: {
    candidateValue: '["良品","不良品"]',
    columCode: 6,
    columName: "质检结果",
    columType: "SELECT",
    customFieldId: 44,
    defaultValue: "良品",
    id: 44,
    required: 0,
    tableName: "SYS_REFUND",
    remark: "收货后填写",
    isQuery: 1,
    isShow: 0,
  },
};
/** The warehouses the seed's answers name; the demo account lists them as its `warehouses` setting. */
export const WAREHOUSES = ["best warehouse(测试用)", "solaso-huzhiming", "GWMS"];
/** The emulator's shops: an order names its shop, the query filters by the shop's id and its group's id. */
const SHOP_IDS: Record<string, { id: number; groupId: number }> = {
  测试1: { id: 1, groupId: 100 },
  shopee111PH: { id: 2, groupId: 100 },
  "Solaso-ERP": { id: 3, groupId: 200 },
};
const SHOPS = Object.keys(SHOP_IDS);

export function shopOf(name: string): { id: number; groupId: number } | undefined {
  return SHOP_IDS[name];
}
const STATUSES = ["NEW", "WAIT_STORAGE", "WAIT_STORAGE", "FINISH", "FINISH", "FINISH", CLOSED_STATUS];

export const PRODUCTS = [
  "DP001",
  "hmsku090901-1",
  "110015015005",
  "110015019002",
  "JCDF692024YH002",
  ...Array.from({ length: 50 }, (_, i) => `SKU-${String(i + 1).padStart(3, "0")}`),
];

/** Seed 001's orders and `count` generated ones created within the last `days` days, with the sales orders they return. */
export function startingData(now: () => Date, count: number, days: number): { orders: Map<string, WireOrder>; salesOrders: Map<string, SalesOrder> } {
  const orders = new Map<string, WireOrder>();
  const salesOrders = new Map<string, SalesOrder>();
  const seeded = JSON.parse((seedQuery as { bizContent: string }).bizContent) as { result: WireOrder[] };
  for (const order of seeded.result) orders.set(order.returnNumber, structuredClone(order));
  salesOrders.set("S250807148097", {
    shop: "Solaso-ERP",
    skus: [
      { orderSkuId: 92169604, sku: "110015015005" },
      { orderSkuId: 92169605, sku: "110015019002" },
    ],
  });

  const random = seededRandom(20250912);
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
  for (const document of [...otherDocuments(now().getTime()), decimalDocument(now().getTime())]) orders.set(document.returnNumber, document);
  return { orders, salesOrders };
}

/** A refund-only (RETURN, 退款单) and a reship (RESHIP, 补发货单) document: a query shows them only with withoutType. */
function otherDocuments(at: number): WireOrder[] {
  const base = { createTime: at - 2 * 86_400_000, updateTime: at - 86_400_000, warehouse: "GWMS", shop: "测试1", remark: "", isDeleted: 0, withoutType: false };
  return [
    {
      ...base,
      returnNumber: "B259900000001",
      status: "FINISH",
      type: "RETURN",
      finishTime: base.updateTime,
      orderRefundAmount: 12.5,
      returnSkuList: [{ sku: "DP001", quantity: 1, selected: 1, isDeleted: 0, itemRefundAmount: 12.5 }],
    },
    {
      ...base,
      returnNumber: "B259900000002",
      status: "WAIT_STORAGE",
      type: "RESHIP",
      returnSkuList: [{ sku: "DP001", quantity: 1, selected: 1, isDeleted: 0 }],
    },
  ];
}

/**
 * A return whose amounts a double would change (held as text, written as JSON numbers), with a
 * line Qianyi hides from its pages (selected 0) and a SELECT field whose choices come as text.
 */
function decimalDocument(at: number): WireOrder {
  return {
    returnNumber: "B259900000003",
    status: "FINISH",
    type: "SALES_RETURN",
    createTime: at - 3 * 86_400_000,
    updateTime: at - 86_400_000,
    finishTime: at - 86_400_000,
    warehouse: "GWMS",
    shop: "shopee111PH",
    onlineOrderNumber: "ON-DECIMAL-1",
    currency: "PHP",
    orderRefundAmount: "12.3456789012345678",
    totalAmount: "12345678901234567.89",
    remark: "",
    isDeleted: 0,
    withoutType: false,
    refundCustomFieldValueVOList: [{ ...CUSTOM_FIELDS[44]!, value: "良品" }],
    returnSkuList: [
      { sku: "DP001", quantity: 1, selected: 1, isDeleted: 0, itemRefundAmount: "0.10", refundAmount: "12.3456789012345678" },
      { sku: "DP001-BOX", quantity: 1, selected: 0, isDeleted: 0, itemRefundAmount: "0", refundAmount: "0.00" },
    ],
  };
}
