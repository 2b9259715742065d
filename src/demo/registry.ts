import type { ReturnProvider } from "../returns/model.js";
import type { DemoEmulator, DemoStartOptions, DemoStarter } from "./starter.js";

// Each provider's emulator is loaded only when its demo is started: this module is itself imported
// dynamically, and only in demo mode, so production never loads an emulator or its seed data.
const DEMO_STARTERS = {
  WINIT: async () => (await import("./winit/index.js")).startWinitDemo,
  QIANYI: async () => (await import("./qianyi/index.js")).startQianyiDemo,
  OMS: async () => (await import("./oms/index.js")).startOmsDemo,
  QIMEN: async () => (await import("./qimen/index.js")).startQimenDemo,
} satisfies Record<ReturnProvider, () => Promise<DemoStarter>>;

export async function startDemoProvider(provider: ReturnProvider, options: DemoStartOptions): Promise<DemoEmulator> {
  const start = await DEMO_STARTERS[provider]();
  return start(options);
}
