#!/usr/bin/env bash
# Restores event logs backed up by backup-event-logs.sh into a database where their schemas do not
# exist (a schema that exists is refused: drop it yourself, knowingly). Then clears the checkpoints
# the backup carried: they name positions in Kafka topics and read models that the restored system
# rebuilds from the logs, so the relays publish every log again from its start.
#
#   DATABASE_URL=postgres://owner@host/db bash deploy/backup/restore-event-logs.sh <dir> [service ...]
#
#   SCHEMA_PREFIX, TL_PG_BINDIR  as for backup-event-logs.sh
set -euo pipefail
# shellcheck source=deploy/backup/lib.sh
source "$(dirname "$0")/lib.sh"

dir="${1:?usage: restore-event-logs.sh <dir> [service ...]}"
shift
: "${DATABASE_URL:?set DATABASE_URL to the connection of the owner of the schemas}"
(cd "$dir" && sha256sum --check --quiet SHA256SUMS) || die "the backup in $dir does not match its SHA256SUMS"
psql=("$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 "$DATABASE_URL")
mapfile -t services < <(services_or_all "$@")
for service in "${services[@]}"; do
  schema="$(schema_of "$service")"
  [[ -f "$dir/$service.dump" ]] || die "no backup of $service in $dir"
  exists="$("${psql[@]}" -tAc "SELECT count(*) FROM pg_namespace WHERE nspname = '$schema'")"
  [[ "$exists" == 0 ]] || die "schema $schema exists: restore only into a database without it"
  "$PG_BIN/pg_restore" --exit-on-error --single-transaction --dbname="$DATABASE_URL" "$dir/$service.dump"
  "${psql[@]}" -c "DELETE FROM \"$schema\".checkpoints"
  # Readers take only rows of transactions older than every running one: rows stamped with ids this
  # cluster has not reached yet would stay unread. A new cluster must first be moved past them.
  ahead="$("${psql[@]}" -tAc "SELECT coalesce(max(transaction_id)::text, '0') FROM \"$schema\".events WHERE transaction_id >= pg_current_xact_id()")"
  [[ "$ahead" == 0 ]] || die "$schema holds events of transaction $ahead, beyond this cluster's transaction ids: see deploy/backup/README.md (pg_resetwal --epoch)"
  printf '%s: schema %s restored, %s events\n' "$service" "$schema" "$("${psql[@]}" -tAc "SELECT count(*) FROM \"$schema\".events")"
done
