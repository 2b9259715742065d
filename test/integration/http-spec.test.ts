import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloServer } from "@apollo/server";
import { expressMiddleware } from "@as-integrations/express5";
import express from "express";
import { serverAudits } from "graphql-http";
import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OPERATION_LIMITS, operationLimits } from "../../src/limits.js";
import { startTestApp, type TestApp } from "../helpers/app.js";

const SECRET = "a-test-secret-that-is-long-enough-for-hs256";

/** A token with every scope, as the router would forward it. */
const bearer = async () => {
  const jwt = await new SignJWT({ scope: "returns:read returns:write" })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject("audit")
    .setIssuedAt()
    .setExpirationTime("10m")
    .sign(new TextEncoder().encode(SECRET));
  return { authorization: `Bearer ${jwt}` };
};

/**
 * Apollo Server 5 as its documentation sets it up: the yardstick for what the audit asks of Apollo
 * itself. Without introspection, as Apollo runs by default with NODE_ENV=production, several audits
 * fail on their `__type` queries.
 */
async function startBareApollo(introspection: boolean): Promise<{ url: string; close(): Promise<void> }> {
  const apollo = new ApolloServer({ typeDefs: "type Query { hello: String }", resolvers: { Query: { hello: () => "world" } }, introspection });
  await apollo.start();
  const app = express();
  app.use("/graphql", express.json(), expressMiddleware(apollo));
  const server: Server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    async close() {
      await apollo.stop();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** The ids of the MUST and SHOULD audits a server fails, with the reason of each. */
async function failingAudits(url: string, headers: Record<string, string> = {}): Promise<Map<string, string>> {
  const withHeaders = (input: RequestInfo | URL, init: RequestInit = {}) => {
    const merged = new Headers(init.headers);
    for (const [name, value] of Object.entries(headers)) merged.set(name, value);
    return fetch(input, { ...init, headers: merged });
  };
  const failing = new Map<string, string>();
  for (const audit of serverAudits({ url, fetchFn: withHeaders })) {
    if (audit.name.startsWith("MAY")) continue;
    const result = await audit.fn();
    if (result.status !== "ok") failing.set(result.id, `${result.name}: ${result.reason}`);
  }
  return failing;
}

const describeFailures = (label: string, failing: Map<string, string>) =>
  `${label} fails ${failing.size ? [...failing].map(([id, why]) => `\n  ${id} ${why}`).join("") : "none"}`;

describe("GraphQL over HTTP: the graphql-http audit", () => {
  let bare: Awaited<ReturnType<typeof startBareApollo>>;
  let bareWithoutIntrospection: Awaited<ReturnType<typeof startBareApollo>>;
  let demo: TestApp;
  let production: TestApp;
  beforeAll(async () => {
    bare = await startBareApollo(true);
    bareWithoutIntrospection = await startBareApollo(false);
    demo = await startTestApp();
    production = await startTestApp({ env: { NODE_ENV: "production", AUTH_MODE: "jwt", AUTH_JWT_SECRET: SECRET } });
  });
  afterAll(async () => {
    await bare?.close();
    await bareWithoutIntrospection?.close();
    await demo?.close();
    await production?.close();
  });

  it("fails no MUST or SHOULD audit that a bare Apollo Server 5 passes, in demo and in production", async ({ annotate }) => {
    const runs = [
      { label: "demo", yardstick: await failingAudits(bare.url), ours: await failingAudits(`${demo.url}/graphql`) },
      {
        label: "production",
        yardstick: await failingAudits(bareWithoutIntrospection.url),
        ours: await failingAudits(`${production.url}/graphql`, await bearer()),
      },
    ];
    const report = runs
      .map((run) => `${describeFailures(`bare Apollo Server 5 (${run.label})`, run.yardstick)}\n${describeFailures(`subgraph (${run.label})`, run.ours)}`)
      .join("\n");
    await annotate(report);
    for (const run of runs) {
      expect(
        [...run.ours.keys()].filter((id) => !run.yardstick.has(id)),
        `${run.label}: audits failed beyond a bare Apollo Server's\n${report}`,
      ).toEqual([]);
    }
  });
});

interface ErrorsBody {
  data?: unknown;
  errors?: { message: string; locations?: { line: number; column: number }[]; extensions?: { code?: string } }[];
}

describe("GraphQL over HTTP: every answer on /graphql", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  const graphqlPost = (body: string, headers: Record<string, string> = {}) =>
    fetch(`${app.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/graphql-response+json, application/json", ...headers },
      body,
    });

  const operationsCounted = async (outcome: string) => {
    const text = await (await fetch(`${app.url}/metrics`)).text();
    return text
      .split("\n")
      .filter((line) => line.startsWith("returns_graphql_operations_total{") && line.includes(`outcome="${outcome}"`))
      .reduce((sum, line) => sum + Number(line.split(" ").pop()), 0);
  };

  const overTokens = `{ ${Array.from({ length: OPERATION_LIMITS.maxTokens }, () => "__typename").join(" ")} }`;
  const SYNTAX_ERRORS: [string, string][] = [
    ["an unclosed selection", "{ __typename"],
    ["a stray closing brace", "{ __typename } }"],
    ["a NUL character", "{ __typename \u0000 }"],
    ["a document over the token limit", overTokens],
    ["an unclosed selection over the token limit", overTokens.slice(0, -1)],
  ];

  it.each(SYNTAX_ERRORS)("answers %s with 400 GRAPHQL_PARSE_FAILED and its location, counted as an error", async (_, query) => {
    const before = await operationsCounted("error");
    const response = await graphqlPost(JSON.stringify({ query }));
    const body = (await response.json()) as ErrorsBody;
    expect(response.status, JSON.stringify(body)).toBe(400);
    expect(body.errors?.[0]?.extensions?.code).toBe("GRAPHQL_PARSE_FAILED");
    expect(body.errors?.[0]?.locations?.[0]).toMatchObject({ line: 1 });
    expect(body.data).toBeUndefined();
    expect(await operationsCounted("error")).toBe(before + 1);
  });

  it("has no limit plugin that reads the document before Apollo's own parse, where its errors would be 500s", async () => {
    for (const production of [false, true]) {
      for (const plugin of operationLimits(production).plugins) {
        const listener = await plugin.requestDidStart?.({} as never);
        expect(Object.keys(listener ?? {})).not.toContain("parsingDidStart");
        expect(Object.keys(listener ?? {})).not.toContain("didResolveSource");
      }
    }
  });

  it("answers an invalid operation, and one over a limit, with 400 GRAPHQL_VALIDATION_FAILED", async () => {
    const overAliases = `{ ${Array.from({ length: OPERATION_LIMITS.maxAliases + 1 }, (_, i) => `a${i}: returnProviders { provider }`).join(" ")} }`;
    for (const query of ["{ noSuchField }", overAliases]) {
      const response = await graphqlPost(JSON.stringify({ query }));
      const body = (await response.json()) as ErrorsBody;
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(body.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    }
  });

  const NOT_GRAPHQL: [string, () => Promise<Response>, number, string][] = [
    ["malformed JSON", () => graphqlPost('{"query": "{ __typename }"'), 400, "BAD_REQUEST"],
    ["a body over 1 MB", () => graphqlPost(JSON.stringify({ query: `{ __typename }${" ".repeat(1_100_000)}` })), 413, "PAYLOAD_TOO_LARGE"],
    ["a body that is not JSON", () => graphqlPost("{ __typename }", { "content-type": "text/plain" }), 415, "UNSUPPORTED_MEDIA_TYPE"],
    [
      "a method other than GET and POST",
      () => fetch(`${app.url}/graphql`, { method: "PUT", headers: { "content-type": "application/json" }, body: '{"query":"{ __typename }"}' }),
      405,
      "METHOD_NOT_ALLOWED",
    ],
  ];

  it.each(NOT_GRAPHQL)("answers %s with an errors list and its status", async (_, send, status, code) => {
    const response = await send();
    const body = (await response.json()) as ErrorsBody;
    expect(response.status, JSON.stringify(body)).toBe(status);
    expect(body).toEqual({ errors: [expect.objectContaining({ message: expect.any(String), extensions: expect.objectContaining({ code }) })] });
    expect(JSON.stringify(body)).not.toMatch(/\bat .+:\d+:\d+/);
  });

  it("names the methods it allows when it refuses one", async () => {
    const response = await fetch(`${app.url}/graphql`, { method: "DELETE" });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, POST");
  });
});
