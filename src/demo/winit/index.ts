import { randomBytes } from "node:crypto";
import { listenOnLoopback } from "../emulator-server.js";
import type { DemoStarter } from "../starter.js";
import { createWinitEmulator } from "./emulator.js";

export const startWinitDemo: DemoStarter = async ({ clock, before }) => {
  const secrets = { appKey: "demo@example.com", token: randomBytes(16).toString("hex"), clientSecret: randomBytes(16).toString("hex") };
  const emulator = createWinitEmulator({ ...secrets, now: clock, before });
  const running = await listenOnLoopback(emulator.app);
  return { settings: { ...secrets, baseUrl: running.url, clientId: "DEMO-CLIENT", platform: "DEMO" }, emulator, close: running.close };
};
