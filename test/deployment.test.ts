import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { loadConfig } from "../src/config.js";

const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), "utf8");

interface Instruction {
  keyword: string;
  args: string;
}

/** The Dockerfile's instructions by stage (continuation lines joined, comments dropped). */
function stages(text: string): Instruction[][] {
  const lines = text
    .replace(/\\\n\s*/g, " ")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("#"));
  const result: Instruction[][] = [];
  for (const line of lines) {
    const [keyword, ...rest] = line.split(/\s+/);
    const instruction = { keyword: keyword!.toUpperCase(), args: rest.join(" ") };
    if (instruction.keyword === "FROM") result.push([]);
    result.at(-1)?.push(instruction);
  }
  return result;
}

describe("the container image", () => {
  const dockerfile = stages(read("Dockerfile"));
  const runtime = dockerfile.at(-1)!;
  const pkg = JSON.parse(read("package.json")) as { scripts: Record<string, string> };
  const of = (stage: Instruction[], keyword: string) => stage.filter((i) => i.keyword === keyword).map((i) => i.args);

  it("is built in one stage and run from another, as a user who is not root", () => {
    expect(dockerfile.length).toBeGreaterThanOrEqual(2);
    const user = of(runtime, "USER").at(-1);
    expect(user).toBeDefined();
    expect(["root", "0"]).not.toContain(user!.split(":")[0]);
    expect(of(runtime, "RUN").some((r) => /\bnpm ci\b.*--omit=dev/.test(r))).toBe(true);
    expect(of(runtime, "RUN").some((r) => /\bnpm (install|i)\b/.test(r))).toBe(false);
  });

  it("runs what `npm start` runs, built as `npm run build` builds it", () => {
    expect(pkg.scripts["prestart"]).toBe("npm run build");
    expect(dockerfile.slice(0, -1).some((stage) => of(stage, "RUN").includes("npm run build"))).toBe(true);
    expect(JSON.parse(of(runtime, "CMD").at(-1)!)).toEqual(pkg.scripts["start"]!.split(" "));
    // The build copies src/ only: the start script's file and the demo seeds (JSON modules) come from there.
    const build = JSON.parse(read("tsconfig.build.json")) as { include: string[] };
    const base = JSON.parse(read("tsconfig.json")) as { compilerOptions: { outDir: string; rootDir: string; resolveJsonModule: boolean } };
    expect(build.include).toEqual(["src"]);
    expect(base.compilerOptions).toMatchObject({ outDir: "dist", rootDir: ".", resolveJsonModule: true });
    expect(pkg.scripts["start"]).toBe("node dist/src/index.js");
  });

  it("checks /healthz, and copies only files that exist and are not ignored", () => {
    const healthcheck = of(runtime, "HEALTHCHECK").join(" ");
    expect(healthcheck).toContain("/healthz");
    const ignored = read(".dockerignore")
      .split("\n")
      .map((l) => l.trim())
      .filter((l) => l !== "" && !l.startsWith("#"));
    const sources = dockerfile
      .flatMap((stage) => of(stage, "COPY"))
      .filter((args) => !args.startsWith("--from"))
      .flatMap((args) => args.split(/\s+/).slice(0, -1));
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) {
      expect(existsSync(new URL(`../${source}`, import.meta.url)), source).toBe(true);
      expect(ignored, source).not.toContain(source);
    }
  });
});

describe("docker-compose.yml", () => {
  const compose = parse(read("docker-compose.yml")) as {
    services: Record<string, { environment?: Record<string, string>; depends_on?: Record<string, unknown> }>;
  };

  it("runs the subgraph with PostgreSQL and Redis, in production with authentication set", () => {
    expect(Object.keys(compose.services).sort()).toEqual(["postgres", "redis", "subgraph"]);
    const subgraph = compose.services["subgraph"]!;
    expect(Object.keys(subgraph.depends_on ?? {}).sort()).toEqual(["postgres", "redis"]);
    // Compose's ${NAME:-default} and ${NAME:?message} with the values an operator gives.
    const given: Record<string, string> = { AUTH_ROUTER_SECRET: "a-router-secret-of-some-length" };
    const env = Object.fromEntries(
      Object.entries(subgraph.environment ?? {}).map(([k, v]) => [
        k,
        String(v).replace(/\$\{(\w+)(?::[-?]([^}]*))?\}/g, (_, name: string, fallback?: string) => given[name] ?? fallback ?? ""),
      ]),
    );
    const config = loadConfig(env);
    expect(config).toMatchObject({ production: true, metricsPort: 9464, auth: { mode: "router-secret" }, demoProviders: [] });
    expect(config.databaseUrl).toMatch(/^postgres:\/\/returns:[^@]+@postgres:5432\/returns$/);
    expect(config.redisUrl).toBe("redis://redis:6379");
  });
});
