import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { composeSupergraph, CompositionError, main, readSubgraphList, type SubgraphEntry } from "../../scripts/supergraph.js";
import { ORDERS_SDL, startOrdersSubgraph, startTicketsSubgraph, TICKETS_SDL, type RunningSubgraph } from "./sample-subgraphs.js";

const LIST_FILE = fileURLToPath(new URL("./subgraphs.json", import.meta.url));
const RETURNS_URL = "http://returns.test/graphql";

/** The list file with one subgraph's SDL swapped for `sdl` (a variant under test). */
function withSdl(dir: string, name: string, sdl: string): SubgraphEntry[] {
  const file = join(dir, `${name}-variant.graphql`);
  writeFileSync(file, sdl);
  return readSubgraphList(LIST_FILE).map((e) => (e.name === name ? { ...e, schema: file } : e));
}

/** A loopback port nobody listens on (it was free a moment ago). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** `@join__type` lines of one type in the supergraph SDL. */
function joinTypesOf(supergraphSdl: string, type: string): string[] {
  const start = supergraphSdl.search(new RegExp(`^type ${type}\\b`, "m"));
  expect(start).toBeGreaterThanOrEqual(0);
  const header = supergraphSdl.slice(start, supergraphSdl.indexOf("{", start));
  return header.match(/@join__type\([^)]*\)/g) ?? [];
}

describe("composition of the returns subgraph with the sample orders and tickets subgraphs", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "supergraph-"));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it("composes without errors and without hints", async () => {
    // No hint is expected: the samples declare ReturnOrder without a description (the returns
    // subgraph owns it, else INCONSISTENT_DESCRIPTION) and ReturnProvider with exactly our values
    // (the enum is used as input and output, so composition requires it identical everywhere).
    const composed = await composeSupergraph(RETURNS_URL, readSubgraphList(LIST_FILE));
    expect(composed.hints).toEqual([]);
    const sdl = composed.supergraphSdl;
    expect(sdl).toContain(`@join__graph(name: "returns", url: "${RETURNS_URL}")`);
    expect(sdl).toContain('@join__graph(name: "orders", url: "http://localhost:4002/graphql")');
    expect(sdl).toContain('@join__graph(name: "tickets", url: "http://localhost:4003/graphql")');
    // ReturnOrder: both our keys; orders reaches it by id (and is reached by id for the field it
    // adds, originalOrder), tickets only points at it by provider + number.
    expect(joinTypesOf(sdl, "ReturnOrder").sort()).toEqual([
      '@join__type(graph: ORDERS, key: "id")',
      '@join__type(graph: RETURNS, key: "id")',
      '@join__type(graph: RETURNS, key: "provider providerOrderNo")',
      '@join__type(graph: TICKETS, key: "provider providerOrderNo", resolvable: false)',
    ]);
    expect(sdl).toMatch(/originalOrder: Order @join__field\(graph: ORDERS\)\n/);
    expect(sdl).toMatch(/id: ID! @join__field\(graph: ORDERS\) @join__field\(graph: RETURNS\)\n/);
    expect(joinTypesOf(sdl, "Order")).toEqual(['@join__type(graph: ORDERS, key: "id")']);
    expect(joinTypesOf(sdl, "Ticket")).toEqual(['@join__type(graph: TICKETS, key: "id")']);
    // the unions and the error interface reach the supergraph whole
    expect(sdl).toMatch(
      /union ReturnOrderDetails\s+@join__type\(graph: RETURNS\)[^=]*= OmsReturnDetails \| QianyiReturnDetails \| WinitReturnDetails \| QimenReturnDetails\n/,
    );
    expect(sdl).toMatch(/interface UserError\s+@join__type\(graph: RETURNS\)/);
  });

  it("reports hints instead of dropping them", async () => {
    const described = ORDERS_SDL.replace(/^type ReturnOrder /m, '"""Seen from orders."""\ntype ReturnOrder ');
    expect(described).not.toBe(ORDERS_SDL);
    const composed = await composeSupergraph(RETURNS_URL, withSdl(dir, "orders", described));
    expect(composed.hints).toEqual([expect.stringMatching(/^INCONSISTENT_DESCRIPTION: Element "ReturnOrder" has inconsistent descriptions/)]);
  });

  it("fails with the composition errors when a subgraph disagrees with ours", async () => {
    const clash = TICKETS_SDL.replace("providerOrderNo: String!", "providerOrderNo: Int!");
    expect(clash).not.toBe(TICKETS_SDL);
    const failure = await composeSupergraph(RETURNS_URL, withSdl(dir, "tickets", clash)).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(CompositionError);
    expect((failure as CompositionError).errors.join("\n")).toMatch(/ReturnOrder\.providerOrderNo/);
  });

  describe("npm run supergraph", () => {
    let running: Record<string, RunningSubgraph>;
    beforeAll(async () => {
      running = { orders: await startOrdersSubgraph([]), tickets: await startTicketsSubgraph([]) };
    });
    afterAll(async () => {
      for (const subgraph of Object.values(running)) await subgraph.close();
    });

    it("writes the supergraph from the list file, with the returns URL given", async () => {
      const out = join(dir, "supergraph.graphql");
      const log: string[] = [];
      const code = await main([LIST_FILE, "--out", out, "--returns-url", RETURNS_URL], (line) => log.push(line));
      expect(code).toBe(0);
      expect(log).toEqual([`wrote ${out} (0 hints)`]);
      expect(readFileSync(out, "utf8")).toBe((await composeSupergraph(RETURNS_URL, readSubgraphList(LIST_FILE))).supergraphSdl);
    });

    it("reads a subgraph's SDL from its running server when the list gives no schema file", async () => {
      const list = join(dir, "running.json");
      writeFileSync(list, JSON.stringify(Object.entries(running).map(([name, subgraph]) => ({ name, url: subgraph.url }))));
      const fromServer = await composeSupergraph(RETURNS_URL, readSubgraphList(list));
      const fromFile = await composeSupergraph(
        RETURNS_URL,
        readSubgraphList(LIST_FILE).map((e) => ({ ...e, url: running[e.name]!.url })),
      );
      expect(fromServer).toEqual(fromFile);
    });

    it("answers usage, list and composition problems with a message and a non-zero exit code", async () => {
      const log: string[] = [];
      expect(await main([], (line) => log.push(line))).toBe(2);
      expect(await main([LIST_FILE, "--out"], (line) => log.push(line))).toBe(2);
      expect(log).toEqual([expect.stringMatching(/^usage: /), expect.stringMatching(/^usage: /)]);

      const bad = join(dir, "bad.json");
      writeFileSync(bad, JSON.stringify([{ name: "9orders", url: "not a url" }]));
      log.length = 0;
      expect(await main([bad, "--out", join(dir, "never.graphql")], (line) => log.push(line))).toBe(1);
      expect(log[0]).toContain("bad.json");
      expect(log[0]).toMatch(/name/);
      expect(log[0]).toMatch(/url/);

      const unreachable = join(dir, "unreachable.json");
      writeFileSync(unreachable, JSON.stringify([{ name: "orders", url: `http://127.0.0.1:${await closedPort()}/graphql` }]));
      log.length = 0;
      expect(await main([unreachable, "--out", join(dir, "never.graphql")], (line) => log.push(line))).toBe(1);
      expect(log[0]).toMatch(/^orders: .* did not answer _service \{ sdl \}/);
    });
  });
});
