#!/usr/bin/env bash
# Runs the whole system on this machine: real PostgreSQL, Kafka and FerretDB from deploy/local,
# then the four services as separate processes and the web console in front of them.
# Ctrl-C (or `npm run stop`) stops everything.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
state="$root/.local/system"
keys="$root/.local/keys"
services=(enrolment course-delivery certification reporting)
declare -A ports=([enrolment]=3101 [course-delivery]=3102 [certification]=3103 [reporting]=3104 [console]=3100)
# Everything this script starts: the services, then the console that forwards to them.
processes=("${services[@]}" console)
# The role the services connect as: INSERT and SELECT on their logs, no ownership (npm run migrate grants it).
app_role=training_ledger_app

say() { printf '[system] %s\n' "$*"; }
die() { printf '[system] %s\n' "$*" >&2; exit 1; }

stop_services() {
  local pid_file pid
  for service in "${processes[@]}"; do
    pid_file="$state/$service.pid"
    [ -f "$pid_file" ] || continue
    pid=$(cat "$pid_file")
    if kill -0 "$pid" 2>/dev/null; then
      say "stopping $service (pid $pid)"
      kill -TERM "$pid" 2>/dev/null || true
    fi
  done
  for service in "${processes[@]}"; do
    pid_file="$state/$service.pid"
    [ -f "$pid_file" ] || continue
    pid=$(cat "$pid_file")
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
    rm -f "$pid_file"
  done
}

stop_all() {
  stop_services
  if [ "${TL_KEEP_SERVERS:-0}" != "1" ]; then
    say "stopping the local servers"
    bash deploy/local/servers.sh down || true
  fi
}

if [ "${1:-}" = "stop" ]; then
  mkdir -p "$state" && touch "$state/stopping"
  stop_all
  exit 0
fi

mkdir -p "$state"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing dependencies (npm ci)"
  npm ci --no-audit --no-fund || die "npm ci failed"
fi

say "starting the local servers"
bash deploy/local/servers.sh up || die "the local servers did not start (see the messages above)"
eval "$(bash deploy/local/servers.sh env)"

say "building the services and the console"
npx tsc -p tsconfig.build.json || die "the build failed"
NODE_ENV=production npx vite build --config services/console/web/vite.config.ts --logLevel warn || die "the console's build failed"

if [ ! -f "$keys/jwks.json" ]; then
  say "creating local signing keys in .local/keys"
  npx tsx libs/auth/src/cli/tokens.ts init-keys --dir "$keys" --if-missing >/dev/null || die "could not create signing keys"
fi

say "migrating the event logs as their owner; the services connect as $app_role, which may only append and read"
MIGRATION_DATABASE_URL="$DATABASE_URL" DATABASE_APP_ROLE="$app_role" \
  TS_NODE_PROJECT="$root/tsconfig.base.json" TS_NODE_BASEURL="$root/dist" \
  node -r tsconfig-paths/register dist/libs/service-runtime/src/cli/migrate.js --create-app-role || die "the migration step failed"
app_database_url=$(node -e 'const u=new URL(process.argv[1]);u.username=process.argv[2];u.password="";console.log(u.toString())' "$DATABASE_URL" "$app_role")

stop_services
rm -f "$state/stopping"
trap 'printf "\n"; stop_all; exit 0' INT TERM

for service in "${services[@]}"; do
  log="$state/$service.log"
  # Metrics beside each API port: 9101 for enrolment's 3101, and so on.
  SERVICE_NAME="$service" PORT="${ports[$service]}" METRICS_PORT="$((ports[$service] + 6000))" \
    DATABASE_URL="$app_database_url" EVENT_STORE_MIGRATE=separately KAFKA_BROKERS="$KAFKA_BROKERS" MONGO_URL="$MONGO_URL" \
    AUTH_JWKS_FILE="$keys/jwks.json" \
    PUBLIC_BASE_URL="http://127.0.0.1:${ports[$service]}" ISSUER_KEYS_FILE="$keys/certification-issuer.json" \
    NODE_ENV=development SIMULATION_MODE="${TL_SIMULATION_MODE:-true}" \
    TS_NODE_PROJECT="$root/tsconfig.base.json" TS_NODE_BASEURL="$root/dist" \
    nohup node -r tsconfig-paths/register "dist/services/$service/src/main.js" >"$log" 2>&1 &
  echo $! >"$state/$service.pid"
  say "started $service (pid $!), log: .local/system/$service.log"
done

# The console: development sign-in with the local keys (NODE_ENV=development), the services' URLs as started above.
ENROLMENT_URL="http://127.0.0.1:${ports[enrolment]}" COURSE_DELIVERY_URL="http://127.0.0.1:${ports[course-delivery]}" \
  CERTIFICATION_URL="http://127.0.0.1:${ports[certification]}" REPORTING_URL="http://127.0.0.1:${ports[reporting]}" \
  PORT="${ports[console]}" NODE_ENV=development CONSOLE_DEV_KEYS_DIR="$keys" \
  TS_NODE_PROJECT="$root/tsconfig.base.json" TS_NODE_BASEURL="$root/dist" \
  nohup node -r tsconfig-paths/register dist/services/console/src/main.js >"$state/console.log" 2>&1 &
echo $! >"$state/console.pid"
say "started console (pid $!), log: .local/system/console.log"

for service in "${processes[@]}"; do
  url="http://127.0.0.1:${ports[$service]}"
  ready=0
  for _ in $(seq 1 240); do
    if curl -fsS "$url/ready" >/dev/null 2>&1; then ready=1; break; fi
    kill -0 "$(cat "$state/$service.pid")" 2>/dev/null || break
    sleep 0.5
  done
  if [ "$ready" != 1 ]; then
    tail -n 20 "$state/$service.log" >&2 || true
    stop_all
    die "$service did not become ready; its log is above"
  fi
done

cat <<TXT

Training Ledger is running.

  Console (sign in with any role; Vietnamese, English switchable):  http://127.0.0.1:3100

  service           URL                      OpenAPI
  enrolment         http://127.0.0.1:3101    http://127.0.0.1:3101/docs
  course-delivery   http://127.0.0.1:3102    http://127.0.0.1:3102/docs
  certification     http://127.0.0.1:3103    http://127.0.0.1:3103/docs
  reporting         http://127.0.0.1:3104    http://127.0.0.1:3104/docs

Mint a bearer token for a role (programme-admin, certifier, evaluator, agency-integration,
institution-integration, monitor, auditor):

  npx tsx libs/auth/src/cli/tokens.ts mint --dir .local/keys --role programme-admin
  npx tsx libs/auth/src/cli/tokens.ts mint --dir .local/keys --role agency-integration --agency BNV

Simulation mode is ${TL_SIMULATION_MODE:-true}: requests may state their date in X-Simulated-Now
(bash deploy/local/tour.sh plays a programme year that way). TL_SIMULATION_MODE=false turns it off.

Logs are in .local/system/. Press Ctrl-C here, or run 'npm run stop', to stop everything.
Each service's GET /status (programme-admin, auditor, monitor) tells how far behind its relay,
consumers and projections are and what was set aside; a warning line appears here when any is not zero.
TXT

status_token=$(npx --no-install tsx libs/auth/src/cli/tokens.ts mint --dir "$keys" --role auditor 2>/dev/null || true)
last_warnings=""
# Prints each service's /status warnings once, when they change, so a halted flow never goes unnoticed.
watch_status() {
  [ -n "$status_token" ] || return 0
  local warnings=""
  for service in "${services[@]}"; do
    local answer
    answer=$(curl -fsS --max-time 5 "http://127.0.0.1:${ports[$service]}/status" -H "authorization: Bearer $status_token" 2>/dev/null) || continue
    local lines
    lines=$(node -e 'const s=JSON.parse(process.argv[1]);for(const w of s.warnings)console.log(`[system] WARNING ${s.service}: ${w}`)' "$answer" 2>/dev/null || true)
    [ -n "$lines" ] && warnings+="$lines"$'\n'
  done
  if [ "$warnings" != "$last_warnings" ]; then
    [ -n "$warnings" ] && printf '%s' "$warnings" >&2
    [ -z "$warnings" ] && [ -n "$last_warnings" ] && say "status: all flowing again, nothing set aside"
    last_warnings=$warnings
  fi
}
ticks=0

while :; do
  if [ -f "$state/stopping" ]; then say "stopped"; exit 0; fi
  for service in "${processes[@]}"; do
    if ! kill -0 "$(cat "$state/$service.pid" 2>/dev/null || echo 0)" 2>/dev/null; then
      say "$service stopped unexpectedly; last lines of its log:"
      tail -n 20 "$state/$service.log" >&2 || true
      stop_all
      exit 1
    fi
  done
  if [ $((ticks % 15)) = 0 ]; then watch_status; fi
  ticks=$((ticks + 1))
  sleep 2
done
