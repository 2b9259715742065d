import { randomBytes } from "node:crypto";
import { listenOnLoopback } from "../emulator-server.js";
import type { DemoStarter } from "../starter.js";
import { createQianyiEmulator } from "./emulator.js";

export const startQianyiDemo: DemoStarter = async ({ clock, webhookUrl, before }) => {
  const secrets = { appId: "DEMO-APP", appSecret: randomBytes(16).toString("hex") };
  const emulator = createQianyiEmulator({ ...secrets, now: clock, webhookUrl, before });
  const running = await listenOnLoopback(emulator.app);
  return { settings: { ...secrets, baseUrl: running.url }, emulator, close: running.close };
};
