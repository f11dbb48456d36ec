#!/usr/bin/env bash
# A minimal OpenTelemetry Collector (OTLP receiver, debug exporter), built from the Go module
# proxy out of otel-collector/ and cached beside the local servers' builds. Tests start their own.
# Usage: otel-collector.sh path    prints the binary's path, building it first when missing
set -euo pipefail
TL_NAME=otel-collector
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

COLLECTOR_SRC="$TL_SCRIPT_DIR/otel-collector"
# Keyed on the sources, so that a change to the component list or a version builds anew.
COLLECTOR_KEY=$(cat "$COLLECTOR_SRC/go.mod" "$COLLECTOR_SRC/go.sum" "$COLLECTOR_SRC/main.go" | sha256sum | cut -c1-12)
COLLECTOR_HOME="$TL_CACHE/otel-collector-$COLLECTOR_KEY"
COLLECTOR_BIN="$COLLECTOR_HOME/bin/tl-otelcol"
COLLECTOR_RUN="$TL_RUN/otel-collector"

collector_binary_ok() {
  [[ -x "$COLLECTOR_BIN" ]] || return 1
  local out
  out=$("$COLLECTOR_BIN" --version 2>/dev/null) || return 1
  [[ "$out" == *tl-otelcol* ]]
}

collector_build() {
  local go build_log="$COLLECTOR_RUN/build.log"
  go=$(tl_go_bin) || tl_die "Go is not installed (need Go >= 1.24 in PATH or /usr/local/go/bin)"
  mkdir -p "$COLLECTOR_HOME/bin"
  : >"$build_log"
  tl_log "building the collector from $COLLECTOR_SRC (log: $build_log)"
  # Built aside, then moved: a build cut short never leaves a half binary in place.
  if ! (cd "$COLLECTOR_SRC" && GOWORK=off GOFLAGS=-mod=mod CGO_ENABLED=0 "$go" build -trimpath \
    -o "$COLLECTOR_BIN.$$" .) >>"$build_log" 2>&1; then
    rm -f "$COLLECTOR_BIN.$$"
    tl_die "build failed: go build in $COLLECTOR_SRC, see $build_log"
  fi
  mv "$COLLECTOR_BIN.$$" "$COLLECTOR_BIN"
  collector_binary_ok || tl_die "the built binary does not answer --version, see $build_log"
}

collector_path() {
  tl_init_dirs
  if ! collector_binary_ok; then
    mkdir -p "$COLLECTOR_RUN"
    # One build at a time across shells and clones; the one that waited finds the binary built.
    exec 8>"$COLLECTOR_RUN/build.lock"
    flock -w 1800 8 || tl_die "timed out waiting for another collector build"
    collector_binary_ok || collector_build >&2
    exec 8>&-
  fi
  printf '%s\n' "$COLLECTOR_BIN"
}

case "${1:-}" in
  path) collector_path ;;
  *) tl_die "usage: $0 path" ;;
esac
