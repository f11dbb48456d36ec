# Shared by backup-event-logs.sh and restore-event-logs.sh.
# shellcheck shell=bash

readonly ALL_SERVICES=(enrolment course-delivery certification reporting)
PG_BIN="${TL_PG_BINDIR:-/usr/lib/postgresql/15/bin}"
[[ -x "$PG_BIN/pg_dump" ]] || PG_BIN="$(dirname "$(command -v pg_dump || echo /usr/bin/pg_dump)")"

die() {
  printf '%s: %s\n' "$(basename "$0")" "$*" >&2
  exit 1
}

# The event-log schema of a service: <service>_event_store, or <prefix>_<service> with SCHEMA_PREFIX.
schema_of() {
  local service="${1//-/_}"
  if [[ -n "${SCHEMA_PREFIX:-}" ]]; then printf '%s_%s' "$SCHEMA_PREFIX" "$service"; else printf '%s_event_store' "$service"; fi
}

services_or_all() {
  if (($# > 0)); then printf '%s\n' "$@"; else printf '%s\n' "${ALL_SERVICES[@]}"; fi
}
