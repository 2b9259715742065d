import { readFileSync } from "node:fs";
import { z } from "zod";
import { isValidAccountName } from "./returns/ids.js";
import { RETURN_PROVIDERS, type ReturnProvider } from "./returns/model.js";
import type { AdmissionLimits } from "./admission.js";
import type { AuthConfig } from "./auth/authenticate.js";
import { DEFAULT_MAX_PROVIDER_CALLS_PER_REQUEST } from "./providers/kit/call-budget.js";
import { DEFAULT_HTTP_POLICY, type HttpPolicy } from "./providers/kit/http.js";
import type { ProviderModule } from "./providers/plugin.js";
import type { ProviderWarehouse } from "./returns/ports.js";
import { PROVIDER_MODULES } from "./providers/registry.js";
import { syncSettingsFromEnv, SyncSettingsError, type SyncSettings } from "./sync/settings.js";

export class ConfigError extends Error {
  readonly code = "CONFIG_INVALID";
}

export interface AccountConfig {
  provider: ReturnProvider;
  account: string;
  settings: unknown;
  /** Where its returns can go, from the accounts file (`warehouses`); for providers that cannot list them. */
  warehouses?: ProviderWarehouse[];
}

export interface AppConfig {
  port: number;
  /** Bind address; undefined: every interface (IPv6 and IPv4). */
  host: string | undefined;
  /** `/metrics` on this port only (not beside `/graphql`); undefined: on the main port. */
  metricsPort: number | undefined;
  /** Operation names that are their own `operation` label value; any other is `other`. */
  metricsOperationNames: string[];
  nodeEnv: string;
  production: boolean;
  logLevel: string;
  databaseUrl: string | undefined;
  /** Shares the per-account rate limits between replicas; in-process limits without it. */
  redisUrl: string | undefined;
  /** PGlite's directory when no DATABASE_URL is set. */
  dataDir: string;
  idempotencyTtlMs: number;
  http: HttpPolicy;
  /** Accounts with credentials: talk to the real provider. */
  accounts: AccountConfig[];
  /** Providers without credentials that run on their emulator (never in production). */
  demoProviders: ReturnProvider[];
  auth: AuthConfig;
  /** OTLP/HTTP collector for traces; none → no tracing. */
  otlpEndpoint: string | undefined;
  /** Per-provider overrides of the published per-account call limit (calls a minute). */
  rateLimitsPerMinute: Partial<Record<ReturnProvider, number>>;
  /** GraphQL requests served at once, and allowed to wait for their turn. */
  admission: AdmissionLimits;
  /** Provider calls one GraphQL request may make, retries included; beyond it lookups answer unavailable. */
  maxProviderCallsPerRequest: number;
  /** How much V8 lets the heap grow past what survived the last full collection, in percent; 0: V8's own choice. */
  heapGrowingPercent: number;
  /** From the first SIGTERM/SIGINT to exit, whatever hangs; the drain of requests in flight gets two thirds. */
  shutdownTimeoutMs: number;
  /** Polling of providers that do not push (RETURNS_SYNC_*). */
  sync: SyncSettings;
  /** How long one account's warehouse list is reused before it is asked for again. */
  warehousesCacheMs: number;
}

const int = (name: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${name} must be a number` })
    .int(`${name} must be a whole number`)
    .min(min, `${name} must be ≥ ${min}`)
    .max(max, `${name} must be ≤ ${max}`);

const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;
const MAX_METRICS_OPERATION_NAMES = 500;

// A comma-separated list of GraphQL operation names, bounded: each one is a label value.
const operationNames = z
  .string()
  .transform((text) =>
    text
      .split(",")
      .map((name) => name.trim())
      .filter((name) => name !== ""),
  )
  .refine((names) => names.every((name) => GRAPHQL_NAME.test(name)), "METRICS_OPERATION_NAMES must be GraphQL operation names separated by commas")
  .refine((names) => names.length <= MAX_METRICS_OPERATION_NAMES, `METRICS_OPERATION_NAMES must name at most ${MAX_METRICS_OPERATION_NAMES} operations`);

const envSchema = z.object({
  PORT: int("PORT", 0, 65535).default(4001),
  HOST: z
    .string()
    .trim()
    .min(1, "HOST must be an address or host name")
    .regex(/^[A-Za-z0-9.:_%-]+$/, "HOST must be an address or host name")
    .optional(),
  METRICS_PORT: int("METRICS_PORT", 0, 65535).optional(),
  METRICS_OPERATION_NAMES: operationNames.default([]),
  NODE_ENV: z.string().default("development"),
  LOG_LEVEL: z
    .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], { error: "LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent" })
    .default("info"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgres:// URL")
    .optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, "REDIS_URL must be a redis:// or rediss:// URL")
    .optional(),
  DATA_DIR: z.string().min(1).default(".data/pglite"),
  IDEMPOTENCY_TTL_HOURS: z.coerce.number({ error: "IDEMPOTENCY_TTL_HOURS must be a number" }).positive("IDEMPOTENCY_TTL_HOURS must be positive").default(24),
  PROVIDER_TIMEOUT_MS: int("PROVIDER_TIMEOUT_MS", 100, 120_000).default(DEFAULT_HTTP_POLICY.timeoutMs),
  PROVIDER_READ_RETRIES: int("PROVIDER_READ_RETRIES", 0, 5).default(DEFAULT_HTTP_POLICY.readRetries),
  PROVIDER_MAX_CONCURRENT_CALLS: int("PROVIDER_MAX_CONCURRENT_CALLS", 1, 1000).default(DEFAULT_HTTP_POLICY.maxConcurrentCalls),
  PROVIDER_MAX_RESPONSE_BYTES: int("PROVIDER_MAX_RESPONSE_BYTES", 1024, 1024 ** 3).default(DEFAULT_HTTP_POLICY.maxResponseBytes),
  RETURNS_ACCOUNTS_FILE: z.string().min(1).optional(),
  RETURNS_DEMO: z.enum(["true", "false"], { error: "RETURNS_DEMO must be true or false" }).optional(),
  MAX_CONCURRENT_OPERATIONS: int("MAX_CONCURRENT_OPERATIONS", 1, 10_000).default(64),
  MAX_QUEUED_OPERATIONS: int("MAX_QUEUED_OPERATIONS", 0, 100_000).default(1000),
  MAX_PROVIDER_CALLS_PER_REQUEST: int("MAX_PROVIDER_CALLS_PER_REQUEST", 1, 100_000).default(DEFAULT_MAX_PROVIDER_CALLS_PER_REQUEST),
  HEAP_GROWING_PERCENT: int("HEAP_GROWING_PERCENT", 0, 300).default(100),
  SHUTDOWN_TIMEOUT_MS: int("SHUTDOWN_TIMEOUT_MS", 1000, 600_000).default(15_000),
  RETURNS_WAREHOUSES_CACHE_SECONDS: int("RETURNS_WAREHOUSES_CACHE_SECONDS", 0, 86_400).default(300),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ error: "OTEL_EXPORTER_OTLP_ENDPOINT must be a URL" }).optional(),
  AUTH_MODE: z.enum(["off", "jwt", "router-secret"], { error: "AUTH_MODE must be off, jwt or router-secret" }).optional(),
  AUTH_JWT_SECRET: z.string().min(32, "AUTH_JWT_SECRET must be at least 32 characters").optional(),
  AUTH_JWKS_URL: z.url({ error: "AUTH_JWKS_URL must be a URL" }).optional(),
  AUTH_JWT_ISSUER: z.string().min(1).optional(),
  AUTH_JWT_AUDIENCE: z.string().min(1).optional(),
  AUTH_ROUTER_SECRET: z.string().min(16, "AUTH_ROUTER_SECRET must be at least 16 characters").optional(),
});

const MAX_WAREHOUSES = 1000;

/** An account's `warehouses` setting: the codes `warehouseCode` takes, each once. Provider-neutral, so read before the provider's own settings. */
const warehousesSchema = z
  .array(
    z.strictObject({
      code: z.string().trim().min(1, "code must not be empty").max(64, "code is at most 64 characters"),
      name: z.string().trim().min(1).max(200).nullish(),
      country: z.string().trim().min(1).max(64).nullish(),
    }),
    { error: "warehouses must be a list of { code, name?, country? }" },
  )
  .max(MAX_WAREHOUSES, `warehouses holds at most ${MAX_WAREHOUSES} entries`)
  .refine((list) => new Set(list.map((w) => w.code)).size === list.length, "warehouses must not list a code twice")
  .transform((list) => list.map((w) => ({ code: w.code, name: w.name ?? null, country: w.country ?? null })));

/** Splits the provider-neutral `warehouses` setting off an account's settings. */
function splitWarehouses(settings: unknown, source: string): { settings: unknown; warehouses?: ProviderWarehouse[] } {
  if (!settings || typeof settings !== "object" || Array.isArray(settings) || !("warehouses" in settings)) return { settings };
  const { warehouses, ...rest } = settings as Record<string, unknown>;
  const parsed = warehousesSchema.safeParse(warehouses);
  if (!parsed.success) throw new ConfigError(`${source}: ${parsed.error.issues.map((i) => `${["warehouses", ...i.path].join(".")}: ${i.message}`).join("; ")}`);
  return { settings: rest, warehouses: parsed.data };
}

function describe(error: z.ZodError, prefix = ""): string {
  return error.issues.map((i) => `${prefix}${i.path.join(".")}: ${i.message}`).join("; ");
}

function readAccountsFile(path: string): Record<string, Record<string, unknown>> {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw new ConfigError(`RETURNS_ACCOUNTS_FILE: cannot read ${path}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ConfigError(`RETURNS_ACCOUNTS_FILE: ${path} is not valid JSON`);
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new ConfigError(`RETURNS_ACCOUNTS_FILE: ${path} must hold an object keyed by provider (${RETURN_PROVIDERS.join(", ")})`);
  }
  for (const key of Object.keys(parsed)) {
    if (!(RETURN_PROVIDERS as readonly string[]).includes(key)) {
      throw new ConfigError(`RETURNS_ACCOUNTS_FILE: unknown provider "${key}" (expected ${RETURN_PROVIDERS.join(", ")})`);
    }
  }
  return parsed as Record<string, Record<string, unknown>>;
}

/** One typed config from the environment. Throws a ConfigError naming the variable at fault. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, modules: readonly ProviderModule<never>[] = PROVIDER_MODULES): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) throw new ConfigError(describe(parsed.error));
  const e = parsed.data;
  const production = e.NODE_ENV === "production";
  // A provider's published limit can be raised on request (some grant more): <PROVIDER>_RATE_LIMIT_PER_MINUTE.
  const rateLimitsPerMinute: Partial<Record<ReturnProvider, number>> = {};
  for (const provider of RETURN_PROVIDERS) {
    const name = `${provider}_RATE_LIMIT_PER_MINUTE`;
    const raw = env[name];
    if (raw === undefined || raw === "") continue;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1) throw new ConfigError(`${name}: must be a whole number of calls a minute, at least 1`);
    rateLimitsPerMinute[provider] = value;
  }
  const fromFile = e.RETURNS_ACCOUNTS_FILE ? readAccountsFile(e.RETURNS_ACCOUNTS_FILE) : {};

  const accounts: AccountConfig[] = [];
  const demoProviders: ReturnProvider[] = [];
  for (const module of modules) {
    const raw: Record<string, unknown> = { ...(fromFile[module.provider] ?? {}) };
    const fromEnv = module.accountFromEnv(env);
    if (fromEnv) raw["default"] = fromEnv;
    for (const [account, settings] of Object.entries(raw)) {
      if (!isValidAccountName(account)) {
        throw new ConfigError(`${module.provider} account "${account}": names are 1-64 letters, digits, ".", "_" or "-"`);
      }
      const source =
        account === "default" && fromEnv ? `${module.provider} (${module.envVariables.join(", ")})` : `RETURNS_ACCOUNTS_FILE ${module.provider}.${account}`;
      const split = splitWarehouses(settings, source);
      const result = module.accountSchema.safeParse(split.settings);
      if (!result.success) throw new ConfigError(`${source}: ${describe(result.error)}`);
      accounts.push({ provider: module.provider, account, settings: result.data, ...(split.warehouses ? { warehouses: split.warehouses } : {}) });
    }
    const demoAllowed = e.RETURNS_DEMO ? e.RETURNS_DEMO === "true" : !production;
    if (Object.keys(raw).length === 0 && demoAllowed) demoProviders.push(module.provider);
  }
  if (production && e.RETURNS_DEMO === "true") throw new ConfigError("RETURNS_DEMO: the emulators never run with NODE_ENV=production");

  // Only the router should reach a production subgraph: authentication is on there by default.
  const authMode = e.AUTH_MODE ?? (production ? "jwt" : "off");
  if (authMode === "jwt" && !e.AUTH_JWT_SECRET && !e.AUTH_JWKS_URL) {
    throw new ConfigError(
      "AUTH_MODE: jwt (the default with NODE_ENV=production) needs AUTH_JWT_SECRET or AUTH_JWKS_URL; or set AUTH_MODE=router-secret with AUTH_ROUTER_SECRET",
    );
  }
  if (authMode === "router-secret" && !e.AUTH_ROUTER_SECRET) throw new ConfigError("AUTH_ROUTER_SECRET: required with AUTH_MODE=router-secret");
  if (e.METRICS_PORT !== undefined && e.METRICS_PORT !== 0 && e.METRICS_PORT === e.PORT) throw new ConfigError("METRICS_PORT: must differ from PORT");
  let sync: SyncSettings;
  try {
    sync = syncSettingsFromEnv(env);
  } catch (error) {
    if (error instanceof SyncSettingsError) throw new ConfigError(error.message);
    throw error;
  }

  return {
    port: e.PORT,
    host: e.HOST,
    metricsPort: e.METRICS_PORT,
    metricsOperationNames: [...new Set(e.METRICS_OPERATION_NAMES)],
    nodeEnv: e.NODE_ENV,
    production,
    logLevel: e.LOG_LEVEL,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    dataDir: e.DATA_DIR,
    idempotencyTtlMs: e.IDEMPOTENCY_TTL_HOURS * 3600_000,
    http: {
      ...DEFAULT_HTTP_POLICY,
      timeoutMs: e.PROVIDER_TIMEOUT_MS,
      readRetries: e.PROVIDER_READ_RETRIES,
      maxConcurrentCalls: e.PROVIDER_MAX_CONCURRENT_CALLS,
      maxResponseBytes: e.PROVIDER_MAX_RESPONSE_BYTES,
    },
    accounts,
    demoProviders,
    otlpEndpoint: e.OTEL_EXPORTER_OTLP_ENDPOINT,
    rateLimitsPerMinute,
    heapGrowingPercent: e.HEAP_GROWING_PERCENT,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    warehousesCacheMs: e.RETURNS_WAREHOUSES_CACHE_SECONDS * 1000,
    admission: { maxConcurrent: e.MAX_CONCURRENT_OPERATIONS, maxQueued: e.MAX_QUEUED_OPERATIONS },
    maxProviderCallsPerRequest: e.MAX_PROVIDER_CALLS_PER_REQUEST,
    sync,
    auth: {
      mode: authMode,
      jwtSecret: e.AUTH_JWT_SECRET,
      jwksUrl: e.AUTH_JWKS_URL,
      issuer: e.AUTH_JWT_ISSUER,
      audience: e.AUTH_JWT_AUDIENCE,
      routerSecret: e.AUTH_ROUTER_SECRET,
    },
  };
}
