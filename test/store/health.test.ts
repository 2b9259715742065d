import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";
import { isStoreOutage, StoreHealth, StoreUnavailableError } from "../../src/store/health.js";

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe("isStoreOutage", () => {
  it.each([
    ["a refused connection", withCode("connect ECONNREFUSED 127.0.0.1:5432", "ECONNREFUSED")],
    ["a reset connection", withCode("read ECONNRESET", "ECONNRESET")],
    ["an unresolvable host", withCode("getaddrinfo ENOTFOUND db", "ENOTFOUND")],
    ["an administrator shutdown (57P01)", withCode("terminating connection due to administrator command", "57P01")],
    ["a server starting up (57P03)", withCode("the database system is starting up", "57P03")],
    ["too many connections (53300)", withCode("sorry, too many clients already", "53300")],
    ["a connection exception (08006)", withCode("connection failure", "08006")],
    ["a connection dropped under a query", new Error("Connection terminated unexpectedly")],
    ["the pool's connect timeout", new Error("timeout exceeded when trying to connect")],
    ["every address refused", new AggregateError([withCode("connect ECONNREFUSED ::1:5432", "ECONNREFUSED")], "")],
    ["an already classified outage", new StoreUnavailableError(new Error("x"))],
  ])("%s is an outage", (_name, error) => {
    expect(isStoreOutage(error)).toBe(true);
  });

  it.each([
    ["a unique violation (23505)", withCode("duplicate key value violates unique constraint", "23505")],
    ["a syntax error (42601)", withCode('syntax error at or near "SELEC"', "42601")],
    ["invalid JSON (22P02)", withCode("invalid input syntax for type json", "22P02")],
    ["a plain bug", new TypeError("Cannot read properties of undefined")],
    ["not an error at all", "ECONNREFUSED"],
  ])("%s is a bug, not an outage", (_name, error) => {
    expect(isStoreOutage(error)).toBe(false);
  });
});

describe("StoreHealth", () => {
  it("logs the first failure of an outage and the recovery, and nothing in between", () => {
    const lines: Record<string, unknown>[] = [];
    const logger = createLogger("info", { write: (line: string) => lines.push(JSON.parse(line)) } as never);
    let now = 1_000;
    const health = new StoreHealth(logger, () => now);
    const refused = withCode("connect ECONNREFUSED 127.0.0.1:5432", "ECONNREFUSED");

    health.succeeded();
    expect(lines).toEqual([]);
    for (let i = 0; i < 500; i++) health.failed(refused);
    expect(health.up).toBe(false);
    now += 15_000;
    health.succeeded();
    health.succeeded();
    expect(health.up).toBe(true);

    expect(lines.map((l) => [l["level"], l["msg"]])).toEqual([
      [50, "store unavailable: answering retryable errors until it is back"],
      [40, "store available again"],
    ]);
    expect(lines[0]).toMatchObject({ store: "down", error: { code: "ECONNREFUSED", message: "connect ECONNREFUSED 127.0.0.1:5432" } });
    expect(JSON.stringify(lines[0])).not.toContain("stack");
    expect(lines[1]).toMatchObject({ store: "up", downForMs: 15_000, failedCalls: 500 });

    // A second outage is a new window: logged again, once.
    health.failed(refused);
    health.failed(refused);
    expect(lines).toHaveLength(3);
  });
});
