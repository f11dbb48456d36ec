#!/usr/bin/env bash
# The whole test suite on a fresh machine: installs what is missing, starts the real local
# servers (or uses the ones named in the environment), then type-checks, lints and runs every test.
# A failing step does not stop the ones after it: every step runs, the closing lines count every
# test and name every suite that did not run, and the run fails at the end if anything failed.
set -uo pipefail
cd "$(dirname "$0")/.."

failed_steps=()
step() { printf '\n== %s\n' "$*"; }
failed() {
  printf '\n!! %s failed\n' "$1" >&2
  failed_steps+=("$1")
}

step "Dependencies (npm ci)"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  # Without the dependencies no later step can run.
  npm ci --no-audit --no-fund || { printf '\n!! npm ci failed\n' >&2; exit 1; }
fi

mkdir -p .local
# Suites that cannot run here record why in this file (libs/test-servers, describeNotRun).
export TL_NOT_RUN_FILE="$PWD/.local/not-run.jsonl"
: >"$TL_NOT_RUN_FILE"
rm -f .local/jest-unit.json .local/jest-integration.json

if [ -z "${DATABASE_URL:-}" ] || [ -z "${KAFKA_BROKERS:-}" ] || [ -z "${MONGO_URL:-}" ]; then
  TL_SERVERS_FROM_ENV=
  step "Local servers (PostgreSQL, Kafka, FerretDB)"
  if bash deploy/local/servers.sh up; then
    eval "$(bash deploy/local/servers.sh env)"
  else
    failed "provisioning the local servers"
  fi
fi
export NX_DAEMON=false

step "Browser (Debian's chromium, for the browser tests)"
# Playwright drives the Debian package; no browser is ever downloaded. Without it the browser suites
# are named as not run in the summary.
if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  if [ "$(id -u)" = 0 ]; then apt_get=(apt-get); else apt_get=(sudo -n apt-get); fi
  { "${apt_get[@]}" install -y --no-install-recommends chromium >/dev/null 2>&1 \
    || { "${apt_get[@]}" update >/dev/null 2>&1 && "${apt_get[@]}" install -y --no-install-recommends chromium >/dev/null 2>&1; }; } \
    || printf 'could not install chromium with apt-get; the browser suites will not run\n' >&2
fi

step "Type check"
npx tsc -p tsconfig.json --noEmit || failed "type check"
npx tsc -p services/console/web/tsconfig.json || failed "type check of the console app"

step "Lint (module boundaries included)"
{ npx nx show projects >/dev/null && npx eslint .; } || failed "lint"

step "Unit tests"
npx jest --selectProjects unit --ci --json --outputFile=.local/jest-unit.json || failed "unit tests"

step "Integration tests against real servers"
if ! npx jest --selectProjects integration --ci --runInBand --json --outputFile=.local/jest-integration.json; then
  failed "integration tests"
  # A server that died mid-run fails every suite after it: say which, with the end of its log.
  if [ -z "${TL_SERVERS_FROM_ENV:-}" ] && ! bash deploy/local/servers.sh status >&2; then
    bash deploy/local/servers.sh logs >&2 || true
  fi
fi

summary=(--not-run "$TL_NOT_RUN_FILE")
for name in "${failed_steps[@]}"; do summary+=(--failed-step "$name"); done
exec node test/test-summary.mjs "${summary[@]}" unit=.local/jest-unit.json integration=.local/jest-integration.json
