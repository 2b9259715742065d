import { chinaDateTime } from "../china-time.js";
import { seededRandom } from "../emulator-server.js";
import { registeredGoods, WAREHOUSES } from "./catalogue.js";
import type { WireOrder } from "./wire.js";

// The emulator's generated orders besides the seed's: `count` of them, newest within `days` of `now`.

const STATUSES = ["OD", "LC", "PC", "RE", "HI", "OC", "OC", "OC", "CD", "VO", "WP", "STOP", "PD"];

/** Shelved goods also carry the inventory they went into (seed 003 inventoryAttribute). */
function shelvedGoods(sku: string) {
  const tags = [
    { tagName: "stockOrg", tagValue: "WINIT-US" },
    { tagName: "stockType", tagValue: "2C" },
    { tagName: "stockOwner", tagValue: "DEMO" },
  ];
  return { ...registeredGoods(sku), inventoryAttribute: tags };
}

export function generateOrders(seed: number | undefined, count: number, days: number, now: Date): WireOrder[] {
  const orders: WireOrder[] = [];
  const random = seededRandom(seed ?? 20240102);
  for (let i = 0; i < count; i++) {
    const no = `RT16${String(seed ?? 0)
      .padStart(5, "0")
      .slice(-5)}${String(1000 + i).padStart(7, "0")}CN`;
    const created = new Date(now.getTime() - Math.floor(random() * days * 86_400_000));
    const status = STATUSES[Math.floor(random() * STATUSES.length)]!;
    const sku = `SKU-${String(1 + Math.floor(random() * 50)).padStart(3, "0")}`;
    const qty = 1 + Math.floor(random() * 3);
    const received = ["RE", "HI", "OC", "WP"].includes(status);
    // Orders awaiting the seller are held (NS): the seller has asked for a value-added service.
    const held = status === "WP";
    // Drawn in the order the data was always drawn, so each seed keeps its orders.
    const reason = random() < 0.3 ? "DF" : "BR";
    const grade = received && random() < 0.8 ? "GOOD" : "DEFECTIVE";
    const shelved = grade === "GOOD" ? "GOOD_SA" : "DEFECTIVE_SA";
    const at = (days: number) => chinaDateTime(new Date(created.getTime() + days * 86_400_000));
    orders.push({
      returnGoodsOrderNo: no,
      status,
      createDate: chinaDateTime(created),
      completeTime: status === "OC" ? at(3) : null,
      processTime: held ? at(2) : null,
      allVasOrderCompletedTime: null,
      handleStrategy: held ? "NS" : "SA",
      shelveMethod: held ? null : "GOOD_SA",
      customerOrderNo: `SO-${10000 + i}`,
      outboundOrderNo: `WO${String(5000000000 + i)}`,
      sellerOrderNo: `${1428543289948930000 + i}`,
      expressNo: `TRK${100000 + i}`,
      customerExpressNo: `TRK${100000 + i}`,
      rmaNo: String(9000000 + i),
      isReturnLabel: "N",
      retrunReason: reason,
      warehouseCode: WAREHOUSES[i % WAREHOUSES.length]!.warehouseCode,
      buyerName: `Buyer ${i}`,
      originCode: "OR",
      qtyItemNum: qty,
      mdImageList: [],
      orderGoodsList: [
        {
          ...registeredGoods(sku),
          confirmQty: qty,
          handleMethod: held ? "NS" : "SA",
          handleStrategy: held ? "NS" : "SA",
          shelveMethod: held ? null : "GOOD_SA",
        },
      ],
      shelveGoodsList: received
        ? [
            held
              ? {
                  ...shelvedGoods(sku),
                  confirmQty: qty,
                  merchandiseGrade: grade,
                  handleMethod: "NS",
                  handleStrategy: "NS",
                  imageList: [],
                }
              : {
                  ...shelvedGoods(sku),
                  confirmQty: qty,
                  merchandiseGrade: grade,
                  handleMethod: shelved,
                  handleStrategy: "SA",
                  shelveMethod: shelved,
                  imageList: [],
                },
          ]
        : [],
    });
  }

  return orders;
}
