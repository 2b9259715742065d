// The two sample subgraphs the supergraph tests compose and run beside the returns subgraph, each
// built with @apollo/subgraph over in-memory data and served by Apollo Server on loopback:
// - `orders` knows a return by its id (kept from returnOrderCreate) and adds ReturnOrder.originalOrder;
// - `tickets` knows a return only by provider + number (typed in by a support agent).
import { readFileSync } from "node:fs";
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { buildSubgraphSchema } from "@apollo/subgraph";
import { parse } from "graphql";

export const ORDERS_SDL = readFileSync(new URL("./orders.graphql", import.meta.url), "utf8");
export const TICKETS_SDL = readFileSync(new URL("./tickets.graphql", import.meta.url), "utf8");

export interface SampleOrder {
  id: string;
  number: string;
  /** Ids of ReturnOrder, opaque here. */
  returnIds: string[];
}

export interface SampleTicket {
  id: string;
  subject: string;
  returnOrder?: { provider: string; providerOrderNo: string };
}

export interface RunningSubgraph {
  url: string;
  /** Every operation received, with the request id header the gateway forwarded. */
  requests: { query: string; requestId: string | null; representations: number }[];
  close(): Promise<void>;
}

async function serveSubgraph(sdl: string, resolvers: object): Promise<RunningSubgraph> {
  const requests: RunningSubgraph["requests"] = [];
  const quiet = () => undefined;
  const server = new ApolloServer({
    schema: buildSubgraphSchema({ typeDefs: parse(sdl), resolvers: resolvers as never }),
    logger: { debug: quiet, info: quiet, warn: quiet, error: quiet },
    plugins: [
      {
        async requestDidStart({ request }) {
          const representations = request.variables?.["representations"];
          requests.push({
            query: request.query ?? "",
            requestId: request.http?.headers.get("x-request-id") ?? null,
            representations: Array.isArray(representations) ? representations.length : 0,
          });
        },
      },
    ],
  });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: "127.0.0.1" } });
  return { url, requests, close: () => server.stop() };
}

export function startOrdersSubgraph(orders: SampleOrder[]): Promise<RunningSubgraph> {
  const byId = (id: string) => orders.find((o) => o.id === id) ?? null;
  return serveSubgraph(ORDERS_SDL, {
    Query: {
      order: (_: unknown, args: { id: string }) => byId(args.id),
      orders: (_: unknown, args: { first: number }) => orders.slice(0, Math.max(0, args.first)),
    },
    Order: {
      __resolveReference: (ref: { id: string }) => byId(ref.id),
      returns: (order: SampleOrder) => order.returnIds.map((id) => ({ id })),
    },
    ReturnOrder: {
      __resolveReference: (ref: { id: string }) => ref,
      originalOrder: (ret: { id: string }) => orders.find((o) => o.returnIds.includes(ret.id)) ?? null,
    },
  });
}

export function startTicketsSubgraph(tickets: SampleTicket[]): Promise<RunningSubgraph> {
  return serveSubgraph(TICKETS_SDL, {
    Query: { tickets: (_: unknown, args: { first: number }) => tickets.slice(0, Math.max(0, args.first)) },
    Ticket: {
      __resolveReference: (ref: { id: string }) => tickets.find((t) => t.id === ref.id) ?? null,
      returnOrder: (ticket: SampleTicket) => ticket.returnOrder ?? null,
    },
  });
}
