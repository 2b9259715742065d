import { randomBytes } from "node:crypto";
import { listenOnLoopback } from "../emulator-server.js";
import type { DemoStarter } from "../starter.js";
import { createQimenEmulator } from "./emulator.js";
import seedCreate from "./fixtures/seed-004-create-request.json" with { type: "json" };

export const startQimenDemo: DemoStarter = async ({ clock, webhookUrl, before }) => {
  const secrets = { appKey: "23268761", appSecret: randomBytes(16).toString("hex"), customerId: "DEMO-CUSTOMER" };
  const emulator = createQimenEmulator({ ...secrets, now: clock, webhookUrl, before });
  const running = await listenOnLoopback(emulator.app);
  // Qimen has no warehouse API: the demo account's setting lists seed 004's warehouse and a second one.
  const warehouses = [
    { code: seedCreate.request.returnOrder.warehouseCode, name: "Seed 004 warehouse", country: "CN" },
    { code: "DEMO-HZ", name: "Demo warehouse Hangzhou", country: "CN" },
  ];
  return { settings: { ...secrets, baseUrl: running.url }, warehouses, emulator, close: running.close };
};
