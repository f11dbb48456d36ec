#!/usr/bin/env bash
# Provisions and runs the local servers (PostgreSQL, Kafka, FerretDB) on
# loopback for tests and local runs. See deploy/local/README.md.
# Usage: servers.sh up|down|status|env|reset|logs
set -euo pipefail
TL_NAME=servers
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SERVERS=(postgres kafka ferretdb)

# Runs "<server>.sh <action>" for every server, in parallel unless
# TL_SERIAL=1; reports which ones failed.
for_each_server() {
  local action=$1 s failed=()
  local -A pids=()
  for s in "${SERVERS[@]}"; do
    if [[ "${TL_SERIAL:-0}" == 1 ]]; then
      "$TL_SCRIPT_DIR/$s.sh" "$action" || failed+=("$s")
    else
      "$TL_SCRIPT_DIR/$s.sh" "$action" &
      pids[$s]=$!
    fi
  done
  for s in "${!pids[@]}"; do
    wait "${pids[$s]}" || failed+=("$s")
  done
  if ((${#failed[@]})); then
    tl_die "'$action' failed for: ${failed[*]} (see the [name] ERROR lines above)"
  fi
}

cmd_up() {
  local t0
  t0=$(tl_now)
  tl_log "TL_LOCAL_HOME=$TL_LOCAL_HOME"
  for_each_server up
  tl_log "all servers ready in $(tl_since "$t0")s"
}

cmd_down() {
  local t0
  t0=$(tl_now)
  for_each_server down
  tl_log "all servers stopped in $(tl_since "$t0")s"
}

cmd_status() {
  local s rc=0
  for s in "${SERVERS[@]}"; do
    "$TL_SCRIPT_DIR/$s.sh" status || rc=3
  done
  return "$rc"
}

cmd_env() {
  local s
  for s in "${SERVERS[@]}"; do
    "$TL_SCRIPT_DIR/$s.sh" env
  done
}

# The end of each server's own log, for a run that found a server gone.
cmd_logs() {
  local s log
  for s in "${SERVERS[@]}"; do
    for log in "$TL_RUN/$s"/{server,stdout,ferretdb,postgres}.log; do
      [[ -s "$log" ]] || continue
      printf '\n--- last lines of %s\n' "$log"
      tail -n "${TL_LOG_LINES:-40}" "$log"
    done
  done
}

cmd_reset() {
  local t0 s
  t0=$(tl_now)
  for_each_server down
  for s in "${SERVERS[@]}"; do
    "$TL_SCRIPT_DIR/$s.sh" wipe
  done
  for_each_server up
  tl_log "reset done in $(tl_since "$t0")s"
}

case "${1:-}" in
  up) tl_lock && cmd_up ;;
  down) tl_lock && cmd_down ;;
  status) cmd_status ;;
  env) cmd_env ;;
  reset) tl_lock && cmd_reset ;;
  logs) cmd_logs ;;
  *)
    echo "usage: $0 up|down|status|env|reset|logs" >&2
    exit 64
    ;;
esac
