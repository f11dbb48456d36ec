#!/usr/bin/env bash
# The topic ACLs of Training Ledger: only a topic's owning service writes to it, the services that
# consume it read it. Each service authenticates as the SCRAM user named after it.
#   <service>.*                (PREFIXED) owner: Write, Create, Describe, DescribeConfigs, Read
#                              (its events topic, its consumer groups' and its relay's dead letters,
#                              and its groups' redrive topics, which it reads)
#   <owner>.events.v1          (LITERAL)  each consumer: Read, Describe, Create (whichever service
#                              starts first creates a topic; Create grants no Write)
#   consumer group <service>.* (PREFIXED) owner: Read
# Usage: topic-acls.sh print|apply --bootstrap-server HOST:PORT --command-config FILE [--topic-prefix P]
#   print  writes the kafka-acls commands (for a production cluster: run them with its admin client config)
#   apply  runs them with the Java class behind kafka-acls.sh (KAFKA_ACLS_CMD overrides the command)
# KAFKA_TOPIC_PREFIX of the services, when set, goes in --topic-prefix.
set -euo pipefail

# Who reads whose events topic; the services' consumer registrations (services/*/src) are the source.
declare -A READERS=(
  [enrolment]="course-delivery certification reporting"
  [course-delivery]="enrolment certification reporting"
  [certification]="reporting"
  [reporting]=""
)
SERVICES=(enrolment course-delivery certification reporting)

mode=${1:-}
shift || true
bootstrap='' command_config='' prefix=''
while (($# > 0)); do
  case "$1" in
    --bootstrap-server) bootstrap=$2; shift 2 ;;
    --command-config) command_config=$2; shift 2 ;;
    --topic-prefix) prefix=$2; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 64 ;;
  esac
done
if [[ "$mode" != print && "$mode" != apply ]] || [[ -z "$bootstrap" || -z "$command_config" ]]; then
  echo "usage: $0 print|apply --bootstrap-server HOST:PORT --command-config FILE [--topic-prefix P]" >&2
  exit 64
fi

acl_commands() {
  local service reader
  for service in "${SERVICES[@]}"; do
    printf -- '--add --allow-principal User:%s --operation Write --operation Create --operation Describe --operation DescribeConfigs --operation Read --topic %s%s. --resource-pattern-type prefixed\n' \
      "$service" "$prefix" "$service"
    printf -- '--add --allow-principal User:%s --operation Read --group %s%s. --resource-pattern-type prefixed\n' "$service" "$prefix" "$service"
    for reader in ${READERS[$service]}; do
      printf -- '--add --allow-principal User:%s --operation Read --operation Describe --operation Create --topic %s%s.events.v1\n' \
        "$reader" "$prefix" "$service"
    done
  done
}

kafka_acls=${KAFKA_ACLS_CMD:-kafka-acls.sh}
while read -r line; do
  # shellcheck disable=SC2086 # each line is a list of words
  if [[ "$mode" == print ]]; then
    printf '%s --bootstrap-server %s --command-config %s %s\n' "$kafka_acls" "$bootstrap" "$command_config" "$line"
  else
    $kafka_acls --bootstrap-server "$bootstrap" --command-config "$command_config" $line >/dev/null
  fi
done < <(acl_commands)
