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

/** A type-graphql class (an `@ObjectType` or `@InputType`). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type GraphqlClass = new (...args: any[]) => object;

/**
 * The provider's own parts of the schema: the schema build puts them into the `ReturnOrderDetails`
 * and `ProviderReceipt` unions and into the inputs' option fields (named after the provider in
 * lower case).
 */
export interface ProviderGraphql {
  /** What the provider is, for its `ReturnProvider` value's description. */
  description: string;
  /** Its member of `ReturnOrderDetails`. */
  details: GraphqlClass;
  /** Its member of `ProviderReceipt`. */
  receipt: GraphqlClass;
  /** Its option block of `ReturnOrderCreateInput`. */
  createOptions: GraphqlClass;
  /** Its option block of `ReturnOrderUpdateInput`, where its API can change an order. */
  updateOptions?: GraphqlClass;
  /** Its block of `ReturnOrderFilter`, where its list filters on fields of its own; the adapter finds it in `filter.providerFilters`. */
  listFilter?: GraphqlClass;
  /** The provider's own names of unified fields, for the schema's descriptions (null: it has none). */
  wireNames: { providerOrderNo: string; referenceNo: string | null };
}

/**
 * Everything the rest of the subgraph knows of a provider: how to read its accounts and build its
 * adapter. The registry holds the list; nothing else names a provider. Its emulator is not here:
 * demo code lives in src/demo/ and is loaded only in demo mode.
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
