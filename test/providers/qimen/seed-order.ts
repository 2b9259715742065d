import { orderFromRequest } from "../../../src/providers/qimen/mapper.js";
import { toCreateRequest } from "../../../src/providers/qimen/requests.js";
import type { CreateReturnOrderCommand, ReturnOrder } from "../../../src/returns/model.js";

/** Seed 004's example order, said in the unified input. */
export const seedCommand: CreateReturnOrderCommand = {
  provider: "QIMEN",
  account: "default",
  warehouseCode: "W1234",
  outboundOrderNo: "PD1234",
  carrier: "顺丰",
  trackingNumber: "YD1234",
  reason: "破损退货",
  remark: "备注信息",
  sender: {
    company: "淘宝",
    name: "老王",
    postcode: "043300",
    phone: "81020340",
    mobile: "13214567869",
    email: "345@gmail.com",
    country: "051532",
    province: "浙江省",
    city: "杭州",
    district: "余杭",
    address1: "杭州市余杭区989号",
  },
  lines: [{ sku: "I1234", quantity: 12, remark: "备注" }],
  options: {
    orderType: "THRK",
    ownerCode: "HZ1234",
    logisticsCode: "SF",
    orderFlags: ["VISIT"],
    sourcePlatformCode: "TB",
    sourcePlatformName: "淘宝",
    preDeliveryOrderId: "PDI1234",
    buyerNick: "淘宝",
    shopNick: "店铺名称",
    sellerNick: "卖家名称",
    senderTown: "横加桥",
    lines: [
      {
        sku: "I1234",
        orderLineNo: "D1234",
        sourceOrderCode: "PD1224",
        subSourceOrderCode: "PL1234",
        itemId: "CK1234",
        inventoryType: "ZP",
        batchCode: "P123",
        productDate: "2016-09-09",
        expireDate: "2016-09-09",
        produceCode: "P1234",
        orderFlags: ["visit"],
      },
    ],
  },
};

export const at = new Date("2024-03-01T02:00:00Z");

export function seedOrder(): ReturnOrder {
  const document = toCreateRequest(seedCommand, "R1234", "KEY-1");
  document.returnOrder.returnOrderId = "RID1234";
  return orderFromRequest(document, {
    account: "default",
    providerStatus: "NEW",
    createdAt: at,
    updatedAt: at,
    completedAt: null,
    referenceNo: "SO-1",
    confirmations: [],
  });
}
