import express, { type Router } from "express";
import type { Logger } from "../logger.js";
import type { Metrics } from "../observability/metrics.js";
import type { ProviderRegistry } from "../providers/registry.js";
import { RETURN_PROVIDERS, type ReturnProvider } from "../returns/model.js";
import { StoreUnavailableError } from "../store/health.js";
import type { Store } from "../store/index.js";
import { applyPush } from "./apply.js";

/** Pushes larger than this are refused before anything reads them. */
export const MAX_PUSH_BYTES = 512 * 1024;

/**
 * `POST /webhooks/<provider>`: the raw body goes to each account's adapter of that provider until
 * one verifies and handles it. A push nobody handles gets the refusal of the first adapter, in the
 * provider's own format, and changes nothing.
 */
export function webhookRouter(registry: ProviderRegistry, store: Store, logger: Logger, metrics?: Metrics): Router {
  const router = express.Router();
  router.post("/:provider", express.raw({ type: () => true, limit: MAX_PUSH_BYTES }), async (req, res) => {
    const name = String(req.params["provider"] ?? "").toUpperCase();
    const provider = (RETURN_PROVIDERS as readonly string[]).includes(name) ? (name as ReturnProvider) : null;
    const adapters = provider ? registry.all().filter((a) => a.provider === provider && a.features.receivesPushes && a.readPush) : [];
    if (adapters.length === 0) {
      res.status(404).json({ error: { code: "NOT_FOUND", message: "No provider here receives pushes at this path." } });
      return;
    }
    const push = {
      body: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
      contentType: String(req.headers["content-type"] ?? ""),
      headers: req.headers,
      query: Object.fromEntries(Object.entries(req.query).map(([k, v]) => [k, String(v)])),
      receivedAt: new Date(),
    };
    let refusal = null;
    try {
      for (const adapter of adapters) {
        const reading = await adapter.readPush!(push);
        if (reading.kind === "not-mine") {
          refusal ??= reading.reply;
          continue;
        }
        let reply = reading.kind === "refused" ? reading.reply : null;
        if (reading.kind === "change") {
          const outcome = await applyPush(store, adapter.provider, reading.change);
          logger.info({ provider, account: adapter.account, outcome, ...reading.change.summary }, "push applied");
          reply = reading.change.replies[outcome];
        }
        metrics?.push(provider!, reading.kind === "refused" ? "refused" : "handled");
        logger.info({ provider, account: adapter.account, status: reply!.status }, "push handled");
        res.status(reply!.status).type(reply!.contentType).send(reply!.body);
        return;
      }
    } catch (error) {
      metrics?.push(provider!, "failed");
      if (error instanceof StoreUnavailableError) {
        // Nothing was applied: a 5xx in the provider's own format makes it send the push again.
        // The outage itself is logged once by the store.
        const reply = adapters[0]!.refusePush?.(503, "the push could not be stored now; retry later");
        if (reply) res.status(reply.status).type(reply.contentType).send(reply.body);
        else res.status(503).json({ error: { code: error.code, message: error.message } });
        return;
      }
      logger.error({ err: error, provider }, "push processing failed");
      res.status(500).json({ error: { code: "INTERNAL_SERVER_ERROR", message: "The push could not be processed; retry later." } });
      return;
    }
    logger.warn({ provider, status: refusal!.status }, "push refused");
    metrics?.push(provider!, "refused");
    res.status(refusal!.status).type(refusal!.contentType).send(refusal!.body);
  });
  // An oversized or unreadable body: refused in the provider's own format when it has one.
  router.use((error: { status?: number; type?: string }, req: express.Request, res: express.Response, _next: express.NextFunction) => {
    const status = error.status === 413 ? 413 : 400;
    const message = status === 413 ? `the push is larger than ${MAX_PUSH_BYTES} bytes` : "the push could not be read";
    const name = String(req.params?.["provider"] ?? req.path.split("/")[1] ?? "").toUpperCase();
    const adapter = registry.all().find((a) => a.provider === name && a.refusePush);
    logger.warn({ provider: name, status }, "push refused before processing");
    if (adapter) metrics?.push(adapter.provider, "refused");
    if (adapter) {
      const reply = adapter.refusePush!(status, message);
      res.status(reply.status).type(reply.contentType).send(reply.body);
      return;
    }
    res.status(status).json({ error: { code: status === 413 ? "PAYLOAD_TOO_LARGE" : "BAD_REQUEST", message } });
  });
  return router;
}
