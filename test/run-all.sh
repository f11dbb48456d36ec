#!/usr/bin/env bash
# The whole test suite on a fresh machine: installs what is missing, starts the real local
# servers (or uses the ones named in the environment), then type-checks, lints and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }
fail() { printf '\n!! %s failed\n' "$1" >&2; exit 1; }

step "Dependencies (npm ci)"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund || fail "npm ci"
fi

if [ -z "${DATABASE_URL:-}" ] || [ -z "${KAFKA_BROKERS:-}" ] || [ -z "${MONGO_URL:-}" ]; then
  step "Local servers (PostgreSQL, Kafka, FerretDB)"
  bash deploy/local/servers.sh up || fail "provisioning the local servers"
  eval "$(bash deploy/local/servers.sh env)"
fi
export NX_DAEMON=false

step "Type check"
npx tsc -p tsconfig.json --noEmit || fail "type check"

step "Lint (module boundaries included)"
npx nx show projects >/dev/null && npx eslint . || fail "lint"

step "Unit tests"
mkdir -p .local
npx jest --selectProjects unit --ci --json --outputFile=.local/jest-unit.json || fail "unit tests"

step "Integration tests against real servers"
npx jest --selectProjects integration --ci --runInBand --json --outputFile=.local/jest-integration.json \
  || fail "integration tests"

node -e '
const runs = [".local/jest-unit.json", ".local/jest-integration.json"].map((f) => require(require("path").resolve(f)));
const sum = (key) => runs.reduce((total, run) => total + run[key], 0);
console.log(`tests: ${sum("numPassedTests")} passed, ${sum("numFailedTests")} failed, ${sum("numPendingTests")} skipped`);
'
