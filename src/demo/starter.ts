import type { Express, RequestHandler } from "express";
import type { Logger } from "../logger.js";

export interface DemoStartOptions {
  logger: Logger;
  clock: () => Date;
  /** Where the emulator sends its pushes (this subgraph's `/webhooks/<provider>`); known once the server listens. */
  webhookUrl: () => string;
  /** Middleware ahead of the emulator's routes (tests: their fault switch). */
  before?: readonly RequestHandler[];
}

export interface DemoEmulator {
  /**
   * The account settings that point at the running emulator, as in the accounts file; the
   * provider's own schema validates them, so the demo never reads the provider's code.
   */
  settings: Record<string, unknown>;
  /**
   * The demo account's `warehouses` setting, for a provider without a warehouse API: codes its
   * emulator accepts on create.
   */
  warehouses?: { code: string; name: string | null; country: string | null }[];
  /** The emulator's state, for tests (calls made, orders held). */
  emulator: { app: Express };
  close(): Promise<void>;
}

/** Starts one provider's emulator on a loopback port. */
export type DemoStarter = (options: DemoStartOptions) => Promise<DemoEmulator>;
