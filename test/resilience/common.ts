import { afterAll, beforeAll } from "vitest";
import type { ReturnProvider } from "../../src/returns/model.js";
import type { ReturnOrderCreateInput } from "../generated/graphql.js";

/** A create each provider accepts (its emulator's demo data: warehouses, shops, SKUs). */
export const VALID_INPUTS: Record<ReturnProvider, ReturnOrderCreateInput> = {
  WINIT: {
    provider: "WINIT",
    warehouseCode: "US0001",
    referenceNo: "REF-W",
    sender: { name: "shane", country: "United States", city: "Radeburg", postcode: "01471", address1: "Unti", email: "a@example.com" },
    lines: [{ sku: "SKU-001", quantity: 2 }],
    // By the return label (goods WINIT did not ship), with a VAT number (its UK and German warehouses want one).
    winit: {
      handleMethod: "SA",
      winitProductCode: "OSF521006534",
      packageLength: 11.22,
      packageWidth: 11.12,
      packageHeight: 11.12,
      packageWeight: 0.61,
      vatNo: "GB123456789",
    },
  },
  QIANYI: { provider: "QIANYI", warehouseCode: "best warehouse(测试用)", lines: [{ sku: "DP001", quantity: 2 }], qianyi: { shop: "测试1" } },
  OMS: {
    provider: "OMS",
    warehouseCode: "USLAX01",
    referenceNo: "REF-O",
    sender: { name: "Ann Lee", phone: "555-0100", city: "Los Angeles", province: "CA", address1: "1 Main St", postcode: "90001" },
    lines: [{ sku: "SKU-001", quantity: 2 }],
    oms: { returnType: "1", pickupType: "1" },
  },
  QIMEN: {
    provider: "QIMEN",
    warehouseCode: "W1234",
    referenceNo: "REF-Q",
    outboundOrderNo: "PD-1",
    reason: "破损退货",
    sender: { name: "老王", mobile: "13214567869", province: "浙江省", city: "杭州", address1: "余杭区989号" },
    lines: [{ sku: "I1234", quantity: 3 }],
    qimen: { ownerCode: "HZ1234", logisticsCode: "SF", orderFlags: ["SELLER_AFFORD"] },
  },
};

/** Records what would otherwise only reach the console: the process must see neither. */
export function watchProcess(): unknown[] {
  const seen: unknown[] = [];
  const record = (error: unknown) => seen.push(error);
  beforeAll(() => {
    process.on("unhandledRejection", record);
    process.on("uncaughtException", record);
  });
  afterAll(() => {
    process.off("unhandledRejection", record);
    process.off("uncaughtException", record);
  });
  return seen;
}

/**
 * The resilience apps make many provider calls in a few seconds; the per-account rate limiter
 * (tested on its own) would queue them behind a minute's budget and turn faults into timeouts.
 */
export const UNLIMITED_RATES = {
  WINIT_RATE_LIMIT_PER_MINUTE: "100000000",
  QIANYI_RATE_LIMIT_PER_MINUTE: "100000000",
  OMS_RATE_LIMIT_PER_MINUTE: "100000000",
  QIMEN_RATE_LIMIT_PER_MINUTE: "100000000",
};
