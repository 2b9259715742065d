import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import type { Context } from "graphql-ws";
import { useServer } from "graphql-ws/use/ws";
import { getOperationAST, GraphQLError, parse, specifiedRules, validate, type GraphQLFormattedError, type GraphQLSchema } from "graphql";
import { WebSocketServer, type WebSocket } from "ws";
import { AuthError } from "../auth/authenticate.js";
import type { Caller } from "../auth/caller.js";
import { scopeRefusal } from "../auth/scopes.js";
import type { RequestContext } from "../context.js";
import { operationLimits } from "../limits.js";
import type { Logger } from "../logger.js";
import { ChannelClosedError } from "./channel.js";
import { connectionCredentials } from "./credentials.js";

export interface LiveSettings {
  /** WebSocket connections this replica holds at once; one more is refused at the handshake (503). */
  maxConnections: number;
  /** Subscriptions one connection runs at once; one more is answered with an error. */
  maxSubscriptionsPerConnection: number;
  /** How often the server pings each connection; one that does not answer within as long is dropped. */
  keepAliveMs: number;
}

export interface LiveTransportDeps {
  httpServer: Server;
  /** The GraphQL endpoint's path: WebSocket upgrades are served there, nowhere else. */
  path: string;
  schema: GraphQLSchema;
  /** The context of one subscription of this caller. */
  contextFor(caller: Caller): RequestContext;
  authenticate(headers: Record<string, string | string[] | undefined>): Promise<Caller>;
  formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError;
  logger: Logger;
  production: boolean;
  settings: LiveSettings;
}

export interface LiveTransport {
  /** Open WebSocket connections. */
  readonly connections: number;
  /** Refuses new connections and closes every open one with 1001 (going away), waiting at most `graceMs`. */
  close(graceMs: number): Promise<void>;
}

/** RFC 6455: the server is going away. graphql-ws clients reconnect on it (to another replica). */
const GOING_AWAY = 1001;

type Extra = { socket: WebSocket; request: IncomingMessage; caller?: Caller };
type LiveContext = Context<Record<string, unknown> | undefined, Extra>;

/** Codes this transport answers itself (the HTTP masking would hide them as internal errors). */
const OWN_CODES = new Set([
  "TOO_MANY_SUBSCRIPTIONS",
  "SUBSCRIBER_TOO_SLOW",
  "SERVER_SHUTTING_DOWN",
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_REQUEST",
]);

const refuse = (message: string, code: string, error?: GraphQLError) =>
  new GraphQLError(message, { nodes: error?.nodes, source: error?.source, positions: error?.positions, extensions: { code } });

/**
 * GraphQL over WebSocket (`graphql-transport-ws`, the graphql-ws library) on the HTTP server's
 * GraphQL path. The connection is authenticated once, at `connection_init`, by the same
 * authenticator as HTTP; each subscription is held to the same scope rule and operation limits
 * as a query. Only subscriptions are served: queries and mutations go over HTTP, where admission
 * and the per-request provider budget apply.
 */
export function serveWebSocket(deps: LiveTransportDeps): LiveTransport {
  const { settings, logger } = deps;
  const limits = operationLimits(deps.production);
  const rules = [...specifiedRules, ...limits.validationRules];
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  let open = 0;
  let closing = false;

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    if (path !== deps.path) return answer(socket, 404, "Not Found");
    if (closing) return answer(socket, 503, "Service Unavailable");
    if (open >= settings.maxConnections) {
      logger.warn({ code: "WEBSOCKET_CONNECTIONS_LIMIT", limit: settings.maxConnections }, "websocket connection refused: this replica holds its maximum");
      return answer(socket, 503, "Service Unavailable");
    }
    open++;
    wss.handleUpgrade(request, socket, head, (ws) => {
      ws.once("close", () => open--);
      wss.emit("connection", ws, request);
    });
  };
  deps.httpServer.on("upgrade", onUpgrade);

  const formatError = (error: GraphQLError): GraphQLFormattedError => {
    const original = error.originalError;
    if (original instanceof ChannelClosedError) return { message: original.message, extensions: { code: original.code } };
    const code = error.extensions?.["code"];
    if (typeof code === "string" && OWN_CODES.has(code)) return error.toJSON();
    return deps.formatError(error.toJSON(), error);
  };
  // An HTTP status has no meaning on a WebSocket message.
  const formatErrors = (errors: readonly GraphQLError[]): GraphQLFormattedError[] =>
    errors.map((error) => {
      const formatted = formatError(error);
      if (!formatted.extensions || !("http" in formatted.extensions)) return formatted;
      const { http: _status, ...extensions } = formatted.extensions;
      return { ...formatted, extensions };
    });

  const server = useServer<Record<string, unknown> | undefined, Extra>(
    {
      onConnect: async (ctx: LiveContext) => {
        try {
          ctx.extra.caller = await deps.authenticate(connectionCredentials(ctx.connectionParams, ctx.extra.request.headers));
          return true;
        } catch (error) {
          if (!(error instanceof AuthError)) throw error;
          logger.info({ code: "UNAUTHENTICATED" }, "websocket connection refused: not authenticated");
          return false;
        }
      },
      onSubscribe: (ctx: LiveContext, _id, payload) => {
        if (Object.keys(ctx.subscriptions).length > settings.maxSubscriptionsPerConnection) {
          return [refuse(`At most ${settings.maxSubscriptionsPerConnection} subscriptions per connection.`, "TOO_MANY_SUBSCRIPTIONS")];
        }
        let document;
        try {
          document = parse(payload.query, limits.parseOptions);
        } catch (error) {
          return [refuse((error as Error).message, "GRAPHQL_PARSE_FAILED", error instanceof GraphQLError ? error : undefined)];
        }
        const invalid = validate(deps.schema, document, rules);
        if (invalid.length > 0) return invalid.map((e) => refuse(e.message, "GRAPHQL_VALIDATION_FAILED", e));
        const operation = getOperationAST(document, payload.operationName);
        if (!operation) return [refuse("The document names no operation to run.", "BAD_REQUEST")];
        if (operation.operation !== "subscription") {
          return [refuse("Only subscriptions are served over WebSocket; queries and mutations go over HTTP.", "BAD_REQUEST")];
        }
        const caller = ctx.extra.caller!;
        const refusal = scopeRefusal(operation, caller);
        if (refusal) return [refusal];
        return {
          schema: deps.schema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables,
          contextValue: deps.contextFor(caller),
        };
      },
      onNext: (_ctx, _id, _payload, _args, result) => (result.errors ? { ...result, errors: formatErrors(result.errors) } : undefined),
      onError: (_ctx, _id, _payload, errors) => formatErrors(errors),
    },
    wss,
    settings.keepAliveMs,
  );

  return {
    get connections() {
      return open;
    },
    async close(graceMs) {
      closing = true;
      const sockets = [...wss.clients];
      const closed = Promise.all(
        sockets.map((ws) => new Promise<void>((resolve) => (ws.readyState === ws.CLOSED ? resolve() : ws.once("close", () => resolve())))),
      );
      for (const ws of sockets) ws.close(GOING_AWAY, "The server is shutting down; reconnect.");
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([closed, new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)))]);
      clearTimeout(timer);
      // A peer that never answered the close frame must not hold the shutdown.
      for (const ws of wss.clients) ws.terminate();
      deps.httpServer.off("upgrade", onUpgrade);
      await server.dispose();
    },
  };
}

function answer(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n${status === 503 ? "Retry-After: 5\r\n" : ""}\r\n`);
}
