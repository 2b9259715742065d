import "reflect-metadata";
import { startApplication } from "./application.js";
import { ConfigError, loadConfig } from "./config.js";
import { limitHeapGrowth } from "./heap.js";
import { createLogger } from "./logger.js";

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
  const app = await startApplication({ config, logger });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    await app.close();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
  // Only now: whoever waits for this line may stop the process at once.
  logger.info(
    { url: `${app.url}/graphql`, store: config.databaseUrl ? "postgresql" : `pglite:${config.dataDir}`, demo: config.demoProviders },
    "returns subgraph ready",
  );
}

main().catch((error: unknown) => {
  console.error("Start-up failed:", error instanceof Error ? error.message : error);
  process.exit(1);
});
