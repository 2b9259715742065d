import { createServer } from "node:http";
import express, { type RequestHandler } from "express";
import { listen } from "../listen.js";
import type { Metrics } from "./metrics.js";

export function metricsRoute(metrics: Metrics): RequestHandler {
  return (_req, res, next) => {
    metrics.registry.metrics().then((text) => res.type(metrics.registry.contentType).send(text), next);
  };
}

export interface MetricsServer {
  url: string;
  close(): Promise<void>;
}

/** `/metrics` alone on a port of its own, so scrapers reach it and the public beside `/graphql` does not. */
export async function startMetricsServer(metrics: Metrics, port: number, host: string | undefined): Promise<MetricsServer> {
  const app = express();
  app.disable("x-powered-by");
  app.get("/metrics", metricsRoute(metrics));
  app.use((_req, res) => {
    res.status(404).json({ error: { code: "NOT_FOUND", message: "No such route." } });
  });
  const server = createServer(app);
  return {
    url: await listen(server, port, host),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
