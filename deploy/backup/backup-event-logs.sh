#!/usr/bin/env bash
# Backs up the event logs: one pg_dump (custom format) per service's event-log schema, and a
# SHA256SUMS file over them. Read models are not backed up: they are rebuilt from the logs.
#
#   DATABASE_URL=postgres://owner@host/db bash deploy/backup/backup-event-logs.sh <dir> [service ...]
#
#   SCHEMA_PREFIX  the schemas are <prefix>_<service> instead of <service>_event_store
#   TL_PG_BINDIR   where pg_dump is (/usr/lib/postgresql/15/bin by default; match the server's major version)
set -euo pipefail
# shellcheck source=deploy/backup/lib.sh
source "$(dirname "$0")/lib.sh"

dir="${1:?usage: backup-event-logs.sh <dir> [service ...]}"
shift
: "${DATABASE_URL:?set DATABASE_URL to the connection of the owner of the schemas}"
mkdir -p "$dir"
mapfile -t services < <(services_or_all "$@")
for service in "${services[@]}"; do
  schema="$(schema_of "$service")"
  # One consistent snapshot per schema; appends go on meanwhile and simply are not in this backup.
  "$PG_BIN/pg_dump" --format=custom --compress=6 --schema="$schema" --file="$dir/$service.dump" "$DATABASE_URL"
  printf '%s: schema %s → %s (%s bytes)\n' "$service" "$schema" "$dir/$service.dump" "$(stat -c %s "$dir/$service.dump")"
done
(cd "$dir" && sha256sum -- *.dump >SHA256SUMS)
