// Shared vitest settings: every package's run also writes a JSON report to .test-results/, which
// scripts/test.mjs sums into one closing "N passed, N failed" line.
import { fileURLToPath } from 'node:url';

const resultsDir = fileURLToPath(new URL('./.test-results/', import.meta.url));

export function reporters(name) {
  return ['default', ['json', { outputFile: `${resultsDir}${name}.json` }]];
}
