import type { ProviderWarehouse } from "../../returns/ports.js";
import { parseWire } from "../kit/wire.js";
import { OMS_PATHS, type OmsClient } from "./client.js";
import { warehouseOf } from "./mapper.js";
import { omsWarehousePageSchema } from "./wire.js";

/** Page size of the warehouse list: the OMS publishes no limit, and an account has a handful of warehouses. */
const PAGE_SIZE = 100;
/** A bound on the pages read, so an OMS that never reports its last page cannot keep the call going. */
const MAX_PAGES = 20;

/**
 * Every warehouse of the account (`POST /open/common-data/warehouse-list`, the Java client's
 * `warehouseList`: `{ commonParam: { pageParam } }` answered as a `PageResponse`), in the OMS's order.
 */
export async function listWarehouses(client: OmsClient, account: string): Promise<ProviderWarehouse[]> {
  const found = new Map<string, ProviderWarehouse>();
  for (let pageNum = 1; pageNum <= MAX_PAGES; pageNum++) {
    const data = await client.call(OMS_PATHS.warehouses, { commonParam: { pageParam: { pageNum, pageSize: PAGE_SIZE } } }, { idempotent: true });
    const page = parseWire(omsWarehousePageSchema, data, "OMS", account, "warehouse list");
    for (const wire of page.list) if (!found.has(wire.warehouseCode)) found.set(wire.warehouseCode, warehouseOf(wire));
    const last = page.totalPage != null ? pageNum >= page.totalPage : page.list.length < PAGE_SIZE;
    if (last) break;
  }
  return [...found.values()];
}
