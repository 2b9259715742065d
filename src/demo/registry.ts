import type { ReturnProvider } from "../returns/model.js";
import type { DemoEmulator, DemoStartOptions, DemoStarter } from "./starter.js";

// Each provider's emulator is loaded only when its demo is started: this module is itself imported
// dynamically, and only in demo mode, so production never loads an emulator or its seed data.
// A provider may have no emulator (yet): in demo mode it is then simply not served.
const DEMO_STARTERS: Partial<Record<ReturnProvider, () => Promise<DemoStarter>>> = {
  WINIT: async () => (await import("./winit/index.js")).startWinitDemo,
  QIANYI: async () => (await import("./qianyi/index.js")).startQianyiDemo,
  OMS: async () => (await import("./oms/index.js")).startOmsDemo,
  QIMEN: async () => (await import("./qimen/index.js")).startQimenDemo,
};

/** The provider's emulator, started; null when it has none. */
export async function startDemoProvider(provider: ReturnProvider, options: DemoStartOptions): Promise<DemoEmulator | null> {
  const load = DEMO_STARTERS[provider];
  if (!load) return null;
  const start = await load();
  return start(options);
}
