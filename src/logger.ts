import { pino, type Logger } from "pino";

export type { Logger };

// Secrets and personal data never reach the logs, whatever object a caller hands to the logger.
const REDACT = [
  "*.token",
  "*.app_secret",
  "*.appSecret",
  "*.client_secret",
  "*.clientSecret",
  "*.apiSecret",
  "*.secret",
  "*.sign",
  "*.client_sign",
  "*.signature",
  "*.authorization",
  "*.Authorization",
  "*.phone",
  "*.mobile",
  "*.email",
  "req.headers.authorization",
  "req.headers.cookie",
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: "returns-subgraph" },
      redact: { paths: REDACT, censor: "[redacted]" },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
