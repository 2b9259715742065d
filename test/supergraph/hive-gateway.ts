import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createGatewayRuntime, getGraphQLWSOptions, type GatewayCLISupergraphConfig, type GatewayRuntime } from "@graphql-hive/gateway";
import { useServer } from "graphql-ws/use/ws";
import { WebSocketServer, type WebSocket } from "ws";
import { gatewayConfig } from "./gateway.config.js";

export interface RunningGateway {
  name: string;
  url: string;
  close(): Promise<void>;
}

/**
 * Hive Gateway as its CLI serves the example's configuration (test/supergraph/gateway.config.ts),
 * with the composed SDL in place of its file: HTTP, and GraphQL over WebSocket on the same path
 * (the CLI's own set-up: graphql-ws with the runtime's options).
 */
const headersOf = (request: IncomingMessage): [string, string][] =>
  Object.entries(request.headers).flatMap(([name, value]) => (value === undefined ? [] : [[name, Array.isArray(value) ? value.join(", ") : value]]));

export async function startHiveGateway(supergraphSdl: string): Promise<RunningGateway> {
  // (`reporting` is typed differently for the CLI, which fills the token from the environment; the example has none.)
  const { supergraph: file, reporting, ...options } = gatewayConfig as GatewayCLISupergraphConfig;
  if (file !== "supergraph.graphql" || reporting !== undefined) throw new Error("the example gateway configuration changed");
  const runtime: GatewayRuntime = createGatewayRuntime({ ...options, supergraph: supergraphSdl, logging: false });
  const server: Server = createServer(runtime);
  const wss = new WebSocketServer({ server, path: runtime.graphqlEndpoint });
  const ws = useServer(
    getGraphQLWSOptions<Record<string, unknown>, { request: IncomingMessage; socket: WebSocket }>(runtime, (ctx) => ({
      req: ctx.extra.request,
      socket: ctx.extra.socket,
      // The CLI hands over the upgrade request as a fetch Request (its headers, its URL).
      request: new Request(`http://${ctx.extra.request.headers.host}${ctx.extra.request.url}`, { headers: headersOf(ctx.extra.request) }),
    })),
    wss,
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}/graphql`;
  // The runtime loads the supergraph at its first HTTP request; a WebSocket operation before it finds no schema.
  await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: "{ __typename }" }) });
  return {
    name: "Hive Gateway",
    url,
    async close() {
      await ws.dispose();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await runtime.dispose();
    },
  };
}
