import type { z } from "zod";
import type { Logger } from "../logger.js";
import type { ReturnProvider } from "../returns/model.js";
import type { Store } from "../store/index.js";
import type { ReturnProviderAdapter } from "../returns/ports.js";
import type { ProviderHttp } from "./kit/http.js";
import type { RateLimit } from "./kit/rate-limit.js";

export interface AdapterDeps {
  http: ProviderHttp;
  store: Store;
  logger: Logger;
  clock: () => Date;
}

export interface DemoEmulator<Settings> {
  /** Settings that point an account at the running emulator. */
  settings: Settings;
  /** The emulator's state, for tests (calls made, orders held). */
  emulator: unknown;
  close(): Promise<void>;
}

/** A type-graphql class (an `@ObjectType` or `@InputType`). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type GraphqlClass = new (...args: any[]) => object;

/**
 * The provider's own parts of the schema: the schema build puts them into the `ReturnOrderDetails`
 * and `ProviderReceipt` unions and into the inputs' option fields (named after the provider in
 * lower case: `winit`, `qianyi`, …).
 */
export interface ProviderGraphql {
  /** Its member of `ReturnOrderDetails`. */
  details: GraphqlClass;
  /** Its member of `ProviderReceipt`. */
  receipt: GraphqlClass;
  /** Its option block of `ReturnOrderCreateInput`. */
  createOptions: GraphqlClass;
  /** Its option block of `ReturnOrderUpdateInput`, where its API can change an order. */
  updateOptions?: GraphqlClass;
}

/**
 * Everything the rest of the subgraph knows of a provider: how to read its accounts, build its
 * adapter and start its emulator. The registry holds the list; nothing else names a provider.
 */
export interface ProviderModule<Settings = unknown> {
  provider: ReturnProvider;
  graphql: ProviderGraphql;
  /** The provider's published per-account call limit; DEFAULT_RATE_LIMIT when it publishes none. */
  rateLimit?: RateLimit;
  /** One account's settings, as in the accounts file (camelCase keys). */
  accountSchema: z.ZodType<Settings>;
  /** The environment variables of the `default` account, for messages and docs. */
  envVariables: readonly string[];
  /** The `default` account from the environment, unvalidated; undefined when none is set. */
  accountFromEnv(env: NodeJS.ProcessEnv): Record<string, unknown> | undefined;
  createAdapter(account: string, settings: Settings, deps: AdapterDeps): ReturnProviderAdapter;
  /**
   * Starts the provider's emulator on a loopback port. `webhookUrl()` is where the emulator sends
   * its pushes (this subgraph's `/webhooks/<provider>`); it is known once the server listens.
   */
  startEmulator(options: { logger: Logger; clock: () => Date; webhookUrl: () => string }): Promise<DemoEmulator<Settings>>;
}

/**
 * The `default` account from environment variables: `names` maps setting → variable. None of the
 * `credentials` set → no account (the provider is unconfigured); otherwise every set variable is
 * taken and validation names what is missing.
 */
export function envAccount(
  env: NodeJS.ProcessEnv,
  names: Readonly<Record<string, string>>,
  credentials: readonly string[],
  defaults: Record<string, unknown> = {},
): Record<string, unknown> | undefined {
  if (!credentials.some((name) => env[name])) return undefined;
  const raw: Record<string, unknown> = { ...defaults };
  for (const [key, name] of Object.entries(names)) if (env[name] !== undefined && env[name] !== "") raw[key] = env[name];
  return raw;
}
