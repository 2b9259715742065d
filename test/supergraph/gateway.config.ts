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
});
