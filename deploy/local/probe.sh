#!/usr/bin/env bash
# Protocol-level liveness probes that need nothing but bash and coreutils,
# so they work before any client library is installed.
#   probe.sh kafka PORT        Metadata v1 request; ok if >= 1 broker is listed
#   probe.sh mongo PORT        OP_MSG {ping: 1}; ok if the reply has ok: 1.0
#   probe.sh http PORT PATH    HTTP GET; ok on status 200
# Exit 0 when the server answered correctly. Always run under `timeout`.
set -euo pipefail

# Reads a length-prefixed reply from fd 3 and prints the body as hex.
# $1: endianness of the 4-byte length, $2: whether the length counts itself.
read_frame_hex() {
  local len
  len=$(head -c4 <&3 | od -An -tu4 --endian="$1" | tr -d ' \n')
  [[ "$len" =~ ^[0-9]+$ ]] || return 1
  if [[ "$2" == inclusive ]]; then
    len=$((len - 4))
  fi
  ((len > 0 && len < 1048576)) || return 1
  head -c "$len" <&3 | od -An -tx1 -v | tr -d ' \n'
}

probe_kafka() {
  exec 3<>"/dev/tcp/127.0.0.1/$1"
  # size=16, api_key=3 (Metadata), api_version=1, correlation_id=2,
  # client_id="tl", topics=[] (empty array: brokers only).
  printf '\x00\x00\x00\x10\x00\x03\x00\x01\x00\x00\x00\x02\x00\x02tl\x00\x00\x00\x00' >&3
  local hex
  hex=$(read_frame_hex big exclusive)
  exec 3<&-
  # correlation_id must echo 2; then the broker array count.
  [[ "${hex:0:8}" == 00000002 ]] || return 1
  (( 16#${hex:8:8} >= 1 ))
}

probe_mongo() {
  exec 3<>"/dev/tcp/127.0.0.1/$1"
  # OP_MSG (opCode 2013), flags 0, one body section: {ping: 1, $db: "admin"}.
  local header='\x33\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00\x00\xdd\x07\x00\x00'
  local body='\x00\x00\x00\x00\x00\x1e\x00\x00\x00\x10ping\x00\x01\x00\x00\x00'
  # shellcheck disable=SC2016 # "$db" is a literal BSON key
  body+='\x02$db\x00\x06\x00\x00\x00admin\x00\x00'
  printf '%b' "$header$body" >&3
  local hex
  hex=$(read_frame_hex little inclusive)
  exec 3<&-
  # BSON element: type 0x01 (double) "ok" = 1.0
  [[ "$hex" == *016f6b00000000000000f03f* ]]
}

probe_http() {
  exec 3<>"/dev/tcp/127.0.0.1/$1"
  printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' "$2" >&3
  local status
  IFS= read -r status <&3
  exec 3<&-
  [[ "$status" =~ ^HTTP/1\.[01]\ 200 ]]
}

case "${1:-}" in
  kafka) probe_kafka "$2" ;;
  mongo) probe_mongo "$2" ;;
  http) probe_http "$2" "$3" ;;
  *)
    echo "usage: $0 kafka PORT | mongo PORT | http PORT PATH" >&2
    exit 64
    ;;
esac
