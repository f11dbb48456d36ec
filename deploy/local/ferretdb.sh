#!/usr/bin/env bash
# FerretDB (MongoDB wire protocol, SQLite backend) on 127.0.0.1:$TL_MONGO_PORT,
# built from source through the Go module proxy.
# Usage: ferretdb.sh up|down|status|env|wipe|build|binary
# (`binary` prints where `build` puts the binary; deploy/docker/ferretdb.Dockerfile builds with both.)
set -euo pipefail
TL_NAME=ferretdb
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

FERRET_MODULE=github.com/FerretDB/FerretDB
# FerretDB 1.24's SQLite backend looks documents up by `_id` with an expression its own `_id` index
# does not match, and filters everything else in Go: every lookup reads the whole table. The patch
# spells `_id` as the index does and hands SQLite a superset filter for top-level equalities and
# `$in` lists of strings, so the read models' indexes serve them (measured: a lookup among 13,000
# trainees went from 1.9 s to ms; a thousand ids in one `$in` are one indexed read, not a scan).
FERRET_PATCH="$TL_SCRIPT_DIR/patches/ferretdb-$TL_FERRETDB_VERSION-sqlite-index-pushdown.patch"
FERRET_HOME="$TL_CACHE/ferretdb-$TL_FERRETDB_VERSION-$(sha256sum "$FERRET_PATCH" | cut -c1-12)"
FERRET_BIN="$FERRET_HOME/bin/ferretdb"
FERRET_DATA="$TL_DATA/ferretdb"
FERRET_RUN="$TL_RUN/ferretdb"
FERRET_PIDFILE="$FERRET_RUN/ferretdb.pid"
FERRET_LOG="$FERRET_RUN/ferretdb.log"

ferret_binary_ok() {
  [[ -x "$FERRET_BIN" ]] || return 1
  # Captured first: `| grep -q` can SIGPIPE the writer and fail under pipefail.
  local out
  out=$("$FERRET_BIN" --version 2>/dev/null) || return 1
  [[ $'\n'"$out"$'\n' == *$'\n'"version: $TL_FERRETDB_VERSION"$'\n'* ]]
}

# `go install` is not enough: the module leaves out build/version/version.txt,
# which the binary embeds and panics without. So the module source is copied
# to a writable directory, the version files are written, and then built.
ferret_build() {
  local go build_log="$FERRET_RUN/build.log"
  go=$(tl_go_bin) || tl_die "Go is not installed (need Go >= 1.24 in PATH or /usr/local/go/bin)"
  : >"$build_log"

  local info dir commit
  info=$(cd "$FERRET_RUN" && GOWORK=off "$go" mod download -json "$FERRET_MODULE@$TL_FERRETDB_VERSION" 2>>"$build_log") ||
    tl_die "build failed: 'go mod download $FERRET_MODULE@$TL_FERRETDB_VERSION', see $build_log"
  dir=$(sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p' <<<"$info")
  commit=$(sed -n 's/^[[:space:]]*"Hash": "\([0-9a-f]*\)",\{0,1\}$/\1/p' <<<"$info")
  [[ -n "$dir" && -d "$dir" ]] || tl_die "build failed: no module directory in 'go mod download' output, see $build_log"

  local src="$FERRET_HOME/src.$$"
  rm -rf "$src"
  mkdir -p "$FERRET_HOME/bin"
  cp -R "$dir" "$src"
  chmod -R u+w "$src"
  (cd "$src" && git apply --verbose "$FERRET_PATCH") >>"$build_log" 2>&1 ||
    tl_die "build failed: the patch $FERRET_PATCH does not apply, see $build_log"
  # Format expected by build/version: `git describe` style, one line each.
  printf '%s\n' "$TL_FERRETDB_VERSION" >"$src/build/version/version.txt"
  if [[ -n "$commit" ]]; then
    printf '%s\n' "$commit" >"$src/build/version/commit.txt"
  fi
  printf 'local\n' >"$src/build/version/package.txt"

  # -buildvcs=false: the copy is not a checkout, and a stamped vcs.revision
  # would have to match commit.txt or the binary panics at start.
  if ! (cd "$src" && GOWORK=off CGO_ENABLED=0 "$go" build -trimpath -buildvcs=false \
    -o "$FERRET_BIN.tmp" ./cmd/ferretdb) >>"$build_log" 2>&1; then
    rm -rf "$src"
    tl_die "build failed: go build ./cmd/ferretdb, see $build_log"
  fi
  rm -rf "$src"
  mv "$FERRET_BIN.tmp" "$FERRET_BIN"
  ferret_binary_ok || tl_die "built binary does not report version $TL_FERRETDB_VERSION, see $build_log"
}

# Any local build, this one or one from before the patch changed, so that 'down' stops it either way.
ferret_running_pid() {
  tl_pid_alive "$FERRET_PIDFILE" "$TL_CACHE/ferretdb-$TL_FERRETDB_VERSION"
}

ferret_runs_this_build() {
  local pid=$1
  [[ "$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" == "$FERRET_BIN "* ]]
}

ferret_ready() {
  timeout 5 bash "$TL_SCRIPT_DIR/probe.sh" http "$TL_MONGO_DEBUG_PORT" /debug/livez &&
    timeout 5 bash "$TL_SCRIPT_DIR/probe.sh" mongo "$TL_MONGO_PORT"
}

cmd_build() {
  local t
  t=$(tl_now)
  if ferret_binary_ok; then
    tl_log "binary: cached $FERRET_BIN ($(tl_since "$t")s)"
    return 0
  fi
  tl_log "building $FERRET_MODULE@$TL_FERRETDB_VERSION (log: $FERRET_RUN/build.log)"
  ferret_build
  tl_log "binary: built $FERRET_BIN ($(tl_since "$t")s)"
}

cmd_up() {
  local t0 t pid
  t0=$(tl_now)
  tl_init_dirs
  mkdir -p "$FERRET_RUN"

  if pid=$(ferret_running_pid) && ! ferret_runs_this_build "$pid"; then
    tl_log "pid $pid runs an older build; stopping it to start $FERRET_BIN"
    tl_stop_server ferret_running_pid "$FERRET_PIDFILE" 30
  fi
  if pid=$(ferret_running_pid); then
    if ! tl_wait_for 15 "$pid" ferret_ready; then
      tl_die "server (pid $pid) is running but does not answer a ping on 127.0.0.1:$TL_MONGO_PORT; see $FERRET_LOG or run 'servers.sh down'"
    fi
    tl_log "already running (pid $pid), reused"
    tl_log "ready on 127.0.0.1:$TL_MONGO_PORT ($(tl_since "$t0")s total)"
    return 0
  fi

  cmd_build

  local port
  for port in "$TL_MONGO_PORT" "$TL_MONGO_DEBUG_PORT"; do
    if tl_port_open "$port"; then
      tl_die "port $port is in use by another process (set TL_MONGO_PORT / TL_MONGO_DEBUG_PORT?)"
    fi
  done

  t=$(tl_now)
  mkdir -p "$FERRET_DATA/sqlite"
  rm -f "$FERRET_PIDFILE"
  # setsid: the server must outlive the shell that ran 'up'. No auth: local
  # development and tests only, and it listens on loopback only.
  # shellcheck disable=SC2016 # $$ belongs to the inner bash
  (
    cd "$FERRET_RUN"
    exec </dev/null >>"$FERRET_LOG" 2>&1 9>&-
    setsid bash -c 'echo $$ >"$0"; exec "$@"' "$FERRET_PIDFILE" \
      "$FERRET_BIN" \
      --handler=sqlite \
      --sqlite-url="file:$FERRET_DATA/sqlite/" \
      --state-dir="$FERRET_DATA" \
      --listen-addr="127.0.0.1:$TL_MONGO_PORT" \
      --debug-addr="127.0.0.1:$TL_MONGO_DEBUG_PORT" \
      --telemetry=disable \
      --log-level=info &
  )
  local _
  for _ in $(seq 50); do
    [[ -s "$FERRET_PIDFILE" ]] && break
    sleep 0.1
  done
  pid=$(head -n1 "$FERRET_PIDFILE" 2>/dev/null) || tl_die "server did not start, see $FERRET_LOG"

  local rc=0
  tl_wait_for "$TL_START_TIMEOUT" "$pid" ferret_ready || rc=$?
  if ((rc == 2)); then
    tl_die "server exited during startup, see $FERRET_LOG"
  elif ((rc != 0)); then
    tl_die "server (pid $pid) did not answer a ping within ${TL_START_TIMEOUT}s, see $FERRET_LOG"
  fi
  tl_log "started (pid $pid) in $(tl_since "$t")s"
  tl_log "ready on 127.0.0.1:$TL_MONGO_PORT ($(tl_since "$t0")s total)"
}

cmd_down() {
  tl_stop_server ferret_running_pid "$FERRET_PIDFILE" 30
}

cmd_status() {
  local pid
  if pid=$(ferret_running_pid); then
    if ferret_ready; then
      printf '%-9s running  pid=%s  127.0.0.1:%s (debug :%s)  data=%s\n' ferretdb "$pid" \
        "$TL_MONGO_PORT" "$TL_MONGO_DEBUG_PORT" "$FERRET_DATA"
      return 0
    fi
    printf '%-9s unhealthy  pid=%s  no ping answer on 127.0.0.1:%s  log=%s\n' ferretdb "$pid" "$TL_MONGO_PORT" "$FERRET_LOG"
    return 1
  fi
  printf '%-9s stopped  data=%s\n' ferretdb "$FERRET_DATA"
  return 1
}

cmd_wipe() {
  tl_wipe_data ferret_running_pid "$FERRET_DATA"
}

cmd_env() {
  printf 'export MONGO_URL=mongodb://127.0.0.1:%s\n' "$TL_MONGO_PORT"
}

case "${1:-}" in
  up) tl_lock && cmd_up ;;
  down) tl_lock && cmd_down ;;
  status) cmd_status ;;
  env) cmd_env ;;
  wipe) tl_lock && cmd_wipe ;;
  build)
    tl_lock
    tl_init_dirs
    mkdir -p "$FERRET_RUN"
    cmd_build
    ;;
  binary) printf '%s\n' "$FERRET_BIN" ;;
  *)
    echo "usage: $0 up|down|status|env|wipe|build|binary" >&2
    exit 64
    ;;
esac
