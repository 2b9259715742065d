import { randomBytes } from "node:crypto";
import { listenOnLoopback } from "../emulator-server.js";
import type { DemoStarter } from "../starter.js";
import { createOmsEmulator } from "./emulator.js";

export const startOmsDemo: DemoStarter = async ({ clock, before }) => {
  const secrets = { apiKey: `demo-${randomBytes(4).toString("hex")}`, apiSecret: randomBytes(16).toString("hex") };
  const emulator = createOmsEmulator({ ...secrets, now: clock, before });
  const running = await listenOnLoopback(emulator.app);
  return { settings: { ...secrets, baseUrl: running.url }, emulator, close: running.close };
};
