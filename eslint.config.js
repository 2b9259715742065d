// ESLint: the recommended rules and typescript-eslint's, with the type-aware rules that catch a
// promise nobody awaits (a lost error, an unhandled rejection) turned on.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import graphql from "@graphql-eslint/eslint-plugin";

export default tseslint.config(
  { ignores: ["dist/", "coverage/", ".data/", "test/generated/", "test/bench/results/", "test/fixtures/fifth-provider/"] },
  { files: ["**/*.{js,mjs,ts}"], ...js.configs.recommended },
  ...tseslint.configs.recommended.map((config) => ({ files: ["**/*.{js,mjs,ts}"], ...config })),
  {
    files: ["**/*.{js,mjs,ts}"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { arguments: false, attributes: false } }],
      "@typescript-eslint/await-thenable": "error",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_", caughtErrors: "none" },
      ],
    },
  },
  // Tests read JSON answers loosely; the code under test is what is typed strictly.
  { files: ["test/**/*.ts"], rules: { "@typescript-eslint/no-explicit-any": "off" } },
  {
    files: ["**/*.js", "**/*.mjs"],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { parserOptions: { projectService: false }, globals: { process: "readonly", console: "readonly" } },
  },
  // The published schema, as a client sees it: @graphql-eslint's schema rules (descriptions, naming, Relay).
  {
    files: ["schema/*.graphql"],
    languageOptions: { parser: graphql.parser, parserOptions: { graphQLConfig: { schema: "schema/returns.graphql" } } },
    plugins: { "@graphql-eslint": graphql },
    rules: {
      ...graphql.configs["flat/schema-recommended"].rules,
      ...graphql.configs["flat/schema-relay"].rules,
      // Every type, field, argument, input field, enum value and root field: the schema is the client's documentation.
      "@graphql-eslint/require-description": [
        "error",
        { types: true, rootField: true, FieldDefinition: true, InputValueDefinition: true, EnumValueDefinition: true, DirectiveDefinition: true },
      ],
      // Pagination is forward only (the contract's `first` / `after`): a merged list of four providers has no stable end to read back from.
      "@graphql-eslint/relay-arguments": ["error", { includeBoth: false }],
      // Edges are for paginated lists; an order's lines, events and violations are whole values, not pages.
      "@graphql-eslint/relay-edge-types": ["error", { withEdgeSuffix: true, shouldImplementNode: true, listTypeCanWrapOnlyEdgeType: false }],
      // Off: value objects (lines, sender, provider details) and mutation payloads have no identity of their own;
      // the types a normalized cache must identify (ReturnOrder, ReturnOrderCapabilities) carry `id` and are tested with Apollo Client.
      "@graphql-eslint/strict-id-in-types": "off",
    },
  },
);
