// Apollo Gateway over the example supergraph (README, "Run it in a supergraph"). The supergraph
// tests start exactly this gateway with the SDL they compose.
//   npm run supergraph -- test/supergraph/subgraphs.json
//   npx tsx test/supergraph/apollo-gateway.ts supergraph.graphql      # http://localhost:4000/
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { ApolloGateway, RemoteGraphQLDataSource } from "@apollo/gateway";
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";

interface GatewayContext {
  requestId: string;
}

/** A gateway that plans over `supergraphSdl` and hands the caller's request id to every subgraph. */
export function createApolloGateway(supergraphSdl: string): ApolloGateway {
  return new ApolloGateway({
    supergraphSdl,
    buildService: ({ url }) =>
      new RemoteGraphQLDataSource<GatewayContext>({
        url,
        willSendRequest({ request, context }) {
          if (context.requestId) request.http?.headers.set("x-request-id", context.requestId);
        },
      }),
  });
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

export async function startApolloGateway(
  supergraphSdl: string,
  listen: { port: number; host?: string } = { port: 4000 },
): Promise<{ url: string; close(): Promise<void> }> {
  const server = new ApolloServer<GatewayContext>({ gateway: createApolloGateway(supergraphSdl) });
  const { url } = await startStandaloneServer(server, {
    listen,
    context: async ({ req }) => {
      const header = req.headers["x-request-id"];
      return { requestId: typeof header === "string" && REQUEST_ID.test(header) ? header : randomUUID() };
    },
  });
  return { url, close: () => server.stop() };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const running = await startApolloGateway(readFileSync(process.argv[2] ?? "supergraph.graphql", "utf8"), { port: Number(process.env["PORT"] ?? 4000) });
  console.log(`Apollo Gateway at ${running.url}`);
}
