import seedUpdate from "./fixtures/seed-000-update-response.json" with { type: "json" };
import { chinaDateTime } from "../china-time.js";
import { seededRandom } from "../emulator-server.js";
import { CANCELLED, EXCEPTION, type WireOrder } from "./wire.js";

// The emulator's starting data: seed 000's example order and a deterministic generated set.

export const OMS_EMULATOR_MAX_PAGE_SIZE = 100;
/** The warehouses the emulator knows, as its warehouse list answers them (the Java client's `WarehouseResponse.Warehouse`). */
export const OMS_EMULATOR_WAREHOUSES = [
  { warehouseCode: "USLAX01", province: "CA", city: "Los Angeles", openCountry: { name: "美国", nameEn: "United States", code2: "US" } },
  { warehouseCode: "USNJ01", province: "NJ", city: "Edison", openCountry: { name: "美国", nameEn: "United States", code2: "US" } },
  { warehouseCode: "UKLON01", province: "England", city: "London", openCountry: { name: "英国", nameEn: "United Kingdom", code2: "GB" } },
  { warehouseCode: "DEFRA01", province: "Hessen", city: "Frankfurt", openCountry: { name: "德国", nameEn: "Germany", code2: "DE" } },
];
/** The codes a create or update accepts: exactly those the warehouse list answers. */
export const OMS_EMULATOR_WAREHOUSE_CODES = OMS_EMULATOR_WAREHOUSES.map((w) => w.warehouseCode);

/** Seed 000's order and `count` generated ones created within the last `days` days; `nextItemId` is the first item id still free. */
export function startingData(now: () => Date, count: number, days: number): { orders: Map<string, WireOrder>; nextItemId: number } {
  const orders = new Map<string, WireOrder>();
  let itemIds = 1000;
  // The seed's example order, with what the list is assumed to add (warehouse, times, items).
  const seedCreated = chinaDateTime(new Date(now().getTime() - 2 * 86_400_000));
  orders.set(seedUpdate.data.orderNo, {
    ...structuredClone(seedUpdate.data),
    warehouseCode: "USLAX01",
    createTime: seedCreated,
    updateTime: seedCreated,
    itemDTOs: [
      {
        returnOrderId: 1,
        productId: 1001,
        productSku: "SKU-001",
        productName: "Product SKU-001",
        qty: 94,
        receiveQty: 0,
        productQuality: -1,
        handleType: -1,
        remark: "",
      },
    ],
  });

  const random = seededRandom(25102353);
  const statuses = [1, 1, 1, 2, 2, 3, 4, 5, 5, 5, CANCELLED, EXCEPTION, 2];
  for (let i = 0; i < count; i++) {
    const created = new Date(now().getTime() - Math.floor(random() * days * 86_400_000));
    const status = statuses[Math.floor(random() * statuses.length)]!;
    const sku = `SKU-${String(1 + Math.floor(random() * 50)).padStart(3, "0")}`;
    const qty = 1 + Math.floor(random() * 4);
    const received = status === 4 || status === 5 ? qty : 0;
    const bad = received > 1 && random() < 0.3 ? 1 : 0;
    const done = status === 5;
    const destroyed = done && bad > 0 && random() < 0.5 ? bad : 0;
    const no = `RO2509${String(10000000 + i * 7919).padStart(10, "0")}`;
    orders.set(no, {
      orderNo: no,
      referenceNo: `REF-${20000 + i}`,
      signatureNo: random() < 0.5 ? `SIG${100000 + i}` : "",
      outboundOrderNo: `OB${7000000 + i}`,
      trackingNo: `1Z${String(900000000 + i)}`,
      pickupType: 1 + Math.floor(random() * 2),
      pickupDate: chinaDateTime(created).slice(0, 10),
      etaDate: chinaDateTime(new Date(created.getTime() + 5 * 86_400_000)).slice(0, 10),
      companyName: "",
      contactName: `Buyer ${i}`,
      contactMobile: `555-01${String(i).padStart(2, "0")}`,
      contactCellMobile: "",
      contactEmail: `buyer${i}@example.com`,
      province: "CA",
      city: "Los Angeles",
      district: "",
      doorplate: String(100 + i),
      address: `${100 + i} Main St`,
      postcode: "90001",
      qty,
      receiveQty: received,
      goodQty: received - bad,
      badQty: bad,
      putawayQty: done ? received - bad : 0,
      putawayBadQty: done ? bad - destroyed : 0,
      destroyQty: destroyed,
      returnType: 1 + Math.floor(random() * 2),
      status,
      isSplitAsn: -1,
      handleAdvice: "",
      remark: "",
      cancelType: status === CANCELLED ? 1 : 0,
      cancelRemark: status === CANCELLED ? "buyer kept the goods" : "",
      errorReason: status === EXCEPTION ? "parcel arrived without a label" : "",
      warehouseCode: OMS_EMULATOR_WAREHOUSE_CODES[i % OMS_EMULATOR_WAREHOUSE_CODES.length]!,
      createTime: chinaDateTime(created),
      updateTime: chinaDateTime(created),
      itemDTOs: [
        {
          returnOrderId: itemIds++,
          productId: 2000 + i,
          productSku: sku,
          productName: `Product ${sku}`,
          qty,
          receiveQty: received,
          productQuality: -1,
          handleType: -1,
          remark: "",
        },
      ],
    });
  }
  return { orders, nextItemId: itemIds };
}
