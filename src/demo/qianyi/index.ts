import { randomBytes } from "node:crypto";
import { listenOnLoopback } from "../emulator-server.js";
import type { DemoStarter } from "../starter.js";
import { WAREHOUSES } from "./data.js";
import { createQianyiEmulator } from "./emulator.js";

export const startQianyiDemo: DemoStarter = async ({ clock, webhookUrl, before }) => {
  const secrets = { appId: "DEMO-APP", appSecret: randomBytes(16).toString("hex") };
  const emulator = createQianyiEmulator({ ...secrets, now: clock, webhookUrl, before });
  const running = await listenOnLoopback(emulator.app);
  // Qianyi has no warehouse API: the demo account's setting lists the warehouses of its seed data.
  const warehouses = WAREHOUSES.map((code) => ({ code, name: code, country: null }));
  return { settings: { ...secrets, baseUrl: running.url }, warehouses, emulator, close: running.close };
};
