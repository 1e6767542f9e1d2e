import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // End-to-end tests print real PDFs with Chromium.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Two cores: one worker per core keeps Chromium from starving.
    maxWorkers: 2,
    reporters: ['default', './scripts/summary-reporter.ts'],
    // Imports its JSON schema without an import attribute, which only a bundler accepts.
    server: { deps: { inline: ['@actions/workflow-parser'] } },
  },
});
