import "reflect-metadata";
import { startApplication } from "./application.js";
import { ConfigError, loadConfig } from "./config.js";
import { limitHeapGrowth } from "./heap.js";
import { createLogger } from "./logger.js";
import { terminationHandler } from "./shutdown.js";

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Configuration error: ${error.message}`);
      process.exit(2);
    }
    throw error;
  }
  limitHeapGrowth(config.heapGrowingPercent);
  const logger = createLogger(config.logLevel);
  process.on("unhandledRejection", (reason) => logger.error({ err: reason }, "unhandled rejection"));
  // A reader of stderr that went away must not turn a late warning into a crash.
  process.stderr.on("error", () => undefined);
  const app = await startApplication({ config, logger });
  const stop = terminationHandler({ close: () => app.close(), logger, timeoutMs: config.shutdownTimeoutMs });
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  // Only now: whoever waits for this line may stop the process at once.
  logger.info(
    { url: `${app.url}/graphql`, metrics: app.metricsUrl, store: config.databaseUrl ? "postgresql" : `pglite:${config.dataDir}`, demo: config.demoProviders },
    "returns subgraph ready",
  );
}

main().catch((error: unknown) => {
  const code = (error as { code?: unknown } | undefined)?.code;
  console.error(`Start-up failed${typeof code === "string" ? ` (${code})` : ""}:`, error instanceof Error ? error.message : error);
  process.exit(1);
});
