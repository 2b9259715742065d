import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

// The README's "Run it in a supergraph" section shows the files the supergraph tests run; this
// keeps the two from drifting apart.
const root = new URL("../../", import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), "utf8");
const section = (() => {
  const readme = read("README.md");
  const start = readme.indexOf("## Run it in a supergraph\n");
  expect(start).toBeGreaterThanOrEqual(0);
  const end = readme.indexOf("\n## ", start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
})();

describe("README: Run it in a supergraph", () => {
  it("shows the subgraph list and the Hive Gateway configuration verbatim", () => {
    for (const file of ["test/supergraph/subgraphs.json", "test/supergraph/gateway.config.ts"]) {
      expect(section).toContain(read(file));
    }
  });

  it("shows the Apollo Gateway the tests start, verbatim", () => {
    const source = read("test/supergraph/apollo-gateway.ts");
    const createGateway = /^export function createApolloGateway[\s\S]*?^}\n/m.exec(source)?.[0];
    expect(createGateway).toBeDefined();
    expect(section).toContain(createGateway);
  });

  it("gives commands that name existing files and scripts", () => {
    const scripts = (JSON.parse(read("package.json")) as { scripts: Record<string, string> }).scripts;
    expect(scripts["supergraph"]).toBe("tsx scripts/supergraph.ts");
    expect(section).toContain("npm run supergraph -- test/supergraph/subgraphs.json");
    expect(section).toContain("--config-path test/supergraph/gateway.config.ts");
    expect(section).toContain("npx tsx test/supergraph/apollo-gateway.ts supergraph.graphql");
    for (const path of section.match(/test\/supergraph\/[\w.-]+/g) ?? []) expect(existsSync(new URL(path, root)), path).toBe(true);
  });
});
