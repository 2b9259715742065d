import { readFileSync } from "node:fs";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

// The schema rules of eslint.config.js (the ones `npm run lint` applies to schema/*.graphql), run on the checked-in SDL.
const root = new URL("../", import.meta.url).pathname;
const schemaPath = new URL("../schema/returns.graphql", import.meta.url).pathname;
const sdl = readFileSync(schemaPath, "utf8");

async function findings(text: string): Promise<string[]> {
  const [result] = await new ESLint({ cwd: root }).lintText(text, { filePath: schemaPath });
  return (result?.messages ?? [{ line: 0, column: 0, ruleId: null, message: "no result" }]).map(
    (m) => `${m.line}:${m.column} ${m.ruleId ?? "parse"}: ${m.message}`,
  );
}

describe("the schema lint (@graphql-eslint)", () => {
  it("finds nothing in schema/returns.graphql", async () => {
    expect(await findings(sdl)).toEqual([]);
  }, 60_000);

  it("reports a missing description, a badly named field and a connection without pageInfo", async () => {
    const broken = sdl
      .replace('"""The provider that holds the order."""\n  provider: ReturnProvider!', "provider: ReturnProvider!")
      .replace("  canCreate: Boolean!", "  can_create: Boolean!")
      .replace(/\n\n {2}"""[^"]*"""\n {2}pageInfo: PageInfo!/, "");
    expect(broken).not.toBe(sdl);
    const rules = (await findings(broken)).map((f) => f.split(" ")[1]);
    expect(rules).toEqual(
      expect.arrayContaining(["@graphql-eslint/require-description:", "@graphql-eslint/naming-convention:", "@graphql-eslint/relay-connection-types:"]),
    );
  }, 60_000);
});
