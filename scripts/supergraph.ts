// Composes this subgraph (schema/returns.graphql) with the other subgraphs of a supergraph and
// writes the supergraph SDL a gateway serves (npm run supergraph -- <subgraphs.json>). Offline:
// Rover would download a composition plugin; @apollo/composition is the same library, in-process.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { composeServices } from "@apollo/composition";
import { parse } from "graphql";
import { z } from "zod";

/** One entry of the subgraph list file. */
export interface SubgraphEntry {
  name: string;
  /** Where the gateway sends this subgraph's fetches. */
  url: string;
  /** SDL file, relative to the list file; without it the SDL is read from `url` (`_service { sdl }`). */
  schema?: string;
}

export interface Composed {
  supergraphSdl: string;
  /** Composition hints as `CODE: message`; composition succeeded, but each deserves a look. */
  hints: string[];
}

export class CompositionError extends Error {
  constructor(readonly errors: string[]) {
    super(`Composition failed:\n${errors.map((e) => `- ${e}`).join("\n")}`);
  }
}

const SubgraphList = z
  .array(
    z.object({
      name: z.string().regex(/^[A-Za-z][A-Za-z0-9_-]*$/, "letters, digits, _ and -; starting with a letter"),
      url: z.url(),
      schema: z.string().min(1).optional(),
    }),
  )
  .min(1);

const RETURNS_SDL_FILE = fileURLToPath(new URL("../schema/returns.graphql", import.meta.url));

/** Reads a subgraph list file; `schema` paths come back absolute. */
export function readSubgraphList(file: string): SubgraphEntry[] {
  const parsed = SubgraphList.safeParse(JSON.parse(readFileSync(file, "utf8")));
  if (!parsed.success) throw new Error(`${file}: ${z.prettifyError(parsed.error)}`);
  return parsed.data.map((e) => (e.schema ? { ...e, schema: resolve(dirname(file), e.schema) } : { name: e.name, url: e.url }));
}

async function sdlOf(entry: SubgraphEntry): Promise<string> {
  if (entry.schema) return readFileSync(entry.schema, "utf8");
  const failed = (why: string) => new Error(`${entry.name}: ${entry.url} did not answer _service { sdl } (${why})`);
  const response = await fetch(entry.url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: "{ _service { sdl } }" }),
    signal: AbortSignal.timeout(10_000),
  }).catch((error: unknown) => {
    throw failed(String((error as Error).cause ?? error));
  });
  const body = (await response.json().catch(() => null)) as { data?: { _service?: { sdl?: string } } } | null;
  const sdl = body?.data?._service?.sdl;
  if (!response.ok || typeof sdl !== "string") throw failed(`HTTP ${response.status}`);
  return sdl;
}

/** The returns subgraph (its checked-in SDL, served at `returnsUrl`) composed with `others`. */
export async function composeSupergraph(returnsUrl: string, others: SubgraphEntry[]): Promise<Composed> {
  const entries: SubgraphEntry[] = [{ name: "returns", url: returnsUrl, schema: RETURNS_SDL_FILE }, ...others];
  const services = await Promise.all(entries.map(async (e) => ({ name: e.name, url: e.url, typeDefs: parse(await sdlOf(e)) })));
  const result = composeServices(services);
  if (result.errors) throw new CompositionError(result.errors.map((e) => e.message));
  return { supergraphSdl: result.supergraphSdl, hints: result.hints.map((h) => `${h.definition.code}: ${h.message}`) };
}

const USAGE = "usage: npm run supergraph -- <subgraphs.json> [--out supergraph.graphql] [--returns-url http://localhost:4001/graphql]";

/** The command line; returns the exit code. */
export async function main(argv: string[], log: (line: string) => void = console.error): Promise<number> {
  const options = { out: "supergraph.graphql", returnsUrl: "http://localhost:4001/graphql" };
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--out" || arg === "--returns-url") {
      const value = argv[++i];
      if (!value) {
        log(USAGE);
        return 2;
      }
      if (arg === "--out") options.out = value;
      else options.returnsUrl = value;
    } else positional.push(arg);
  }
  if (positional.length !== 1) {
    log(USAGE);
    return 2;
  }
  try {
    const composed = await composeSupergraph(options.returnsUrl, readSubgraphList(positional[0]!));
    for (const hint of composed.hints) log(`hint ${hint}`);
    writeFileSync(options.out, composed.supergraphSdl);
    log(`wrote ${options.out} (${composed.hints.length} hints)`);
    return 0;
  } catch (error) {
    log((error as Error).message);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
