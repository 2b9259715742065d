import type { Server } from "node:http";
import type { AddressInfo } from "node:net";

/** Listens on `host` (every interface when undefined) and answers the URL this process reaches it by. */
export async function listen(server: Server, port: number, host: string | undefined): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, resolve);
  });
  const address = server.address() as AddressInfo;
  return `http://${reachableHost(host)}:${address.port}`;
}

// A server on every interface is reached on loopback; one bound to an address only there.
function reachableHost(host: string | undefined): string {
  if (host === undefined || host === "0.0.0.0" || host === "::") return "127.0.0.1";
  return host.includes(":") ? `[${host}]` : host;
}
