import { pino, type Logger } from "pino";
import { nonBlockingOutput, type LogOutput } from "./log-output.js";
import { requestScope } from "./observability/request-scope.js";

export type { Logger };

// Secrets and personal data never reach the logs, at whatever depth a caller's object holds them.
const SENSITIVE =
  /^(token|secret|app_?secret|client_?secret|api_?secret|api_?key|sign|client_sign|signature|authorization|cookie|password|phone|mobile|email|contact_?(mobile|cell_?mobile|email)|x-router-secret)$/i;
const MAX_DEPTH = 8;

export function redact(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== "object" || depth > MAX_DEPTH) return value;
  if (value instanceof Error) {
    return { type: value.name, message: value.message, code: (value as { code?: unknown }).code, stack: value.stack };
  }
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    out[key] = SENSITIVE.test(key) ? "[redacted]" : redact(v, depth + 1);
  }
  return out;
}

// One for the process: every logger shares stdout and its backlog.
let stdout: LogOutput | undefined;

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: "returns-subgraph" },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { log: (object) => redact(object) as Record<string, unknown> },
      // Every line logged while serving a request carries its id, however deep the call.
      mixin: () => {
        const scope = requestScope.getStore();
        return scope ? { requestId: scope.requestId } : {};
      },
    },
    destination ?? (stdout ??= nonBlockingOutput(process.stdout)),
  );
}
