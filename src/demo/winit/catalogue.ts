import type { WireGoods } from "./wire.js";

// What this emulated WINIT account has registered: its warehouses and its goods.

/** A warehouse as `queryWarehouse` answers it (the public SDK's WarehousePayload). */
export interface WireWarehouse {
  warehouseCode: string;
  warehouseID: string;
  warehouseName: string;
  warehouseAddress: string;
}

/** Every code the create accepts is listed here, and nothing else is accepted. */
export const WAREHOUSES: readonly WireWarehouse[] = [
  { warehouseCode: "US0001", warehouseID: "1000001", warehouseName: "US West Los Angeles", warehouseAddress: "391 Park Road, Los Angeles, CA 90001, US" },
  { warehouseCode: "UK0002", warehouseID: "1000002", warehouseName: "UK Birmingham", warehouseAddress: "12 Tyburn Road, Birmingham B24 8HJ, GB" },
  { warehouseCode: "DE0001", warehouseID: "1000003", warehouseName: "DE Frankfurt", warehouseAddress: "Hanauer Landstr. 100, 60314 Frankfurt, DE" },
  { warehouseCode: "AU0001", warehouseID: "1000004", warehouseName: "AU Sydney", warehouseAddress: "Block A2, 391 Park Road, Regents Park NSW 2143, AU" },
];

export const WAREHOUSE_CODES: ReadonlySet<string> = new Set(WAREHOUSES.map((w) => w.warehouseCode));

/** "VAT,退货到英国和德国时需要填写" (seed 002): this account's UK and German warehouses. */
export const VAT_WAREHOUSES: ReadonlySet<string> = new Set(["UK0002", "DE0001"]);

export const KNOWN_PRODUCTS: ReadonlySet<string> = new Set([
  "A8382021",
  "auto_cargo_002",
  ...Array.from({ length: 50 }, (_, i) => `SKU-${String(i + 1).padStart(3, "0")}`),
]);

/** The registered facts of a product, as goods entries of the query answer carry them (seed 003). */
export function registeredGoods(sku: string): WireGoods {
  const n = [...sku].reduce((sum, c) => sum + c.charCodeAt(0), 0);
  return {
    merchandiseCode: sku,
    merchandiseSerno: `M0100000000${String(n).padStart(8, "0")}`,
    nameEn: `Product ${sku}`,
    nameCn: `商品 ${sku}`,
    skuType: "SINGLE",
    standardPartsNum: 1,
    managementType: n % 2 === 0 ? "SKU" : "SI",
    skuCodeThird: `3P-${sku}`,
    originalMerchandiseCode: null,
    originalMerchandiseSerno: null,
    confirmWidth: 5 + (n % 7),
    confirmLength: 7 + (n % 5),
    confirmHeight: 3,
    confirmVolume: 0.000105,
    confirmWeight: 0.23,
    inventoryAttribute: [],
  };
}
