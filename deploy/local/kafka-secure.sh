# shellcheck shell=bash
# The secured broker of deploy/local/kafka.sh (up-secure, down-secure, status-secure, env-secure,
# wipe-secure): a second KRaft cluster on 127.0.0.1:$TL_KAFKA_SECURE_PORT that accepts only TLS with
# SASL/SCRAM-SHA-512 and authorises by ACLs (deploy/kafka/topic-acls.sh). A throwaway CA, the
# broker's certificate and random passwords for the admin and the four service users are made when
# its storage is formatted and kept beside it. The plaintext broker is never touched.
# Sourced by kafka.sh after its own functions.

TL_KAFKA_SECURE_PORT="${TL_KAFKA_SECURE_PORT:-19094}"
TL_KAFKA_SECURE_CONTROLLER_PORT="${TL_KAFKA_SECURE_CONTROLLER_PORT:-19095}"
SECURE_HOME="$TL_DATA/kafka-secure"
SECURE_LOGS="$SECURE_HOME/log"
SECURE_TLS="$SECURE_HOME/tls"
SECURE_CREDENTIALS="$SECURE_HOME/credentials.env"
SECURE_RUN="$TL_RUN/kafka-secure"
SECURE_PIDFILE="$SECURE_RUN/kafka.pid"
SECURE_PROPS="$SECURE_RUN/server.properties"
SECURE_ADMIN_CONFIG="$SECURE_RUN/admin.properties"
SECURE_HEAP="${TL_KAFKA_SECURE_HEAP:--Xms128m -Xmx384m}"
SECURE_USERS=(enrolment course-delivery certification reporting)

secure_password() { head -c24 /dev/urandom | base64 | tr -d '/+=\n'; }

secure_variable() { printf '%s' "$1" | tr 'a-z-' 'A-Z_'; }

# The CA and the broker certificate (for 127.0.0.1 and localhost), in a PKCS12 keystore.
secure_make_tls() {
  local store_password=$1
  rm -rf "$SECURE_TLS"
  mkdir -p "$SECURE_TLS"
  (
    cd "$SECURE_TLS"
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj '/CN=Training Ledger local Kafka CA' \
      -keyout ca.key -out ca.crt
    openssl req -newkey rsa:2048 -nodes -subj '/CN=127.0.0.1' -keyout broker.key -out broker.csr
    printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth,clientAuth\n' >broker.ext
    openssl x509 -req -in broker.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 3650 \
      -extfile broker.ext -out broker.crt
    openssl pkcs12 -export -name broker -in broker.crt -inkey broker.key -certfile ca.crt \
      -passout "pass:$store_password" -out broker.p12
    rm -f broker.csr broker.ext ca.srl
  ) >"$SECURE_RUN/tls.log" 2>&1 || tl_die "making the TLS material failed, see $SECURE_RUN/tls.log"
  chmod 600 "$SECURE_TLS"/*.key "$SECURE_TLS/broker.p12"
}

secure_make_credentials() {
  local user
  {
    printf 'KEYSTORE_PASSWORD=%s\nADMIN_PASSWORD=%s\n' "$(secure_password)" "$(secure_password)"
    for user in "${SECURE_USERS[@]}"; do
      printf '%s_PASSWORD=%s\n' "$(secure_variable "$user")" "$(secure_password)"
    done
  } >"$SECURE_CREDENTIALS"
  chmod 600 "$SECURE_CREDENTIALS"
}

secure_render_config() {
  sed -e "s|@BROKER_PORT@|$TL_KAFKA_SECURE_PORT|g" \
    -e "s|@CONTROLLER_PORT@|$TL_KAFKA_SECURE_CONTROLLER_PORT|g" \
    -e "s|@LOG_DIRS@|$SECURE_LOGS|g" -e "s|@TLS_DIR@|$SECURE_TLS|g" \
    -e "s|@ADMIN_PASSWORD@|$ADMIN_PASSWORD|g" -e "s|@KEYSTORE_PASSWORD@|$KEYSTORE_PASSWORD|g" \
    "$KAFKA_CONF_DIR/server-secure.properties" >"$SECURE_PROPS"
  cat >"$SECURE_ADMIN_CONFIG" <<PROPERTIES
security.protocol=SASL_SSL
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="$ADMIN_PASSWORD";
ssl.truststore.type=PEM
ssl.truststore.location=$SECURE_TLS/ca.crt
PROPERTIES
  chmod 600 "$SECURE_PROPS" "$SECURE_ADMIN_CONFIG"
}

# A fresh cluster: TLS material, passwords, and storage formatted with every SCRAM user.
secure_format() {
  local user variable scram=()
  rm -rf "$SECURE_HOME"
  mkdir -p "$SECURE_LOGS"
  chmod 700 "$SECURE_HOME"
  secure_make_credentials
  # shellcheck source=/dev/null
  source "$SECURE_CREDENTIALS"
  secure_make_tls "$KEYSTORE_PASSWORD"
  secure_render_config
  scram+=(--add-scram "SCRAM-SHA-512=[name=admin,password=$ADMIN_PASSWORD]")
  for user in "${SECURE_USERS[@]}"; do
    variable="$(secure_variable "$user")_PASSWORD"
    scram+=(--add-scram "SCRAM-SHA-512=[name=$user,password=${!variable}]")
  done
  kafka_tool kafka.tools.StorageTool format --standalone -t "$(kafka_cluster_id)" -c "$SECURE_PROPS" \
    "${scram[@]}" >"$SECURE_RUN/format.log" 2>&1 || tl_die "storage format failed, see $SECURE_RUN/format.log"
}

secure_running_pid() {
  tl_pid_alive "$SECURE_PIDFILE" "kafka.Kafka $SECURE_PROPS"
}

secure_admin_answers() {
  kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "127.0.0.1:$TL_KAFKA_SECURE_PORT" \
    --command-config "$SECURE_ADMIN_CONFIG" --list
}

secure_port_answers() { tl_port_open "$TL_KAFKA_SECURE_PORT"; }

cmd_up_secure() {
  local t0 t pid
  t0=$(tl_now)
  tl_init_dirs
  mkdir -p "$SECURE_RUN"
  if pid=$(secure_running_pid); then
    tl_wait_for 30 "$pid" secure_port_answers ||
      tl_die "secure broker (pid $pid) runs but does not answer on 127.0.0.1:$TL_KAFKA_SECURE_PORT; see $SECURE_RUN/server.log"
    tl_log "secure broker already running (pid $pid), reused"
  else
    secure_start
  fi
  if [[ ! -f "$SECURE_HOME/acls.applied" ]]; then
    t=$(tl_now)
    secure_apply_acls || tl_die "applying the topic ACLs failed, see $SECURE_RUN/acls.log"
    touch "$SECURE_HOME/acls.applied"
    tl_log "topic ACLs applied ($(tl_since "$t")s)"
  fi
  tl_log "ready on 127.0.0.1:$TL_KAFKA_SECURE_PORT, SASL_SSL with SCRAM-SHA-512 ($(tl_since "$t0")s total)"
}

secure_start() {
  local t pid
  kafka_java_check
  command -v openssl >/dev/null 2>&1 || tl_apt_install openssl
  kafka_ensure_jars || true
  if [[ ! -s "$SECURE_LOGS/meta.properties" || ! -s "$SECURE_CREDENTIALS" ]]; then
    t=$(tl_now)
    secure_format
    tl_log "secure storage formatted with SCRAM users admin ${SECURE_USERS[*]} ($(tl_since "$t")s)"
  fi
  # shellcheck source=/dev/null
  source "$SECURE_CREDENTIALS"
  secure_render_config
  local port
  for port in "$TL_KAFKA_SECURE_PORT" "$TL_KAFKA_SECURE_CONTROLLER_PORT"; do
    if tl_port_open "$port"; then
      tl_die "port $port is in use (set TL_KAFKA_SECURE_PORT / TL_KAFKA_SECURE_CONTROLLER_PORT?)"
    fi
  done

  t=$(tl_now)
  pid=$(kafka_launch "$SECURE_RUN" "$SECURE_PIDFILE" "$SECURE_PROPS" "$SECURE_HEAP") ||
    tl_die "secure broker did not start, see $SECURE_RUN/stdout.log"
  tl_wait_for "$TL_START_TIMEOUT" "$pid" secure_port_answers ||
    tl_die "secure broker did not open 127.0.0.1:$TL_KAFKA_SECURE_PORT, see $SECURE_RUN/server.log"
  # An authenticated admin request proves TLS, SCRAM and the authorizer together.
  tl_wait_for 60 "$pid" secure_admin_answers ||
    tl_die "secure broker is up but refuses the admin over TLS+SCRAM, see $SECURE_RUN/server.log"
  tl_log "secure broker started (pid $pid) in $(tl_since "$t")s"
}

# The commands deploy/kafka/topic-acls.sh prints, run with the class behind kafka-acls.sh.
secure_apply_acls() {
  local line
  while read -r line; do
    # shellcheck disable=SC2086 # the printed commands are lists of words
    kafka_tool org.apache.kafka.tools.AclCommand ${line#* } >>"$SECURE_RUN/acls.log" 2>&1 || return 1
  done < <(KAFKA_ACLS_CMD=kafka-acls bash "$TL_SCRIPT_DIR/../kafka/topic-acls.sh" print \
    --bootstrap-server "127.0.0.1:$TL_KAFKA_SECURE_PORT" --command-config "$SECURE_ADMIN_CONFIG")
}

cmd_down_secure() {
  tl_stop_server secure_running_pid "$SECURE_PIDFILE" 60
}

cmd_status_secure() {
  local pid
  if pid=$(secure_running_pid); then
    printf '%-13s running  pid=%s  127.0.0.1:%s SASL_SSL  data=%s\n' kafka-secure "$pid" "$TL_KAFKA_SECURE_PORT" "$SECURE_HOME"
    return 0
  fi
  printf '%-13s stopped  data=%s\n' kafka-secure "$SECURE_HOME"
  return 1
}

cmd_wipe_secure() {
  tl_wipe_data secure_running_pid "$SECURE_HOME"
}

# What a client of the secured broker needs; the passwords are the generated ones.
cmd_env_secure() {
  [[ -s "$SECURE_CREDENTIALS" ]] || tl_die "no secure broker has been formatted; run '$0 up-secure' first"
  local user variable
  # shellcheck source=/dev/null
  source "$SECURE_CREDENTIALS"
  printf 'export KAFKA_SECURE_BROKERS=127.0.0.1:%s\n' "$TL_KAFKA_SECURE_PORT"
  printf 'export KAFKA_SECURE_CA_FILE=%s\n' "$SECURE_TLS/ca.crt"
  printf 'export KAFKA_SECURE_ADMIN_PASSWORD=%s\n' "$ADMIN_PASSWORD"
  for user in "${SECURE_USERS[@]}"; do
    variable="$(secure_variable "$user")_PASSWORD"
    printf 'export KAFKA_SECURE_%s=%s\n' "$variable" "${!variable}"
  done
}
