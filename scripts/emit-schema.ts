// Writes schema/returns.graphql from the code (npm run schema); `--check` fails on drift instead.
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { emitSdl } from "../src/schema/build.js";

const target = new URL("../schema/returns.graphql", import.meta.url);
const sdl = await emitSdl();
if (process.argv.includes("--check")) {
  let current = "";
  try {
    current = readFileSync(target, "utf8");
  } catch {
    /* missing counts as drift */
  }
  if (current !== sdl) {
    console.error("schema/returns.graphql differs from what the code emits: run `npm run schema`.");
    process.exit(1);
  }
} else {
  mkdirSync(new URL("../schema/", import.meta.url), { recursive: true });
  writeFileSync(target, sdl);
  console.log(`wrote schema/returns.graphql (${sdl.length} bytes)`);
}
