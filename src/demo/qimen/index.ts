import { randomBytes } from "node:crypto";
import { listenOnLoopback } from "../emulator-server.js";
import type { DemoStarter } from "../starter.js";
import { createQimenEmulator } from "./emulator.js";

export const startQimenDemo: DemoStarter = async ({ clock, webhookUrl, before }) => {
  const secrets = { appKey: "23268761", appSecret: randomBytes(16).toString("hex"), customerId: "DEMO-CUSTOMER" };
  const emulator = createQimenEmulator({ ...secrets, now: clock, webhookUrl, before });
  const running = await listenOnLoopback(emulator.app);
  return { settings: { ...secrets, baseUrl: running.url }, emulator, close: running.close };
};
