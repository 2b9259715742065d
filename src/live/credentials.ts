import { ROUTER_SECRET_HEADER } from "../auth/authenticate.js";

type Headers = Record<string, string | string[] | undefined>;

const CREDENTIAL_NAMES = ["authorization", ROUTER_SECRET_HEADER];

/**
 * The headers the HTTP authenticator reads, for a WebSocket connection: taken from the
 * `connection_init` payload when it carries any credential (`authorization`, `x-router-secret`,
 * any letter case, at its top level or under `headers`, as gateways put them), else from the
 * handshake request (a router propagating the client's headers to the upgrade).
 */
export function connectionCredentials(payload: Readonly<Record<string, unknown>> | undefined, handshake: Headers): Headers {
  const fromPayload: Headers = {};
  const nested = payload?.["headers"];
  for (const source of [nested && typeof nested === "object" ? (nested as Record<string, unknown>) : {}, payload ?? {}]) {
    for (const [key, value] of Object.entries(source)) {
      const name = key.toLowerCase();
      if (CREDENTIAL_NAMES.includes(name) && typeof value === "string" && value !== "") fromPayload[name] = value;
    }
  }
  if (Object.keys(fromPayload).length > 0) return fromPayload;
  return Object.fromEntries(CREDENTIAL_NAMES.map((name) => [name, handshake[name]]));
}
