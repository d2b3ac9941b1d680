#!/usr/bin/env bash
# Starts and stops this project's own PostgreSQL and RabbitMQ as plain processes with their state
# in a folder of the project. Two sets can run side by side (the platform and the tests) because
# each set has its own state folder, ports and RabbitMQ node name.
#
#   servers.sh start|stop|status [all|postgres|rabbitmq]
#   servers.sh wipe                 stop both and delete their data
#
# Settings (environment):
#   NETWORK_STATE_DIR   folder for data and logs      (default: <repo>/.state/dev)
#   NETWORK_PG_PORT     PostgreSQL port               (default: 5432)
#   NETWORK_AMQP_PORT   RabbitMQ AMQP port            (default: 5672; distribution port = this + 20000)
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
state=$(realpath -m "${NETWORK_STATE_DIR:-$repo/.state/dev}")
pg_port=${NETWORK_PG_PORT:-5432}
amqp_port=${NETWORK_AMQP_PORT:-5672}
command=${1:-status}
which=${2:-all}

pg_bin=$(dirname "$(compgen -G "/usr/lib/postgresql/*/bin/initdb" | sort -V | tail -n 1)")

# PostgreSQL and RabbitMQ run as their own users (postgres, rabbitmq). As root, their data must be
# where those users can reach it, and a checkout under /root (mode 700) is not: then it lives in
# /var/lib/network/<hash of the state folder>, and a note in the state folder says where.
server_state=$state
if [ "$(id -u)" -eq 0 ]; then
  mkdir -p "$state"
  if ! runuser -u postgres -- test -x "$state" 2>/dev/null || ! runuser -u rabbitmq -- test -x "$state" 2>/dev/null; then
    server_state=/var/lib/network/$(printf '%s' "$state" | sha256sum | cut -c1-16)
    install -d -m 755 /var/lib/network "$server_state"
    echo "$server_state" > "$state/servers-live-in"
  fi
fi
pg_data="$server_state/postgres/data"

# Run PostgreSQL tools as the postgres user when we are root: initdb refuses to run as root.
as_postgres() {
  # From /, which the postgres user can always enter, whatever folder we were started in.
  if [ "$(id -u)" -eq 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

postgres_running() {
  [ -f "$pg_data/postmaster.pid" ] && as_postgres "$pg_bin/pg_ctl" -D "$pg_data" status >/dev/null 2>&1
}

start_postgres() {
  if postgres_running; then echo "postgres: already running on port $pg_port"; return; fi
  if [ "$(id -u)" -eq 0 ]; then install -d -o postgres "$server_state/postgres"; else mkdir -p "$server_state/postgres"; fi
  if [ ! -f "$pg_data/PG_VERSION" ]; then
    if ! as_postgres "$pg_bin/initdb" -D "$pg_data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >"$server_state/postgres/initdb.log" 2>&1; then
      echo "postgres: initdb failed:" >&2; cat "$server_state/postgres/initdb.log" >&2; exit 1
    fi
  fi
  # Loopback only; the socket lives in the state folder so nothing in /var/run is needed.
  as_postgres "$pg_bin/pg_ctl" -D "$pg_data" -l "$server_state/postgres/server.log" -w -t 60 \
    -o "-p $pg_port -k $server_state/postgres -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=${NETWORK_PG_FSYNC:-on}" \
    start >/dev/null
  echo "postgres: started on 127.0.0.1:$pg_port (data in $pg_data)"
}

stop_postgres() {
  if postgres_running; then
    as_postgres "$pg_bin/pg_ctl" -D "$pg_data" -m fast -w stop >/dev/null
    echo "postgres: stopped"
  fi
}

rabbit_env() {
  export RABBITMQ_NODENAME="network-$amqp_port@localhost"
  export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
  export RABBITMQ_NODE_PORT="$amqp_port"
  export RABBITMQ_DIST_PORT=$((amqp_port + 20000))
  export RABBITMQ_MNESIA_BASE="$server_state/rabbitmq/mnesia"
  export RABBITMQ_LOG_BASE="$server_state/rabbitmq/log"
  export RABBITMQ_PID_FILE="$server_state/rabbitmq/rabbitmq.pid"
  export RABBITMQ_ENABLED_PLUGINS_FILE="$server_state/rabbitmq/enabled_plugins"
  export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
  export ERL_EPMD_ADDRESS=127.0.0.1
}

rabbit_running() {
  local pid
  [ -f "$server_state/rabbitmq/rabbitmq.pid" ] || return 1
  pid=$(cat "$server_state/rabbitmq/rabbitmq.pid" 2>/dev/null || true)
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null
}

start_rabbitmq() {
  rabbit_env
  if rabbit_running; then echo "rabbitmq: already running on port $amqp_port"; return; fi
  if [ "$(id -u)" -eq 0 ]; then
    # Debian's wrapper runs the broker as the rabbitmq user, so that user must own the folder.
    install -d -o rabbitmq -g rabbitmq "$server_state/rabbitmq"
    [ -f "$RABBITMQ_ENABLED_PLUGINS_FILE" ] || install -o rabbitmq -g rabbitmq -m 644 /dev/null "$RABBITMQ_ENABLED_PLUGINS_FILE"
  else
    mkdir -p "$server_state/rabbitmq"; touch "$RABBITMQ_ENABLED_PLUGINS_FILE"
  fi
  rm -f "$RABBITMQ_PID_FILE"   # a stale one from a stopped broker would look like a running one
  setsid rabbitmq-server >"$server_state/rabbitmq/server.out" 2>&1 < /dev/null &
  local launcher=$!
  # await_startup gives up at once while the node has not registered yet, so ask until it answers.
  local deadline=$((SECONDS + 120)) started=0
  while [ $SECONDS -lt $deadline ]; do
    if rabbitmqctl -q -n "$RABBITMQ_NODENAME" await_startup >/dev/null 2>&1; then started=1; break; fi
    kill -0 "$launcher" 2>/dev/null || break
    sleep 1
  done
  if [ $started -eq 0 ]; then
    echo "rabbitmq: did not start; see $server_state/rabbitmq/server.out and $RABBITMQ_LOG_BASE" >&2
    tail -n 20 "$server_state/rabbitmq/server.out" >&2 || true
    exit 1
  fi
  echo "rabbitmq: started on 127.0.0.1:$amqp_port (node $RABBITMQ_NODENAME)"
}

stop_rabbitmq() {
  rabbit_env
  if rabbit_running; then
    local pid
    pid=$(cat "$RABBITMQ_PID_FILE")
    rabbitmqctl -q -n "$RABBITMQ_NODENAME" stop "$RABBITMQ_PID_FILE" >/dev/null 2>&1 || kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    echo "rabbitmq: stopped"
  fi
  # epmd refuses to die while another node (say, the platform's) is still registered: that is what we want.
  epmd -kill >/dev/null 2>&1 || true
}

wipe() {
  stop_rabbitmq >/dev/null; stop_postgres >/dev/null
  rm -rf "$server_state/postgres" "$server_state/rabbitmq"
}

case "$command:$which" in
  wipe:*)           wipe ;;
  start:all)        start_postgres; start_rabbitmq ;;
  start:postgres)   start_postgres ;;
  start:rabbitmq)   start_rabbitmq ;;
  stop:all)         stop_rabbitmq; stop_postgres ;;
  stop:postgres)    stop_postgres ;;
  stop:rabbitmq)    stop_rabbitmq ;;
  status:*)
    postgres_running && echo "postgres: running on $pg_port" || echo "postgres: stopped"
    rabbit_env; rabbit_running && echo "rabbitmq: running on $amqp_port" || echo "rabbitmq: stopped" ;;
  *) echo "usage: servers.sh start|stop|status [all|postgres|rabbitmq] | wipe" >&2; exit 2 ;;
esac
