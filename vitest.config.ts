import { defineConfig } from "vitest/config";

/**
 * Unit and fixture tests that run papersmith in this process (no browser, no child build):
 * `npx vitest run --project fast` gives a verdict on a change in well under a minute.
 */
const FAST = [
  "test/check.test.ts", "test/load-yaml.test.ts", "test/load-markdown.test.ts", "test/personal-data.test.ts",
  "test/readability.test.ts", "test/render.test.ts", "test/render-injection.test.ts", "test/write-atomic.test.ts",
  "test/diagnostics-output.test.ts", "test/preview-file-limit.test.ts", "test/robustness/property-based.test.ts",
  "test/parse-pool.test.ts", "test/rule-catalogue.test.ts", "test/rule-examples.test.ts",
  "test/container-fences.test.ts", "test/schema.test.ts", "test/typography.test.ts", "test/count-noun.test.ts", "test/about-partners-placement.test.ts",
  "test/render-glossary.test.ts", "test/render-citations.test.ts",
];

export default defineConfig({
  test: {
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Browser tests share two cores: keep files from starving each other.
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: "fast", include: FAST } },
      // The command end to end: builds with Chromium, the preview server with a real browser, the bench.
      { extends: true, test: { name: "e2e", include: ["test/**/*.test.ts"], exclude: FAST } },
    ],
  },
});
