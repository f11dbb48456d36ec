#!/usr/bin/env bash
# promtool, built from source through the Go module proxy and cached beside the local servers' builds.
# Usage: promtool.sh path    prints the binary's path, building it first when missing (~10 min the first time)
#        promtool.sh check   checks prometheus.yaml and the rules it loads
set -euo pipefail
TL_NAME=promtool
# shellcheck source=../local/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../local/lib.sh"
MONITORING_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

PROMETHEUS_MODULE=github.com/prometheus/prometheus
PROMETHEUS_VERSION=v0.316.0
PROMTOOL_HOME="$TL_CACHE/promtool-$PROMETHEUS_VERSION"
PROMTOOL_BIN="$PROMTOOL_HOME/bin/promtool"
PROMTOOL_RUN="$TL_RUN/promtool"

# The binary carries the module version it was built from; a cached one of another version is rebuilt.
promtool_binary_ok() {
  [[ -x "$PROMTOOL_BIN" ]] || return 1
  local go info
  go=$(tl_go_bin) || return 1
  info=$("$go" version -m "$PROMTOOL_BIN" 2>/dev/null) || return 1
  [[ "$info" == *$'\tmod\t'"$PROMETHEUS_MODULE"$'\t'"$PROMETHEUS_VERSION"* ]]
}

promtool_build() {
  local go build_log="$PROMTOOL_RUN/build.log"
  go=$(tl_go_bin) || tl_die "Go is not installed (need Go >= 1.24 in PATH or /usr/local/go/bin)"
  mkdir -p "$PROMTOOL_RUN" "$PROMTOOL_HOME/bin"
  : >"$build_log"
  tl_log "building promtool $PROMETHEUS_VERSION from the Go module proxy (log: $build_log)"
  # Built into a directory of its own, then moved: a build cut short never leaves a half binary in place.
  local staging="$PROMTOOL_HOME/bin.$$"
  rm -rf "$staging"
  if ! (cd "$PROMTOOL_RUN" && GOWORK=off CGO_ENABLED=0 GOBIN="$staging" "$go" install -trimpath \
    "$PROMETHEUS_MODULE/cmd/promtool@$PROMETHEUS_VERSION") >>"$build_log" 2>&1; then
    rm -rf "$staging"
    tl_die "build failed: go install $PROMETHEUS_MODULE/cmd/promtool@$PROMETHEUS_VERSION, see $build_log"
  fi
  mv "$staging/promtool" "$PROMTOOL_BIN"
  rm -rf "$staging"
  promtool_binary_ok || tl_die "built binary is not promtool $PROMETHEUS_VERSION, see $build_log"
}

promtool_path() {
  tl_init_dirs
  if ! promtool_binary_ok; then
    mkdir -p "$PROMTOOL_RUN"
    # One build at a time across shells and clones; the one that waited finds the binary built.
    exec 8>"$PROMTOOL_RUN/build.lock"
    flock -w 1800 8 || tl_die "timed out waiting for another promtool build"
    promtool_binary_ok || promtool_build >&2
    exec 8>&-
  fi
  printf '%s\n' "$PROMTOOL_BIN"
}

case "${1:-}" in
  path) promtool_path ;;
  check)
    bin=$(promtool_path)
    "$bin" check config "$MONITORING_DIR/prometheus.yaml"
    # The rules' unit tests run from test/deployment/monitoring.spec.ts, which leaves the runbooks out of them.
    ;;
  *) tl_die "usage: $0 path|check" ;;
esac
