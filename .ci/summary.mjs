// Prints vitest's totals as the plain closing line CI reads: "N passed, N failed, N skipped".
import { readFileSync } from 'node:fs';
const report = JSON.parse(readFileSync(new URL('../test/artifacts/vitest.json', import.meta.url), 'utf8'));
console.log(`${report.numPassedTests} passed, ${report.numFailedTests} failed, ${report.numPendingTests + report.numTodoTests} skipped`);
