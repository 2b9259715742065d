import { appendFileSync } from "node:fs";

// Runs in Node's loader thread; a file append is the simplest channel back that survives a crash.
const target = process.env.RECORD_IMPORTS_TO;

export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  if (target) appendFileSync(target, `${resolved.url}\n`);
  return resolved;
}
