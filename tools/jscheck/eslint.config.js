// Lint for the page's ES modules (public/js), run by scripts/check from the repository
// root. The recommended rules catch real mistakes (undefined names, unused variables,
// unreachable code); style is left alone.
import js from "@eslint/js";
import globals from "globals";

export default [
  // Committed third-party builds: not ours to lint.
  { ignores: ["public/vendor/**"] },
  {
    files: ["public/js/**/*.js"],
    ...js.configs.recommended,
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "module",
      globals: globals.browser,
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      ...js.configs.recommended.rules,
      "no-unused-vars": ["error", { args: "after-used", caughtErrors: "none" }],
      eqeqeq: ["error", "smart"],
      "no-implicit-globals": "error",
      "no-shadow": "error",
      "prefer-const": "error",
      "no-var": "error",
    },
  },
];
