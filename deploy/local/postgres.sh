#!/usr/bin/env bash
# PostgreSQL 15 on 127.0.0.1:$TL_PG_PORT with database training_ledger.
# Usage: postgres.sh up|down|status|env|wipe|psql [ARGS...]
set -euo pipefail
TL_NAME=postgres
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PG_BIN="${TL_PG_BINDIR:-/usr/lib/postgresql/15/bin}"
PG_LINK="$TL_DATA/postgres"
PG_RUN="$TL_RUN/postgres"
PG_LOG="$PG_RUN/postgres.log"
PG_PIDFILE="$PG_RUN/postgres.pid"

# Runs a PostgreSQL binary as the postgres OS user when we are root:
# initdb and the server refuse to run as root.
pg_as_owner() {
  if [[ $EUID -eq 0 ]]; then
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

# The real directory behind $PG_LINK (empty if not provisioned yet).
pg_root() {
  if [[ -e "$PG_LINK" ]]; then
    readlink -f "$PG_LINK"
  fi
}

pg_datadir() {
  local root
  root=$(pg_root)
  [[ -n "$root" ]] && printf '%s/pgdata\n' "$root"
}

pg_ensure_binaries() {
  if [[ -x "$PG_BIN/initdb" && -x "$PG_BIN/pg_ctl" && -x "$PG_BIN/psql" ]]; then
    return 0
  fi
  tl_apt_install postgresql-15
  [[ -x "$PG_BIN/pg_ctl" ]] || tl_die "postgresql-15 installed but $PG_BIN/pg_ctl is missing (set TL_PG_BINDIR?)"
}

# When root, the server runs as "postgres", which cannot enter a home
# directory such as /root (mode 0700). In that case the cluster lives in the
# postgres user's home, keyed by TL_LOCAL_HOME, and $PG_LINK points to it.
pg_prepare_root() {
  if [[ -e "$PG_LINK" ]]; then
    return 0
  fi
  if [[ $EUID -ne 0 ]]; then
    mkdir -p "$PG_LINK"
    chmod 700 "$PG_LINK"
    return 0
  fi
  getent passwd postgres >/dev/null || tl_die "OS user 'postgres' does not exist (is postgresql-15 installed?)"
  if runuser -u postgres -- test -x "$TL_DATA" 2>/dev/null; then
    mkdir -p "$PG_LINK"
    chown postgres:postgres "$PG_LINK"
    chmod 700 "$PG_LINK"
    return 0
  fi
  local home key real
  home=$(getent passwd postgres | cut -d: -f6)
  [[ -n "$home" && -d "$home" ]] || home=/var/lib/postgresql
  key=$(printf '%s' "$(readlink -f "$TL_LOCAL_HOME")" | sha256sum | cut -c1-12)
  real="$home/training-ledger-$key"
  mkdir -p "$real"
  printf 'Owned by TL_LOCAL_HOME=%s (linked from %s)\n' "$TL_LOCAL_HOME" "$PG_LINK" >"$real/OWNER.txt"
  chown postgres:postgres "$real"
  chmod 700 "$real"
  ln -sfn "$real" "$PG_LINK"
}

pg_write_config() {
  local datadir=$1
  # Local development and tests only: every loopback connection is trusted
  # and no password is set. The server listens on 127.0.0.1 only.
  cat >"$datadir/pg_hba.conf" <<'EOF'
# TYPE  DATABASE  USER  ADDRESS        METHOD
local   all       all                  trust
host    all       all   127.0.0.1/32   trust
host    all       all   ::1/128        trust
EOF
  # Rewritten on every start so port overrides take effect.
  cat >"$datadir/training_ledger.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $TL_PG_PORT
# TCP only: no dependency on a writable /var/run/postgresql.
unix_socket_directories = ''
max_connections = 200
shared_buffers = 128MB
# Test speed: a crash may lose the last few commits, never corrupts data.
synchronous_commit = off
max_wal_size = 1GB
checkpoint_timeout = 15min
timezone = 'UTC'
log_timezone = 'UTC'
log_line_prefix = '%m [%p] %q%u@%d '
EOF
  if ! grep -q "^include_if_exists = 'training_ledger.conf'" "$datadir/postgresql.conf"; then
    printf "\ninclude_if_exists = 'training_ledger.conf'\n" >>"$datadir/postgresql.conf"
  fi
  if [[ $EUID -eq 0 ]]; then
    chown postgres:postgres "$datadir/pg_hba.conf" "$datadir/training_ledger.conf" "$datadir/postgresql.conf"
  fi
}

# Pid of the running postmaster of our cluster, if any.
pg_running_pid() {
  local datadir
  datadir=$(pg_datadir) || return 1
  [[ -n "$datadir" ]] || return 1
  tl_pid_alive "$datadir/postmaster.pid" "postgres"
}

pg_ready() {
  "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$TL_PG_PORT" -U postgres -d postgres &&
    [[ "$("$PG_BIN/psql" -X -h 127.0.0.1 -p "$TL_PG_PORT" -U postgres -d postgres -tAc 'select 1')" == 1 ]]
}

pg_psql() {
  "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$TL_PG_PORT" -U postgres "$@"
}

cmd_up() {
  local t0 t datadir pid
  t0=$(tl_now)
  tl_init_dirs
  mkdir -p "$PG_RUN"

  t=$(tl_now)
  pg_ensure_binaries
  tl_log "binaries: $PG_BIN ($(tl_since "$t")s)"

  pg_prepare_root
  datadir=$(pg_datadir)
  if [[ ! -s "$datadir/PG_VERSION" ]]; then
    t=$(tl_now)
    rm -rf "$datadir"
    if ! pg_as_owner "$PG_BIN/initdb" -D "$datadir" -U postgres -E UTF8 --locale=C.UTF-8 \
      --auth=trust >"$PG_RUN/initdb.log" 2>&1; then
      tl_die "initdb failed, see $PG_RUN/initdb.log"
    fi
    tl_log "initdb: $datadir ($(tl_since "$t")s)"
  fi
  pg_write_config "$datadir"

  if pid=$(pg_running_pid); then
    printf '%s\n' "$pid" >"$PG_PIDFILE"
    if ! tl_wait_for 15 "$pid" pg_ready; then
      tl_die "server (pid $pid) is running but not answering on 127.0.0.1:$TL_PG_PORT; see $PG_LOG or run 'servers.sh down'"
    fi
    tl_log "already running (pid $pid), reused"
  else
    if tl_port_open "$TL_PG_PORT"; then
      tl_die "port $TL_PG_PORT is in use by another process (set TL_PG_PORT?)"
    fi
    t=$(tl_now)
    # pg_ctl detaches the postmaster into its own session; its output goes
    # to a log that root opens, because postgres cannot write under /root.
    if ! pg_as_owner "$PG_BIN/pg_ctl" start -D "$datadir" -w -t "$TL_START_TIMEOUT" \
      >>"$PG_LOG" 2>&1 </dev/null 9>&-; then
      tl_die "pg_ctl start failed, see $PG_LOG"
    fi
    pid=$(pg_running_pid) || tl_die "server exited right after start, see $PG_LOG"
    printf '%s\n' "$pid" >"$PG_PIDFILE"
    if ! tl_wait_for "$TL_START_TIMEOUT" "$pid" pg_ready; then
      tl_die "server started but did not answer 'select 1' on 127.0.0.1:$TL_PG_PORT, see $PG_LOG"
    fi
    tl_log "started (pid $pid) in $(tl_since "$t")s"
  fi

  if [[ "$(pg_psql -d postgres -tAc "select 1 from pg_database where datname = '$TL_PG_DB'")" != 1 ]]; then
    pg_psql -d postgres -c "create database $TL_PG_DB" >/dev/null ||
      tl_die "could not create database $TL_PG_DB, see $PG_LOG"
    tl_log "created database $TL_PG_DB"
  fi
  [[ "$(pg_psql -d "$TL_PG_DB" -tAc 'select 1')" == 1 ]] ||
    tl_die "database $TL_PG_DB does not answer 'select 1'"
  tl_log "ready on 127.0.0.1:$TL_PG_PORT ($(tl_since "$t0")s total)"
}

cmd_down() {
  local pid datadir
  if ! pid=$(pg_running_pid); then
    rm -f "$PG_PIDFILE"
    tl_log "not running"
    return 0
  fi
  datadir=$(pg_datadir)
  local t
  t=$(tl_now)
  if ! pg_as_owner "$PG_BIN/pg_ctl" stop -D "$datadir" -m fast -w -t 60 >>"$PG_LOG" 2>&1 9>&-; then
    tl_warn "pg_ctl stop failed, see $PG_LOG; sending SIGTERM"
    tl_stop_pid "$pid" 30
  fi
  rm -f "$PG_PIDFILE"
  tl_log "stopped (pid $pid) in $(tl_since "$t")s"
}

cmd_status() {
  local pid
  if pid=$(pg_running_pid); then
    if pg_ready >/dev/null 2>&1; then
      printf '%-9s running  pid=%s  127.0.0.1:%s  db=%s  data=%s\n' postgres "$pid" "$TL_PG_PORT" "$TL_PG_DB" "$(pg_datadir)"
      return 0
    fi
    printf '%-9s unhealthy  pid=%s  not answering on 127.0.0.1:%s  log=%s\n' postgres "$pid" "$TL_PG_PORT" "$PG_LOG"
    return 1
  fi
  printf '%-9s stopped  data=%s\n' postgres "$(pg_datadir || true)"
  return 1
}

cmd_wipe() {
  if pg_running_pid >/dev/null; then
    tl_die "refusing to delete data while the server is running; run 'down' first"
  fi
  local root
  root=$(pg_root)
  if [[ -n "$root" ]]; then
    rm -rf "$root"
  fi
  rm -rf "$PG_LINK"
  tl_log "data deleted"
}

cmd_env() {
  printf 'export DATABASE_URL=postgres://postgres@127.0.0.1:%s/%s\n' "$TL_PG_PORT" "$TL_PG_DB"
}

case "${1:-}" in
  up) tl_lock && cmd_up ;;
  down) tl_lock && cmd_down ;;
  status) cmd_status ;;
  env) cmd_env ;;
  wipe) tl_lock && cmd_wipe ;;
  psql)
    shift
    pg_psql -d "$TL_PG_DB" "$@"
    ;;
  *)
    echo "usage: $0 up|down|status|env|wipe|psql [ARGS...]" >&2
    exit 64
    ;;
esac
