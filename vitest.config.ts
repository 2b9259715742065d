import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

const require = createRequire(import.meta.url);

export default defineConfig({
  // type-graphql relies on legacy decorators and their design-type metadata.
  oxc: { decorator: { legacy: true, emitDecoratorMetadata: true } } as never,
  resolve: {
    // type-graphql and @apollo/* load graphql through require(); without this alias vitest would hand
    // test files the ESM copy and graphql would refuse the "other realm" schema objects.
    alias: [{ find: /^graphql$/, replacement: require.resolve("graphql") }],
  },
  test: {
    include: ["test/**/*.test.ts"],
    // Each integration file starts the whole subgraph with an embedded database: generous limits
    // keep a loaded 2-core CI machine from failing on time rather than on behaviour.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
