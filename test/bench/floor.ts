/**
 * Bench child: the floor. A bare Apollo Server on the same HTTP stack (express 5 + the same
 * integration) serving the subgraph's own SDL with trivial resolvers that answer the captured
 * page from memory: no providers, no store, no loaders, no merging.
 */
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { expressMiddleware } from "@as-integrations/express5";
import { buildSubgraphSchema } from "@apollo/subgraph";
import express from "express";
import { parse } from "graphql";
import { serveCommands } from "./ipc.js";

const dataFile = process.env["BENCH_FLOOR_DATA"];
const sdlFile = process.env["BENCH_FLOOR_SDL"];
if (!dataFile || !sdlFile) throw new Error("BENCH_FLOOR_DATA and BENCH_FLOOR_SDL are required");
const page = JSON.parse(readFileSync(dataFile, "utf8")) as unknown;
const sdl = readFileSync(sdlFile, "utf8");

const schema = buildSubgraphSchema({
  typeDefs: parse(sdl),
  resolvers: {
    Query: { returnOrders: () => page },
    ReturnOrderDetails: { __resolveType: (value: { __typename: string }) => value.__typename },
  } as never,
});
const apollo = new ApolloServer({ schema, introspection: false, plugins: [ApolloServerPluginLandingPageDisabled()] });
await apollo.start();
const app = express();
app.disable("x-powered-by");
app.use("/graphql", express.json({ limit: "1mb" }), expressMiddleware(apollo));
const server = createServer(app);
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const { port } = server.address() as AddressInfo;

serveCommands({ rss: () => process.memoryUsage().rss, cpu: () => process.cpuUsage() }, { url: `http://127.0.0.1:${port}` });

process.on("SIGTERM", () => {
  server.closeAllConnections();
  void apollo.stop().finally(() => process.exit(0));
});
