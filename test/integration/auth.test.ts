import { exportJWK, generateKeyPair, SignJWT } from "jose";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listenOnLoopback, type RunningEmulator } from "../../src/demo/emulator-server.js";
import { encodeOrderId } from "../../src/returns/ids.js";
import {
  CancelReturnOrderDocument,
  CreateReturnOrderDocument,
  EntitiesDocument,
  ReturnOrderDocument,
  ReturnOrdersDocument,
  ReturnProvidersDocument,
} from "../generated/graphql.js";
import { startTestApp, type TestApp } from "../helpers/app.js";

const SECRET = "a-test-secret-that-is-long-enough-for-hs256";
const key = new TextEncoder().encode(SECRET);
const token = (claims: Record<string, unknown>, secret = key) =>
  new SignJWT(claims).setProtectedHeader({ alg: "HS256" }).setSubject("user-1").setIssuedAt().setExpirationTime("5m").sign(secret);
const bearer = async (claims: Record<string, unknown>) => ({ authorization: `Bearer ${await token(claims)}` });
const WINIT_SEED = encodeOrderId({ provider: "WINIT", account: "default", providerOrderNo: "RT16000000005910CN" });

describe("authentication and authorization with HS256 tokens", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { AUTH_MODE: "jwt", AUTH_JWT_SECRET: SECRET } });
  });
  afterAll(async () => {
    await app.close();
  });

  it("refuses a request without a token, with a bad token and with an expired one (401)", async () => {
    const expired = await new SignJWT({ scope: "returns:read" })
      .setProtectedHeader({ alg: "HS256" })
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(key);
    for (const headers of [
      {} as Record<string, string>,
      { authorization: "Bearer nope" },
      { authorization: `Bearer ${await token({ scope: "returns:read" }, new TextEncoder().encode("another-secret-another-secret-xx"))}` },
      { authorization: `Bearer ${expired}` },
    ]) {
      const response = await app.post({ query: "{ returnProviders { provider } }" }, headers);
      expect(response.status).toBe(401);
      const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
      expect(body.errors[0]!.extensions.code).toBe("UNAUTHENTICATED");
    }
  });

  it("needs returns:read for queries and returns:write for mutations (403)", async () => {
    const writeOnly = await bearer({ scope: "returns:write" });
    const read = await app.post({ query: "{ returnProviders { provider } }" }, writeOnly);
    expect(read.status).toBe(403);
    const readOnly = await bearer({ scope: "returns:read" });
    const before = app.winit.calls.length;
    const mutation = await app.gql(CancelReturnOrderDocument, { id: WINIT_SEED }, readOnly);
    expect(mutation.errors?.[0]?.extensions?.["code"]).toBe("FORBIDDEN");
    expect(app.winit.calls.length).toBe(before);
    const ok = await app.gql(ReturnProvidersDocument, undefined, readOnly);
    expect(ok.data?.returnProviders.length).toBe(4);
  });

  it("lets the router fetch the SDL with any valid token", async () => {
    const response = await app.post({ query: "{ _service { sdl } }" }, await bearer({}));
    expect(response.status).toBe(200);
  });

  describe("a caller limited to WINIT", () => {
    let headers: Record<string, string>;
    beforeAll(async () => {
      headers = await bearer({ scope: "returns:read returns:write", returns_access: ["WINIT"] });
    });

    it("sees only WINIT in returnProviders and in the list", async () => {
      expect((await app.gql(ReturnProvidersDocument, undefined, headers)).data?.returnProviders.map((p) => p.provider)).toEqual(["WINIT"]);
      const list = await app.gql(ReturnOrdersDocument, { first: 50 }, headers);
      expect(new Set(list.data?.returnOrders.nodes.map((n) => n.provider))).toEqual(new Set(["WINIT"]));
      const asked = await app.gql(ReturnOrdersDocument, { first: 5, filter: { providers: ["OMS"] } }, headers);
      expect(asked.data?.returnOrders.nodes).toEqual([]);
    });

    it("gets NotFound / null for other providers' orders, also through _entities", async () => {
      const all = await app.gql(ReturnOrdersDocument, { first: 5, filter: { providers: ["OMS"] } }, await bearer({ scope: "returns:read" }));
      const omsId = all.data!.returnOrders.nodes[0]!.id;
      const omsNo = all.data!.returnOrders.nodes[0]!.providerOrderNo;
      expect((await app.gql(ReturnOrderDocument, { id: omsId }, headers)).data?.returnOrder).toBeNull();
      expect((await app.gql(CancelReturnOrderDocument, { id: omsId }, headers)).data?.returnOrderCancel).toMatchObject({ __typename: "NotFound" });
      const entities = await app.gql(
        EntitiesDocument,
        {
          representations: [
            { __typename: "ReturnOrder", id: omsId },
            { __typename: "ReturnOrder", provider: "OMS", providerOrderNo: omsNo },
            { __typename: "ReturnOrder", id: WINIT_SEED },
          ],
        },
        headers,
      );
      expect(entities.data?._entities.map((e) => (e && "providerOrderNo" in e ? e.providerOrderNo : null))).toEqual([null, null, "RT16000000005910CN"]);
    });

    it("cannot create at another provider", async () => {
      const created = await app.gql(
        CreateReturnOrderDocument,
        { input: { provider: "QIANYI", warehouseCode: "W", lines: [{ sku: "S", quantity: 1 }], qianyi: { shop: "s" } } },
        headers,
      );
      expect(created.data?.returnOrderCreate).toMatchObject({ __typename: "OperationNotSupported", provider: "QIANYI" });
    });
  });
});

describe("authentication with a JWKS URL", () => {
  let app: TestApp;
  let jwks: RunningEmulator;
  let sign: (claims: Record<string, unknown>) => Promise<string>;
  beforeAll(async () => {
    const { publicKey, privateKey } = await generateKeyPair("RS256");
    const jwk = { ...(await exportJWK(publicKey)), kid: "k1", alg: "RS256", use: "sig" };
    const server = express();
    server.get("/.well-known/jwks.json", (_req, res) => {
      res.json({ keys: [jwk] });
    });
    jwks = await listenOnLoopback(server);
    sign = (claims) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: "RS256", kid: "k1" })
        .setIssuer("https://router.example")
        .setAudience("returns")
        .setExpirationTime("5m")
        .sign(privateKey);
    app = await startTestApp({
      env: { AUTH_MODE: "jwt", AUTH_JWKS_URL: `${jwks.url}/.well-known/jwks.json`, AUTH_JWT_ISSUER: "https://router.example", AUTH_JWT_AUDIENCE: "returns" },
    });
  });
  afterAll(async () => {
    await app.close();
    await jwks.close();
  });

  it("accepts a token signed by a key of the JWKS, with the right issuer and audience", async () => {
    const ok = await app.post({ query: "{ returnProviders { provider } }" }, { authorization: `Bearer ${await sign({ scope: "returns:read" })}` });
    expect(ok.status).toBe(200);
    const wrongAudience = await new SignJWT({ scope: "returns:read" }).setProtectedHeader({ alg: "HS256" }).setAudience("other").sign(key);
    expect((await app.post({ query: "{ returnProviders { provider } }" }, { authorization: `Bearer ${wrongAudience}` })).status).toBe(401);
  });
});

describe("authentication with a shared router secret", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { AUTH_MODE: "router-secret", AUTH_ROUTER_SECRET: "sixteen-chars-or-more" } });
  });
  afterAll(async () => {
    await app.close();
  });

  it("answers only the router", async () => {
    expect((await app.post({ query: "{ returnProviders { provider } }" })).status).toBe(401);
    expect((await app.post({ query: "{ returnProviders { provider } }" }, { "x-router-secret": "sixteen-chars-or-morX" })).status).toBe(401);
    expect((await app.post({ query: "{ returnProviders { provider } }" }, { "x-router-secret": "sixteen-chars-or-more" })).status).toBe(200);
  });
});
