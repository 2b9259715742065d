import { RETURN_PROVIDERS, type ReturnProvider } from "../returns/model.js";

/** How the sync polls providers that do not push (README "Sync"). */
export interface SyncSettings {
  /** Seconds between runs per provider; 0: that provider is not synced. */
  intervalSeconds: Record<ReturnProvider, number>;
  /** Providers whose change tracking is off unless asked for (`RETURNS_SYNC_<PROVIDER>=1`) that were asked for. */
  optedIn: ReturnProvider[];
  /** The share of each account's rate budget the sync's calls may take; the rest stays with reads. */
  rateShare: number;
  /** Upstream calls one run of one account may make, retries included. */
  maxCallsPerRun: number;
  /** How far before the last successful run a window starts, for clocks that differ and changes written late. */
  overlapSeconds: number;
  /** Open orders one run reads again at most (least recently seen first). */
  maxOpenOrdersPerRun: number;
}

export const DEFAULT_SYNC_SETTINGS: SyncSettings = {
  intervalSeconds: Object.fromEntries(RETURN_PROVIDERS.map((p) => [p, 60])) as Record<ReturnProvider, number>,
  optedIn: [],
  rateShare: 0.5,
  maxCallsPerRun: 50,
  overlapSeconds: 120,
  maxOpenOrdersPerRun: 1000,
};

export class SyncSettingsError extends Error {}

function wholeNumber(env: NodeJS.ProcessEnv, name: string, min: number, max: number, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new SyncSettingsError(`${name}: must be a whole number from ${min} to ${max}`);
  return value;
}

/** The sync's settings from the environment; a bad value is an error naming its variable. */
export function syncSettingsFromEnv(env: NodeJS.ProcessEnv): SyncSettings {
  const d = DEFAULT_SYNC_SETTINGS;
  const interval = wholeNumber(env, "RETURNS_SYNC_INTERVAL_SECONDS", 0, 86_400, 60);
  const intervalSeconds = Object.fromEntries(
    RETURN_PROVIDERS.map((p) => [p, wholeNumber(env, `RETURNS_SYNC_INTERVAL_SECONDS_${p}`, 0, 86_400, interval)]),
  ) as Record<ReturnProvider, number>;
  const optedIn = RETURN_PROVIDERS.filter((p) => {
    const raw = env[`RETURNS_SYNC_${p}`];
    if (raw === undefined || raw === "" || raw === "0" || raw === "false") return false;
    if (raw === "1" || raw === "true") return true;
    throw new SyncSettingsError(`RETURNS_SYNC_${p}: must be 1 or 0`);
  });
  const shareText = env["RETURNS_SYNC_RATE_SHARE"];
  const rateShare = shareText === undefined || shareText === "" ? d.rateShare : Number(shareText);
  if (!Number.isFinite(rateShare) || rateShare <= 0 || rateShare > 1)
    throw new SyncSettingsError("RETURNS_SYNC_RATE_SHARE: must be a number above 0 and at most 1");
  return {
    intervalSeconds,
    optedIn,
    rateShare,
    maxCallsPerRun: wholeNumber(env, "RETURNS_SYNC_MAX_CALLS_PER_RUN", 1, 100_000, d.maxCallsPerRun),
    overlapSeconds: wholeNumber(env, "RETURNS_SYNC_OVERLAP_SECONDS", 0, 86_400, d.overlapSeconds),
    maxOpenOrdersPerRun: wholeNumber(env, "RETURNS_SYNC_MAX_OPEN_ORDERS_PER_RUN", 1, 100_000, d.maxOpenOrdersPerRun),
  };
}
