import { randomUUID } from "node:crypto";
import type { Server } from "node:http";
import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { expressMiddleware } from "@as-integrations/express5";
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { ApolloServerPluginLandingPageLocalDefault } from "@apollo/server/plugin/landingPage/default";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import express, { type Express } from "express";
import { GraphQLError, type GraphQLFormattedError, type GraphQLSchema } from "graphql";
import { AuthError, createAuthenticator, type AuthConfig } from "./auth/authenticate.js";
import { scopeCheck } from "./auth/scopes.js";
import { graphqlBodyErrors, graphqlRequestGuard } from "./graphql-http.js";
import { operationLimits } from "./limits.js";
import { withoutSuggestions } from "./suggestions.js";
import type { Metrics } from "./observability/metrics.js";
import { metricsRoute } from "./observability/metrics-endpoint.js";
import type { ProviderHealth } from "./observability/provider-health.js";
import { readiness } from "./observability/readiness.js";
import { requestScope } from "./observability/request-scope.js";
import { CallBudget, currentBudget } from "./providers/kit/call-budget.js";
import { createAdmission, type AdmissionLimits } from "./admission.js";
import { tracer } from "./observability/tracing.js";
import { SpanKind } from "@opentelemetry/api";
import type { RequestContext } from "./context.js";
import type { Logger } from "./logger.js";
import type { ProviderRegistry } from "./providers/registry.js";
import type { ReturnOrderService } from "./returns/service.js";
import { StoreUnavailableError } from "./store/health.js";
import type { Store } from "./store/index.js";
import { webhookRouter } from "./webhooks/router.js";

export interface ServerDeps {
  schema: GraphQLSchema;
  service: ReturnOrderService;
  registry: ProviderRegistry;
  store: Store;
  logger: Logger;
  production: boolean;
  httpServer: Server;
  auth: AuthConfig;
  metrics: Metrics;
  admission: AdmissionLimits;
  /** How long requests in flight may finish once the server stops (Apollo's default without it). */
  drainMs?: number;
  maxProviderCallsPerRequest: number;
  health: ProviderHealth;
  /** `/metrics` is served on a port of its own (METRICS_PORT), not beside `/graphql`. */
  metricsOnOwnPort?: boolean;
}

const EXPECTED_CODES = new Set([
  "BAD_USER_INPUT",
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_REQUEST",
  "PERSISTED_QUERY_NOT_FOUND",
  "OPERATION_RESOLUTION_FAILURE",
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "PROVIDER_UNAVAILABLE",
  "PROVIDER_REJECTED",
]);

/**
 * Unexpected errors reach the client as a generic message with an error id that is logged with
 * the real error; expected ones keep their message and code. No stack trace ever leaves.
 */
export function maskErrors(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = (error as { originalError?: unknown })?.originalError ?? error;
    if (original instanceof StoreUnavailableError) {
      // Logged once per outage by the store, not once per field: "not now", like a provider that is down.
      return {
        message: original.message,
        path: formatted.path,
        locations: formatted.locations,
        extensions: { code: "PROVIDER_UNAVAILABLE", reason: original.code, retryable: true },
      };
    }
    const providerCode = (original as { code?: unknown })?.code;
    if (typeof providerCode === "string" && (providerCode === "PROVIDER_UNAVAILABLE" || providerCode === "PROVIDER_REJECTED")) {
      const reason = (original as { reasonCode?: unknown }).reasonCode;
      const extensions = typeof reason === "string" ? { code: providerCode, reason } : { code: providerCode };
      return { message: (original as Error).message, path: formatted.path, locations: formatted.locations, extensions };
    }
    // graphql-js stops after 50 bad variable values with an error Apollo does not mark as the caller's.
    if (!formatted.path && formatted.message.startsWith("Too many errors processing variables")) {
      return { message: formatted.message, extensions: { code: "BAD_USER_INPUT" } };
    }
    const code = formatted.extensions?.["code"];
    if (typeof code === "string" && EXPECTED_CODES.has(code)) {
      const { stacktrace: _drop, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    const errorId = randomUUID();
    logger.error({ err: original, errorId, path: formatted.path }, "unexpected error");
    return {
      message: `Internal error (id ${errorId}).`,
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: "INTERNAL_SERVER_ERROR", errorId },
    };
  };
}

/** How every GraphQL error leaves this subgraph, over HTTP and WebSocket alike. */
export const errorFormatter = (production: boolean, logger: Logger) => (production ? withoutSuggestions(maskErrors(logger)) : maskErrors(logger));

/** One log line and the operation metrics per GraphQL operation. */
function operationObserver(logger: Logger, metrics: Metrics): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse({ operationName, errors }) {
          const durationMs = Math.round(performance.now() - started);
          const outcome = errors?.length ? "error" : "ok";
          metrics.operation(operationName ?? null, outcome, durationMs);
          const budget = currentBudget();
          logger.info(
            {
              operationName: operationName ?? null,
              durationMs,
              outcome,
              errors: errors?.length ?? 0,
              providerCalls: budget?.used ?? 0,
              providerCallsRefused: budget?.refused ?? 0,
            },
            "graphql operation",
          );
        },
      };
    },
  };
}

/**
 * What a store outage does to an answer that was otherwise served: orders read from their
 * providers keep empty `events`, and the response says so in `extensions.warnings`. A request
 * of which nothing could be served because of the outage is `503` with `retry-after`.
 */
function storeOutageAnswers(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue, errors }) {
          if (response.body.kind !== "single") return;
          const result = response.body.singleResult;
          if (contextValue?.loaders?.eventsMissing) {
            const warning = { code: "EVENTS_UNAVAILABLE", message: "The returns store is unavailable: order events are shown empty; retry shortly for them." };
            result.extensions = { ...result.extensions, warnings: [warning] };
          }
          const storeDown = errors?.some((e) => e.originalError instanceof StoreUnavailableError) ?? false;
          const nothingServed = !result.data || Object.values(result.data).every((v) => v === null);
          if (storeDown && nothingServed) {
            response.http.status = 503;
            response.http.headers.set("retry-after", "1");
          }
        },
      };
    },
  };
}

/** Every GraphQL answer is uncacheable: orders change at the providers without notice. */
function noStore(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          response.http.headers.set("cache-control", "no-store");
        },
      };
    },
  };
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Takes the router's request id (or makes one) and runs the request inside its scope and span;
 * GraphQL requests also get their budget of provider calls.
 */
function requestScoping(maxProviderCalls?: number): express.RequestHandler {
  return (req, res, next) => {
    const header = req.headers["x-request-id"];
    const requestId = typeof header === "string" && REQUEST_ID.test(header) ? header : randomUUID();
    res.setHeader("x-request-id", requestId);
    tracer().startActiveSpan(
      `${req.method} ${req.baseUrl || "/"}`,
      { kind: SpanKind.SERVER, attributes: { "http.request.method": req.method, "returns.request_id": requestId } },
      (span) => {
        res.once("finish", () => {
          span.setAttribute("http.response.status_code", res.statusCode);
          span.end();
        });
        requestScope.run({ requestId, budget: maxProviderCalls ? new CallBudget(maxProviderCalls) : undefined }, next);
      },
    );
  };
}

export async function createApp(deps: ServerDeps): Promise<{ app: Express; apollo: ApolloServer<RequestContext> }> {
  const { logger } = deps;
  const limits = operationLimits(deps.production);
  const apollo = new ApolloServer<RequestContext>({
    schema: deps.schema,
    introspection: !deps.production,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    // The process owns SIGTERM/SIGINT (src/index.ts closes the store and emulators too); Apollo's
    // own handlers raced ours and `npm start` never exited on SIGTERM.
    stopOnTerminationSignals: false,
    validationRules: limits.validationRules,
    parseOptions: limits.parseOptions,
    logger: {
      debug: (message: string) => logger.debug(message),
      info: (message: string) => logger.debug(message),
      warn: (message: string) => logger.warn(message),
      error: (message: string) => logger.error(message),
    },
    formatError: errorFormatter(deps.production, logger),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer: deps.httpServer, stopGracePeriodMillis: deps.drainMs }),
      // Return orders are live data with no cache hints: the default cache-control plugin would
      // wrap every field resolver only to compute "no-store", which `noStore()` sets directly.
      ApolloServerPluginCacheControlDisabled(),
      noStore(),
      storeOutageAnswers(),
      deps.production ? ApolloServerPluginLandingPageDisabled() : ApolloServerPluginLandingPageLocalDefault({ embed: true, includeCookies: false }),
      operationObserver(logger, deps.metrics),
      scopeCheck(),
      ...(limits.plugins as ApolloServerPlugin<RequestContext>[]),
    ],
  });
  await apollo.start();

  const app = express();
  app.disable("x-powered-by");
  // Every answer is `no-store`: an ETag (a hash of each body, computed by express) serves no cache.
  app.set("etag", false);
  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.get("/readyz", async (_req, res) => {
    const report = await readiness(deps.store, deps.registry, deps.health);
    res.status(report.ready ? 200 : 503).json(report);
  });
  if (!deps.metricsOnOwnPort) app.get("/metrics", metricsRoute(deps.metrics));
  app.use("/webhooks", requestScoping(), webhookRouter(deps.registry, deps.store, logger, deps.metrics));
  const authenticate = createAuthenticator(deps.auth);
  const graphql = expressMiddleware(apollo, {
    context: async ({ req }) => {
      let caller;
      try {
        caller = await authenticate(req.headers);
      } catch (error) {
        if (error instanceof AuthError) {
          throw new GraphQLError(error.message, { extensions: { code: "UNAUTHENTICATED", http: { status: 401 } } });
        }
        throw error;
      }
      return { service: deps.service, loaders: deps.service.createLoaders(caller) };
    },
  });
  const admission = createAdmission(deps.admission);
  deps.metrics.watchAdmission(admission);
  const admitted: express.RequestHandler = (req, res, next) => {
    if (req.path !== "/") {
      next();
      return;
    }
    admission.admit(res, () => void graphql(req, res, next));
  };
  app.use(
    ["/graphql", "/"],
    requestScoping(deps.maxProviderCallsPerRequest),
    graphqlRequestGuard(),
    express.json({ limit: "1mb" }),
    admitted,
    graphqlBodyErrors(logger),
  );
  app.use((_req, res) => {
    res.status(404).json({ error: { code: "NOT_FOUND", message: "No such route." } });
  });
  // Body-parser and other middleware errors: a typed JSON answer, never a stack trace.
  app.use((error: { status?: number; type?: string; message?: string }, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    const status = typeof error.status === "number" && error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status === 500) logger.error({ err: error }, "request failed");
    res.status(status).json({
      error: {
        code: status === 413 ? "PAYLOAD_TOO_LARGE" : status === 500 ? "INTERNAL_SERVER_ERROR" : "BAD_REQUEST",
        message: status === 500 ? "Internal error." : (error.message ?? "Bad request."),
      },
    });
  });
  return { app, apollo };
}
