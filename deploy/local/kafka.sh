#!/usr/bin/env bash
# Apache Kafka (KRaft, combined broker + controller) on 127.0.0.1:$TL_KAFKA_PORT,
# run from Maven Central jars.
# Usage: kafka.sh up|down|kill|status|env|wipe|topics [ARGS...]
#        kafka.sh up-secure|down-secure|status-secure|env-secure|wipe-secure
#        (a second, separate broker with TLS, SASL/SCRAM and ACLs: kafka-secure.sh)
set -euo pipefail
TL_NAME=kafka
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

KAFKA_CONF_DIR="$TL_SCRIPT_DIR/kafka"
KAFKA_LIB="$TL_CACHE/kafka-$TL_KAFKA_VERSION/lib"
KAFKA_M2="$TL_CACHE/m2"
KAFKA_DATA="$TL_DATA/kafka"
KAFKA_RUN="$TL_RUN/kafka"
KAFKA_PIDFILE="$KAFKA_RUN/kafka.pid"
KAFKA_PROPS="$KAFKA_RUN/server.properties"
KAFKA_OUT="$KAFKA_RUN/stdout.log"
KAFKA_LOG="$KAFKA_RUN/server.log"
KAFKA_HEAP="${TL_KAFKA_HEAP:--Xms256m -Xmx768m}"

kafka_java_check() {
  tl_need_java
  local major
  major=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
  major=${major%%.*}
  if ! [[ "$major" =~ ^[0-9]+$ ]] || ((major < 17)); then
    tl_die "Kafka $TL_KAFKA_VERSION needs Java 17 or newer, found '${major:-none}'"
  fi
}

# Jars are keyed on the pom's content, so editing the pom refreshes them.
kafka_ensure_jars() {
  local stamp
  stamp=$(sha256sum "$KAFKA_CONF_DIR/pom.xml" | cut -d' ' -f1)
  if [[ -f "$KAFKA_LIB/.stamp" && "$(cat "$KAFKA_LIB/.stamp")" == "$stamp" ]]; then
    return 1
  fi
  local tmp="$KAFKA_LIB.tmp.$$"
  rm -rf "$tmp"
  # A project-owned local repository keeps the download independent of ~/.m2.
  if ! mvn -B -q -f "$KAFKA_CONF_DIR/pom.xml" -Dmaven.repo.local="$KAFKA_M2" \
    -Dtl.lib.dir="$tmp" dependency:copy-dependencies >"$KAFKA_RUN/maven.log" 2>&1; then
    rm -rf "$tmp"
    tl_die "downloading jars with Maven failed, see $KAFKA_RUN/maven.log"
  fi
  [[ -f "$tmp/kafka_2.13-$TL_KAFKA_VERSION.jar" ]] ||
    tl_die "Maven finished but kafka_2.13-$TL_KAFKA_VERSION.jar is missing, see $KAFKA_RUN/maven.log"
  printf '%s\n' "$stamp" >"$tmp/.stamp"
  rm -rf "$KAFKA_LIB"
  mv "$tmp" "$KAFKA_LIB"
}

kafka_tool() {
  java -Xmx256m -Dlog4j2.configurationFile="$KAFKA_CONF_DIR/tools-log4j2.properties" \
    -cp "$KAFKA_LIB/*" "$@"
}

# Same format as `kafka-storage.sh random-uuid` (16 random bytes, URL-safe
# base64 without padding, never starting with "-"), without a JVM start.
kafka_cluster_id() {
  local id
  while :; do
    id=$(head -c16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')
    [[ "$id" != -* ]] && break
  done
  printf '%s\n' "$id"
}

kafka_render_props() {
  sed -e "s|@BROKER_PORT@|$TL_KAFKA_PORT|g" \
    -e "s|@CONTROLLER_PORT@|$TL_KAFKA_CONTROLLER_PORT|g" \
    -e "s|@LOG_DIRS@|$KAFKA_DATA|g" \
    "$KAFKA_CONF_DIR/server.properties" >"$KAFKA_PROPS"
}

# Starts a broker in the background and prints its pid.
# Usage: kafka_launch <run dir> <pidfile> <server.properties> <heap options>
kafka_launch() {
  local run=$1 pidfile=$2 props=$3 heap=$4
  rm -f "$pidfile"
  # setsid: the broker must outlive the shell that ran 'up'. The wrapper
  # writes its own pid, which exec hands over to the JVM.
  # shellcheck disable=SC2016,SC2086 # $$ belongs to the inner bash; heap opts are words
  (
    cd "$run"
    exec </dev/null >>"$run/stdout.log" 2>&1 9>&-
    setsid bash -c 'echo $$ >"$0"; exec "$@"' "$pidfile" \
      java $heap -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
      -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExitOnOutOfMemoryError \
      -Djava.awt.headless=true -Dkafka.logs.dir="$run" \
      -Dlog4j2.configurationFile="$KAFKA_CONF_DIR/log4j2.properties" \
      -cp "$KAFKA_LIB/*" kafka.Kafka "$props" &
  )
  local _
  for _ in $(seq 50); do
    [[ -s "$pidfile" ]] && break
    sleep 0.1
  done
  head -n1 "$pidfile" 2>/dev/null
}

kafka_running_pid() {
  tl_pid_alive "$KAFKA_PIDFILE" "kafka.Kafka $KAFKA_PROPS"
}

kafka_ready() {
  timeout 5 bash "$TL_SCRIPT_DIR/probe.sh" kafka "$TL_KAFKA_PORT"
}

cmd_up() {
  local t0 t pid
  t0=$(tl_now)
  tl_init_dirs
  mkdir -p "$KAFKA_RUN"

  if pid=$(kafka_running_pid); then
    if ! tl_wait_for 15 "$pid" kafka_ready; then
      tl_die "broker (pid $pid) is running but not answering on 127.0.0.1:$TL_KAFKA_PORT; see $KAFKA_LOG or run 'servers.sh down'"
    fi
    tl_log "already running (pid $pid), reused"
    tl_log "ready on 127.0.0.1:$TL_KAFKA_PORT ($(tl_since "$t0")s total)"
    return 0
  fi

  t=$(tl_now)
  kafka_java_check
  if kafka_ensure_jars; then
    tl_log "jars: downloaded to $KAFKA_LIB ($(tl_since "$t")s)"
  else
    tl_log "jars: cached ($(tl_since "$t")s)"
  fi

  kafka_render_props
  if [[ ! -s "$KAFKA_DATA/meta.properties" ]]; then
    t=$(tl_now)
    rm -rf "$KAFKA_DATA"
    mkdir -p "$KAFKA_DATA"
    local cluster_id
    cluster_id=$(kafka_cluster_id)
    if ! kafka_tool kafka.tools.StorageTool format --standalone -t "$cluster_id" \
      -c "$KAFKA_PROPS" >"$KAFKA_RUN/format.log" 2>&1; then
      tl_die "storage format failed, see $KAFKA_RUN/format.log"
    fi
    tl_log "storage formatted, cluster id $cluster_id ($(tl_since "$t")s)"
  fi

  local port
  for port in "$TL_KAFKA_PORT" "$TL_KAFKA_CONTROLLER_PORT"; do
    if tl_port_open "$port"; then
      tl_die "port $port is in use by another process (set TL_KAFKA_PORT / TL_KAFKA_CONTROLLER_PORT?)"
    fi
  done

  t=$(tl_now)
  pid=$(kafka_launch "$KAFKA_RUN" "$KAFKA_PIDFILE" "$KAFKA_PROPS" "$KAFKA_HEAP") || tl_die "broker did not start, see $KAFKA_OUT"

  local rc=0
  tl_wait_for "$TL_START_TIMEOUT" "$pid" kafka_ready || rc=$?
  if ((rc == 2)); then
    tl_die "broker exited during startup, see $KAFKA_LOG and $KAFKA_OUT"
  elif ((rc != 0)); then
    tl_die "broker (pid $pid) did not answer a metadata request within ${TL_START_TIMEOUT}s, see $KAFKA_LOG"
  fi
  tl_log "started (pid $pid) in $(tl_since "$t")s"

  # The wire probe proved the broker is up; this proves the admin client path
  # that services and tests use.
  t=$(tl_now)
  if ! kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "127.0.0.1:$TL_KAFKA_PORT" \
    --list >"$KAFKA_RUN/topics-check.log" 2>&1; then
    tl_die "broker is up but 'TopicCommand --list' failed, see $KAFKA_RUN/topics-check.log"
  fi
  tl_log "admin client check: TopicCommand --list ok ($(tl_since "$t")s)"
  tl_log "ready on 127.0.0.1:$TL_KAFKA_PORT ($(tl_since "$t0")s total)"
}

cmd_down() {
  tl_stop_server kafka_running_pid "$KAFKA_PIDFILE" 60
}

# A power cut for the broker, for fault tests: SIGKILL, no clean shutdown; fails when none runs.
cmd_kill() {
  local pid
  pid=$(kafka_running_pid) || tl_die "no broker is running: nothing to kill"
  kill -KILL "$pid"
  while tl_proc_running "$pid"; do sleep 0.1; done
  rm -f "$KAFKA_PIDFILE"
  tl_log "killed (pid $pid) with SIGKILL"
}

cmd_status() {
  local pid
  if pid=$(kafka_running_pid); then
    if kafka_ready; then
      printf '%-9s running  pid=%s  127.0.0.1:%s (controller :%s)  data=%s\n' kafka "$pid" \
        "$TL_KAFKA_PORT" "$TL_KAFKA_CONTROLLER_PORT" "$KAFKA_DATA"
      return 0
    fi
    printf '%-9s unhealthy  pid=%s  not answering on 127.0.0.1:%s  log=%s\n' kafka "$pid" "$TL_KAFKA_PORT" "$KAFKA_LOG"
    return 1
  fi
  printf '%-9s stopped  data=%s\n' kafka "$KAFKA_DATA"
  return 1
}

cmd_wipe() {
  tl_wipe_data kafka_running_pid "$KAFKA_DATA"
}

cmd_env() {
  printf 'export KAFKA_BROKERS=127.0.0.1:%s\n' "$TL_KAFKA_PORT"
}

# shellcheck source=kafka-secure.sh
source "$TL_SCRIPT_DIR/kafka-secure.sh"

case "${1:-}" in
  up) tl_lock && cmd_up ;;
  up-secure) tl_lock && cmd_up_secure ;;
  down-secure) tl_lock && cmd_down_secure ;;
  status-secure) cmd_status_secure ;;
  env-secure) cmd_env_secure ;;
  wipe-secure) tl_lock && cmd_wipe_secure ;;
  down) tl_lock && cmd_down ;;
  kill) tl_lock && cmd_kill ;;
  status) cmd_status ;;
  env) cmd_env ;;
  wipe) tl_lock && cmd_wipe ;;
  topics)
    shift
    [[ -d "$KAFKA_LIB" ]] || tl_die "jars missing; run '$0 up' first"
    kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "127.0.0.1:$TL_KAFKA_PORT" "$@"
    ;;
  *)
    echo "usage: $0 up|down|status|env|wipe|topics [ARGS...] | up-secure|down-secure|status-secure|env-secure|wipe-secure" >&2
    exit 64
    ;;
esac
