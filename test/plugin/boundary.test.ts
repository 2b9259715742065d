import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { RETURN_PROVIDERS } from "../../src/returns/model.js";

const SRC = new URL("../../src", import.meta.url).pathname;
const sources = readdirSync(SRC, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && e.name.endsWith(".ts"))
  .map((e) => relative(SRC, join(e.parentPath, e.name)));
const text = (file: string) => readFileSync(join(SRC, file), "utf8");

/** The places allowed to name every provider: the provider list and the two registries. */
const LISTS = ["returns/model.ts", "providers/registry.ts", "demo/registry.ts"];
const ownFolder = (file: string) => /^(providers|demo)\/([a-z]+)\//.exec(file)?.[2];

describe("the provider plug-in boundary", () => {
  it("names a provider only in its own folders, the provider list and the registries", () => {
    const names = RETURN_PROVIDERS.flatMap((p) => [p, p.toLowerCase(), p[0] + p.slice(1).toLowerCase()]);
    const found: string[] = [];
    for (const file of sources) {
      if (LISTS.includes(file)) continue;
      const own = ownFolder(file);
      for (const name of names) {
        if (own && own !== "kit" && name.toLowerCase() === own) continue;
        if (new RegExp(`\\b${name}\\b`).test(text(file))) found.push(`${file}: ${name}`);
      }
    }
    expect(found).toEqual([]);
  });

  it("keeps the domain free of provider code: src/returns imports nothing from src/providers", () => {
    const imports = sources.filter((f) => f.startsWith("returns/")).filter((f) => /from "\.\.\/providers\//.test(text(f)));
    expect(imports).toEqual([]);
  });

  it("has no source file over 300 lines", () => {
    const long = sources.map((f) => ({ f, lines: text(f).split("\n").length })).filter((x) => x.lines > 300);
    expect(long).toEqual([]);
  });
});
