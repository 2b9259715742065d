import { timingSafeEqual } from "node:crypto";
import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from "jose";
import { Caller } from "./caller.js";

export type AuthMode = "off" | "jwt" | "router-secret";

export interface AuthConfig {
  mode: AuthMode;
  jwtSecret?: string;
  jwksUrl?: string;
  issuer?: string;
  audience?: string;
  routerSecret?: string;
}

export class AuthError extends Error {
  readonly code = "UNAUTHENTICATED";
}

export const ROUTER_SECRET_HEADER = "x-router-secret";
/** The claim that limits a caller to some providers or accounts ("PROVIDER", "PROVIDER/account", …). */
export const ACCESS_CLAIM = "returns_access";

type Headers = Record<string, string | string[] | undefined>;

function header(headers: Headers, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function list(value: unknown): string[] | null {
  if (value === undefined || value === null) return null;
  if (typeof value === "string") return value.split(/[\s,]+/).filter(Boolean);
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  return [];
}

/** The caller a verified token describes: scopes from `scope`/`scp`, access from `returns_access`. */
export function callerFromClaims(claims: JWTPayload): Caller {
  const scopes = new Set([...(list(claims["scope"]) ?? []), ...(list(claims["scp"]) ?? [])]);
  const access = list(claims[ACCESS_CLAIM]);
  const subject = typeof claims.sub === "string" && claims.sub !== "" ? claims.sub : null;
  return new Caller(subject ?? "anonymous", scopes, access === null ? null : new Set(access), subject === null ? null : { kind: "sub", subject });
}

/**
 * Turns request headers into a Caller, or throws AuthError. The subgraph is meant to be reached
 * only through the router: the router forwards the client's JWT, or proves itself with a secret.
 */
export function createAuthenticator(config: AuthConfig): (headers: Headers) => Promise<Caller> {
  if (config.mode === "off") return async () => Caller.trusted("anonymous");

  if (config.mode === "router-secret") {
    const expected = Buffer.from(config.routerSecret ?? "", "utf8");
    return async (headers) => {
      const given = Buffer.from(header(headers, ROUTER_SECRET_HEADER) ?? "", "utf8");
      if (expected.length === 0 || given.length !== expected.length || !timingSafeEqual(given, expected)) {
        throw new AuthError("This subgraph is reachable only through the router.");
      }
      return Caller.trusted("router");
    };
  }

  const options = { issuer: config.issuer, audience: config.audience };
  const verify: (token: string) => Promise<JWTPayload> = config.jwksUrl
    ? (() => {
        const jwks: JWTVerifyGetKey = createRemoteJWKSet(new URL(config.jwksUrl), { timeoutDuration: 3_000, cooldownDuration: 30_000 });
        return async (token: string) => (await jwtVerify(token, jwks, { ...options, algorithms: ["RS256", "ES256", "PS256", "EdDSA"] })).payload;
      })()
    : (() => {
        const key = new TextEncoder().encode(config.jwtSecret ?? "");
        return async (token: string) => (await jwtVerify(token, key, { ...options, algorithms: ["HS256"] })).payload;
      })();

  return async (headers) => {
    const authorization = header(headers, "authorization") ?? "";
    const match = /^Bearer\s+([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/.exec(authorization);
    if (!match) throw new AuthError("A bearer token is required.");
    try {
      return callerFromClaims(await verify(match[1]!));
    } catch {
      // The reason (expired, bad signature, wrong audience) is for the logs, not for the caller.
      throw new AuthError("The bearer token is not valid.");
    }
  };
}
