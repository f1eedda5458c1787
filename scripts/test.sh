#!/usr/bin/env bash
# The test command: installs what the tests need, builds dist/, runs every jest suite, prints the counts.
set -uo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules ] || npm ci
bash scripts/ensure-chromium.sh || exit 1
npx tsx scripts/build.ts || exit 1
mkdir -p test-output
npx jest --json --outputFile=test-output/jest.json "$@"
status=$?
node -e '
  const r = require("./test-output/jest.json");
  const passed = r.numPassedTests, failed = r.numFailedTests + r.numRuntimeErrorTestSuites;
  console.log(`${passed} passed, ${failed} failed`);
  if (failed > 0 || !r.success) process.exitCode = 1;
' || status=1
exit $status
