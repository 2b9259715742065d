import { listenOnLoopback } from "../../src/demo/emulator-server.js";
import { createWinitEmulator, type WinitEmulator } from "../../src/demo/winit/emulator.js";
import { attachFaults, FaultSwitch } from "./faults.js";

/** A WINIT emulator outside any app, so several subgraph instances can share it; `faultsOf(emulator.app)` works. */
export async function startSharedWinit(options: { generated?: number; seed?: number } = {}): Promise<{
  emulator: WinitEmulator;
  env: Record<string, string>;
  settings: Record<string, string>;
  close(): Promise<void>;
}> {
  const secrets = { appKey: "shared@example.com", token: "shared-token", clientSecret: "shared-secret" };
  const faults = new FaultSwitch();
  const emulator = createWinitEmulator({ ...secrets, generated: options.generated ?? 10, seed: options.seed, before: [faults.middleware()] });
  attachFaults(emulator.app, faults);
  const running = await listenOnLoopback(emulator.app);
  return {
    emulator,
    env: {
      WINIT_BASE_URL: running.url,
      WINIT_APP_KEY: secrets.appKey,
      WINIT_TOKEN: secrets.token,
      WINIT_CLIENT_ID: "CID",
      WINIT_CLIENT_SECRET: secrets.clientSecret,
      WINIT_PLATFORM: "TEST",
    },
    settings: { baseUrl: running.url, appKey: secrets.appKey, token: secrets.token, clientId: "CID", clientSecret: secrets.clientSecret, platform: "TEST" },
    close: running.close,
  };
}

export const winitCreates = (emulator: WinitEmulator) => emulator.calls.filter((c) => c.action === "rma.returnGoodsOrder.createReturnGoodsOrder").length;
