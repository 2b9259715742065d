// Hive Gateway configuration of the example supergraph (README, "Run it in a supergraph"). The
// supergraph tests serve exactly this configuration, with the composed SDL in place of the file.
//   npm run supergraph -- test/supergraph/subgraphs.json
//   npx hive-gateway supergraph supergraph.graphql --config-path test/supergraph/gateway.config.ts --port 4000
import { defineConfig } from "@graphql-hive/gateway";

export const gatewayConfig = defineConfig({
  supergraph: "supergraph.graphql",
  // The caller's x-request-id (or a fresh one) goes to every subgraph fetch and back in the
  // response, so the subgraph's logs and the gateway's share one id. On by default; kept explicit.
  requestId: true,
  // The returns subgraph bounds each provider call itself (PROVIDER_TIMEOUT_MS, default 10 s, with
  // read retries); the gateway waits a little longer than one full retried provider read.
  upstreamTimeout: 35_000,
  // Subscriptions go to the returns subgraph over WebSocket (graphql-transport-ws) at its GraphQL
  // path; queries and mutations stay on HTTP. The client's token travels in connection_init: Hive
  // Gateway puts a WebSocket client's connection_init payload into `context.headers`, so this
  // forwards it whether the client sent it as a header or in its own connection_init.
  transportEntries: {
    returns: {
      options: {
        subscriptions: {
          kind: "ws",
          location: "/graphql",
          options: { connectionParams: { authorization: "{context.headers.authorization}" } },
        },
      },
    },
  },
});
