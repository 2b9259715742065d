import { ApolloClient, HttpLink, InMemoryCache, gql } from "@apollo/client";
import { relayStylePagination } from "@apollo/client/utilities";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { UNLIMITED_RATES, VALID_INPUTS } from "../resilience/common.js";

// What a frontend selects: the same fields in every operation that touches an order, as Apollo
// Client's docs advise, so a normalized cache keeps one complete, fresh copy of each order.
const ORDER = gql`
  fragment Order on ReturnOrder {
    id
    provider
    providerOrderNo
    status
    providerStatus
    remark
    updatedAt
    totalQuantity
    receivedQuantity
    capabilities {
      id
      canUpdate
      canCancel
      updateBlockedReason
      cancelBlockedReason
    }
  }
`;
const LIST = gql`
  query List($after: String) {
    returnOrders(first: 3, after: $after, filter: { providers: [OMS] }) {
      edges {
        cursor
        node {
          ...Order
        }
      }
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
    }
  }
  ${ORDER}
`;
const READ = gql`
  query Read($id: ID!) {
    returnOrder(id: $id) {
      ...Order
    }
  }
  ${ORDER}
`;
const CREATE = gql`
  mutation Create($input: ReturnOrderCreateInput!) {
    returnOrderCreate(input: $input) {
      __typename
      ... on ReturnOrderCreated {
        returnOrder {
          ...Order
        }
      }
    }
  }
  ${ORDER}
`;
// The mutations select less than the reads: the cache must merge, not replace.
const UPDATE = gql`
  mutation Update($id: ID!, $remark: String) {
    returnOrderUpdate(id: $id, input: { remark: $remark }) {
      __typename
      ... on ReturnOrderUpdated {
        returnOrder {
          id
          remark
          updatedAt
          capabilities {
            id
            canUpdate
          }
        }
      }
    }
  }
`;
const CANCEL = gql`
  mutation Cancel($id: ID!) {
    returnOrderCancel(id: $id) {
      __typename
      ... on ReturnOrderCancelled {
        returnOrder {
          id
          status
          providerStatus
          updatedAt
          capabilities {
            id
            canCancel
            cancelBlockedReason
          }
        }
      }
    }
  }
`;

describe("Apollo Client with InMemoryCache and no type policies", () => {
  let app: TestApp;
  let client: ApolloClient;
  /** The same read, asked of the subgraph itself. */
  const fromServer = async (id: string) => (await client.query({ query: READ, variables: { id }, fetchPolicy: "network-only" })).data;
  const fromCache = (id: string) => client.readQuery({ query: READ, variables: { id } });

  beforeAll(async () => {
    app = await startTestApp({ env: UNLIMITED_RATES });
    client = new ApolloClient({ link: new HttpLink({ uri: `${app.url}/graphql` }), cache: new InMemoryCache() });
  });
  afterAll(() => app.close());

  it("keeps every read complete and fresh through list, read, create, update and cancel", async () => {
    const list = await client.query({ query: LIST });
    const listed = (list.data as { returnOrders: { edges: { node: { id: string } }[] } }).returnOrders.edges[0]!.node;
    expect(fromCache(listed.id)).toBeNull(); // a list entry is not yet a `returnOrder(id)` read
    await client.query({ query: READ, variables: { id: listed.id } });
    expect(fromCache(listed.id)).toEqual(await fromServer(listed.id));

    const created = await client.mutate({ mutation: CREATE, variables: { input: { ...VALID_INPUTS.OMS, referenceNo: `APOLLO-${Date.now()}` } } });
    const id = (created.data as { returnOrderCreate: { returnOrder: { id: string } } }).returnOrderCreate.returnOrder.id;
    await client.query({ query: READ, variables: { id } });
    expect(fromCache(id)).toEqual(await fromServer(id));

    await client.mutate({ mutation: UPDATE, variables: { id, remark: "updated through Apollo" } });
    const afterUpdate = fromCache(id) as { returnOrder: { remark: string } } | null;
    expect(afterUpdate).not.toBeNull();
    expect(afterUpdate!.returnOrder.remark).toBe("updated through Apollo");
    expect(afterUpdate).toEqual(await fromServer(id));

    await client.mutate({ mutation: CANCEL, variables: { id } });
    const afterCancel = fromCache(id) as { returnOrder: Record<string, unknown> & { capabilities: Record<string, unknown> } } | null;
    // Complete (capabilities merged by their id, not replaced), and what the cancel selected is fresh;
    // a field it did not select (canUpdate) is as fresh as the client's last read of it.
    expect(afterCancel).not.toBeNull();
    const server = (await fromServer(id)) as { returnOrder: Record<string, unknown> & { capabilities: Record<string, unknown> } };
    expect(afterCancel!.returnOrder).toMatchObject({ status: "CANCELLED", capabilities: { canCancel: false, cancelBlockedReason: expect.any(String) } });
    for (const field of ["status", "providerStatus", "updatedAt"]) expect(afterCancel!.returnOrder[field]).toEqual(server.returnOrder[field]);
    for (const field of ["canCancel", "cancelBlockedReason"])
      expect(afterCancel!.returnOrder.capabilities[field]).toEqual(server.returnOrder.capabilities[field]);
  });
});

describe("Apollo Client's relayStylePagination() over returnOrders", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: UNLIMITED_RATES });
  });
  afterAll(() => app.close());

  it("keeps every page of a two-page walk, in order, with the README's query", async () => {
    const client = new ApolloClient({
      link: new HttpLink({ uri: `${app.url}/graphql` }),
      cache: new InMemoryCache({ typePolicies: { Query: { fields: { returnOrders: relayStylePagination(["filter"]) } } } }),
    });
    type Page = {
      returnOrders: {
        edges: { cursor: string; node: { id: string } }[];
        pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
      };
    };
    const first = (await client.query({ query: LIST })).data as Page;
    expect(first.returnOrders.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false, startCursor: first.returnOrders.edges[0]!.cursor });
    // What `fetchMore` does: ask the network for the next page and merge it into the cached field.
    await client.query({ query: LIST, variables: { after: first.returnOrders.pageInfo.endCursor }, fetchPolicy: "network-only" });
    const merged = client.readQuery({ query: LIST }) as Page;
    // The walk, as the subgraph serves it without a cache: first page then second, nothing lost.
    const direct = await app.post({ query: `{ returnOrders(first: 6, filter: { providers: [OMS] }) { nodes { id } } }` });
    const expected = ((await direct.json()) as { data: { returnOrders: { nodes: { id: string }[] } } }).data.returnOrders.nodes.map((n) => n.id);
    expect(merged.returnOrders.edges.map((e) => e.node.id)).toEqual(expected);
    // The cache shows the merged view's page info; the subgraph's own second page says it has a previous one.
    const second = await app.post({
      query: `query($after: String) { returnOrders(first: 3, after: $after, filter: { providers: [OMS] }) { pageInfo { hasPreviousPage } } }`,
      variables: { after: first.returnOrders.pageInfo.endCursor },
    });
    expect(await second.json()).toEqual({ data: { returnOrders: { pageInfo: { hasPreviousPage: true } } } });
  });
});
