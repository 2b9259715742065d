import type express from "express";
import type { Logger } from "./logger.js";

/**
 * The answers on the GraphQL endpoint that Apollo Server never sees: a wrong method or media type
 * and a body that cannot be read. They keep the GraphQL shape (`{"errors":[…]}` with a code) so a
 * client reads every answer from this endpoint one way.
 */
export function sendGraphQLError(res: express.Response, status: number, code: string, message: string): void {
  res.status(status).json({ errors: [{ message, extensions: { code } }] });
}

const ALLOWED_METHODS = "GET, POST";

/** Whether a request is for the endpoint itself rather than a path below where it is mounted. */
const atEndpoint = (req: express.Request) => req.path === "/";

/** Refuses, before the body is read, what GraphQL over HTTP does not carry: 405 and 415. */
export function graphqlRequestGuard(): express.RequestHandler {
  return (req, res, next) => {
    if (!atEndpoint(req)) {
      next();
      return;
    }
    if (req.method !== "GET" && req.method !== "POST") {
      res.setHeader("allow", ALLOWED_METHODS);
      sendGraphQLError(res, 405, "METHOD_NOT_ALLOWED", `GraphQL is served over ${ALLOWED_METHODS} only.`);
      return;
    }
    // Without a content type Apollo's CSRF prevention answers; a declared one must be JSON.
    const contentType = req.headers["content-type"];
    if (req.method === "POST" && contentType !== undefined && mediaType(contentType) !== "application/json") {
      sendGraphQLError(res, 415, "UNSUPPORTED_MEDIA_TYPE", "A GraphQL POST body is application/json.");
      return;
    }
    next();
  };
}

const mediaType = (contentType: string) => contentType.split(";")[0]!.trim().toLowerCase();

const BODY_ERROR_CODES: Record<number, string> = { 413: "PAYLOAD_TOO_LARGE", 415: "UNSUPPORTED_MEDIA_TYPE" };

/** Body-parser failures on the endpoint (malformed JSON, too large, unknown charset) as GraphQL errors. */
export function graphqlBodyErrors(logger: Logger): express.ErrorRequestHandler {
  return (error: { status?: number; message?: string }, req, res, next) => {
    if (!atEndpoint(req) || res.headersSent) {
      next(error);
      return;
    }
    const status = typeof error.status === "number" && error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status === 500) {
      logger.error({ err: error }, "request failed");
      sendGraphQLError(res, 500, "INTERNAL_SERVER_ERROR", "Internal error.");
      return;
    }
    sendGraphQLError(res, status, BODY_ERROR_CODES[status] ?? "BAD_REQUEST", error.message ?? "Bad request.");
  };
}
