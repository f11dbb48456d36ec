# shellcheck shell=bash disable=SC2034 # variables are used by the sourcing scripts
# Common helpers for the local server scripts. Sourced, never executed.

TL_SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

# State is keyed on TL_LOCAL_HOME, not on the checkout, so every clone on
# the machine shares one set of running servers.
TL_LOCAL_HOME="${TL_LOCAL_HOME:-${HOME:-/root}/.cache/training-ledger}"
TL_CACHE="$TL_LOCAL_HOME/cache"
TL_DATA="$TL_LOCAL_HOME/data"
TL_RUN="$TL_LOCAL_HOME/run"

# Below the kernel's ephemeral range (32768-60999) and below the ports test services take
# (20000-32000): a client that keeps reconnecting to a port in that range while its server is
# down can be handed that very port as its own source and connect to itself, and the server
# then cannot bind it when it starts again.
TL_PG_PORT="${TL_PG_PORT:-15432}"
TL_KAFKA_PORT="${TL_KAFKA_PORT:-19092}"
TL_KAFKA_CONTROLLER_PORT="${TL_KAFKA_CONTROLLER_PORT:-19093}"
TL_MONGO_PORT="${TL_MONGO_PORT:-17017}"
TL_MONGO_DEBUG_PORT="${TL_MONGO_DEBUG_PORT:-17018}"
TL_START_TIMEOUT="${TL_START_TIMEOUT:-90}"

TL_PG_DB=training_ledger
TL_KAFKA_VERSION=4.1.1
TL_FERRETDB_VERSION=v1.24.2

tl_log() { printf '[%s] %s\n' "$TL_NAME" "$*"; }
tl_warn() { printf '[%s] %s\n' "$TL_NAME" "$*" >&2; }
tl_die() {
  printf '[%s] ERROR: %s\n' "$TL_NAME" "$*" >&2
  exit 1
}

tl_now() { date +%s%N; }

# Seconds since a tl_now timestamp, as "12.34".
tl_since() {
  local ms=$((($(date +%s%N) - $1) / 1000000))
  printf '%d.%02d' $((ms / 1000)) $(((ms % 1000) / 10))
}

tl_init_dirs() {
  mkdir -p "$TL_CACHE" "$TL_DATA" "$TL_RUN"
}

# Serialises up/down/reset across shells and clones. The lock fd must never
# leak into a server process, or the lock would live as long as the server.
tl_lock() {
  if [[ "${TL_LOCK_HELD:-}" == 1 ]]; then
    return 0
  fi
  tl_init_dirs
  exec 9>"$TL_RUN/servers.lock"
  if ! flock -w 900 9; then
    tl_die "timed out waiting for $TL_RUN/servers.lock (another up/down running?)"
  fi
  export TL_LOCK_HELD=1
}

tl_port_open() {
  # shellcheck disable=SC2016 # expanded by the inner bash
  timeout 2 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1"' _ "$1" 2>/dev/null
}

# kill -0 also succeeds for zombies, which a lazy init may leave around.
tl_proc_running() {
  local state
  kill -0 "$1" 2>/dev/null || return 1
  state=$(sed -n 's/^State:[[:space:]]*\([A-Z]\).*/\1/p' "/proc/$1/status" 2>/dev/null)
  [[ -n "$state" && "$state" != Z ]]
}

# Prints the pid recorded in a pidfile if that process is alive and its
# command line contains the given marker (guards against pid reuse).
tl_pid_alive() {
  local pidfile=$1 marker=$2 pid
  [[ -s "$pidfile" ]] || return 1
  pid=$(head -n1 "$pidfile")
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  tl_proc_running "$pid" || return 1
  local cmdline
  cmdline=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || return 1
  [[ "$cmdline" == *"$marker"* ]] || return 1
  printf '%s\n' "$pid"
}

# Runs "$@" until it succeeds or the timeout expires; fails fast if the
# watched pid dies meanwhile (0 = do not watch).
tl_wait_for() {
  local timeout=$1 pid=$2
  shift 2
  local deadline=$((SECONDS + timeout))
  while ((SECONDS < deadline)); do
    if "$@" >/dev/null 2>&1; then
      return 0
    fi
    if [[ "$pid" != 0 ]] && ! tl_proc_running "$pid"; then
      return 2
    fi
    sleep 0.2
  done
  return 1
}

# SIGTERM, then wait; SIGKILL only as a last resort.
tl_stop_pid() {
  local pid=$1 grace=${2:-30}
  kill -TERM "$pid" 2>/dev/null || return 0
  local deadline=$((SECONDS + grace))
  while tl_proc_running "$pid"; do
    if ((SECONDS >= deadline)); then
      tl_warn "pid $pid still alive after ${grace}s, sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      sleep 0.5
      break
    fi
    sleep 0.1
  done
}

TL_APT_UPDATED=0
# Stops a server started in the background: SIGTERM, then SIGKILL after the timeout.
# Usage: tl_stop_server <function printing the running pid> <pidfile> <timeout seconds>
tl_stop_server() {
  local running_pid=$1 pidfile=$2 timeout=$3 pid t
  if ! pid=$("$running_pid"); then
    rm -f "$pidfile"
    tl_log "not running"
    return 0
  fi
  t=$(tl_now)
  tl_stop_pid "$pid" "$timeout"
  rm -f "$pidfile"
  tl_log "stopped (pid $pid) in $(tl_since "$t")s"
}

# Deletes a server's data, never while it runs.
# Usage: tl_wipe_data <function printing the running pid> <data dir>
tl_wipe_data() {
  local running_pid=$1 data=$2
  if "$running_pid" >/dev/null; then
    tl_die "refusing to delete data while the server is running; run 'down' first"
  fi
  rm -rf "$data"
  tl_log "data deleted"
}

tl_apt_install() {
  if [[ $EUID -ne 0 ]]; then
    tl_die "missing packages ($*) and not root; install them with: sudo apt-get install -y $*"
  fi
  local log="$TL_RUN/apt.log"
  tl_log "installing $* with apt-get (log: $log)"
  export DEBIAN_FRONTEND=noninteractive
  if [[ $TL_APT_UPDATED == 0 ]]; then
    apt-get update >>"$log" 2>&1 || tl_die "apt-get update failed, see $log"
    TL_APT_UPDATED=1
  fi
  # apt may be busy with another clone's install; retry on the dpkg lock.
  local i
  for i in 1 2 3 4 5 6; do
    if apt-get install -y --no-install-recommends "$@" >>"$log" 2>&1; then
      return 0
    fi
    sleep $((i * 5))
  done
  tl_die "apt-get install $* failed, see $log"
}

tl_need_java() {
  if ! command -v java >/dev/null 2>&1 || ! command -v mvn >/dev/null 2>&1; then
    tl_apt_install openjdk-17-jdk-headless maven
  fi
}

tl_go_bin() {
  if command -v go >/dev/null 2>&1; then
    command -v go
  elif [[ -x /usr/local/go/bin/go ]]; then
    printf '%s\n' /usr/local/go/bin/go
  else
    return 1
  fi
}
