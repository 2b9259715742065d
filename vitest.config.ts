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
  test: { include: ["test/**/*.test.ts"] },
});
