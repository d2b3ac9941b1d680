#!/usr/bin/env bash
# `make up` and `make down`: runs the whole platform on this machine as plain processes.
#
#   platform.sh up     install what is missing, start PostgreSQL and RabbitMQ, build, start every
#                      service and the gateway, wait until all are ready, then stay in the
#                      foreground; Ctrl-C stops everything this script started.
#   platform.sh down   stop what a running `up` started (from another terminal), by pid.
#
# State (databases, broker, logs, pids) lives in NETWORK_STATE_DIR (default .state/dev), so a
# second `up` finds its data again. NETWORK_CONFIGURATION picks the build (Release); NETWORK_BUILD=0
# skips the build (the tests use that: `make test` has built everything already).
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
export NETWORK_STATE_DIR=$(realpath -m "${NETWORK_STATE_DIR:-$repo/.state/dev}")
export NETWORK_PG_PORT=${NETWORK_PG_PORT:-5432}
export NETWORK_AMQP_PORT=${NETWORK_AMQP_PORT:-5672}
gateway_port=${NETWORK_GATEWAY_PORT:-8080}
configuration=${NETWORK_CONFIGURATION:-Release}
state=$NETWORK_STATE_DIR
logs=$state/logs
pids=$state/pids

# name, project folder, port: the order is the start order (the directory first: it signs tokens).
services=(
  "directory services/Network.Directory ${NETWORK_DIRECTORY_PORT:-5101}"
  "matching services/Network.Matching ${NETWORK_MATCHING_PORT:-5102}"
  "events services/Network.Events ${NETWORK_EVENTS_PORT:-5103}"
  "messaging services/Network.Messaging ${NETWORK_MESSAGING_PORT:-5104}"
  "web services/Network.Web ${NETWORK_WEB_PORT:-5105}"
  "gateway gateway/Network.Gateway $gateway_port"
)


# A pid file may outlive its process (a reboot, a killed `up`) and the number may now belong to
# someone else: only a process running one of our assemblies from this checkout counts as ours.
is_ours() {
  kill -0 "$1" 2>/dev/null && tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | grep -q -- "$repo/.*/Network\.[A-Za-z]*\.dll"
}

stop_services() {
  [ -d "$pids" ] || return 0
  for pidfile in "$pids"/*.pid; do
    [ -e "$pidfile" ] || continue
    pid=$(cat "$pidfile")
    if is_ours "$pid"; then
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      kill -9 "$pid" 2>/dev/null || true
      echo "stopped $(basename "$pidfile" .pid) (pid $pid)"
    fi
    rm -f "$pidfile"
  done
}

down() {
  stop_services
  "$repo/infra/local/servers.sh" stop all
}

port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

up() {
  "$repo/infra/local/install.sh"
  mkdir -p "$logs" "$pids"

  for entry in "${services[@]}"; do
    set -- $entry
    if [ ! -f "$pids/$1.pid" ] && port_taken "$3"; then
      echo "Port $3 (for $1) is taken by another program. Free it, or choose another port, e.g.:" >&2
      echo "  NETWORK_$(echo "$1" | tr a-z A-Z)_PORT=$(( $3 + 1000 )) make up" >&2
      exit 1
    fi
  done

  # Our own PostgreSQL and RabbitMQ: their ports must be free unless they are ours and running.
  if ! NETWORK_STATE_DIR=$state "$repo/infra/local/servers.sh" status | grep -q "postgres: running" && port_taken "$NETWORK_PG_PORT"; then
    echo "Port $NETWORK_PG_PORT (PostgreSQL) is taken, perhaps by the distribution's own PostgreSQL. Pick another: NETWORK_PG_PORT=5440 make up" >&2
    exit 1
  fi
  if ! NETWORK_STATE_DIR=$state "$repo/infra/local/servers.sh" status | grep -q "rabbitmq: running"; then
    for port in "$NETWORK_AMQP_PORT" $((NETWORK_AMQP_PORT + 20000)); do
      if port_taken "$port"; then
        echo "Port $port (RabbitMQ) is taken, perhaps by the distribution's own RabbitMQ. Pick another: NETWORK_AMQP_PORT=5680 make up" >&2
        exit 1
      fi
    done
  fi
  "$repo/infra/local/servers.sh" start all

  # The bootstrap coordinator: a password made once per state folder, kept there (git-ignored).
  local password_file="$state/coordinator-password"
  [ -s "$password_file" ] || (umask 077; head -c 18 /dev/urandom | base64 | tr '+/' '-_' > "$password_file")
  export NETWORK_BOOTSTRAP_COORDINATOR_EMAIL=${NETWORK_BOOTSTRAP_COORDINATOR_EMAIL:-koordination@network.localhost}
  export NETWORK_BOOTSTRAP_COORDINATOR_PASSWORD=${NETWORK_BOOTSTRAP_COORDINATOR_PASSWORD:-$(cat "$password_file")}
  export NETWORK_DEMO_DATA=${NETWORK_DEMO_DATA:-true}  # the demo network, unless NETWORK_DEMO_DATA=false

  if [ "${NETWORK_BUILD:-1}" = "1" ]; then
    echo "Building ($configuration)..."
    dotnet build "$repo/Network.sln" -c "$configuration" -v quiet -nologo >"$logs/build.log" 2>&1 || { tail -n 30 "$logs/build.log"; exit 1; }
  fi

  local directory_port
  export NETWORK_RABBITMQ="amqp://guest:guest@127.0.0.1:$NETWORK_AMQP_PORT/"
  # Without an SMTP server, mails (confirmations, resets, invitations) are written here as .eml files.
  export NETWORK_MAIL_PICKUP_DIR=${NETWORK_MAIL_PICKUP_DIR:-$state/mail}
  export NETWORK_PUBLIC_URL=${NETWORK_PUBLIC_URL:-http://localhost:$gateway_port}
  # The keys that encrypt the web's session cookie: kept, so a restart does not sign everyone out.
  export NETWORK_WEB_KEYS_DIR=${NETWORK_WEB_KEYS_DIR:-$state/web-keys}
  export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Production}
  for entry in "${services[@]}"; do
    set -- $entry
    local name=$1 project=$2 port=$3
    export "NETWORK_$(echo "$name" | tr a-z A-Z)_URL=http://127.0.0.1:$port"
    [ "$name" = directory ] && directory_port=$port
  done
  export NETWORK_JWKS_URL="http://127.0.0.1:$directory_port/api/directory/.well-known/jwks.json"

  for entry in "${services[@]}"; do
    set -- $entry
    local name=$1 project=$2 port=$3
    if [ -f "$pids/$name.pid" ] && is_ours "$(cat "$pids/$name.pid")"; then
      echo "$name: already running"
      continue
    fi
    local assembly="$repo/$project/bin/$configuration/net10.0/$(basename "$project").dll"
    (
      cd "$repo/$project"
      NETWORK_DATABASE="Host=127.0.0.1;Port=$NETWORK_PG_PORT;Username=postgres;Database=network_$name" \
      ASPNETCORE_URLS="http://127.0.0.1:$port" \
        exec dotnet "$assembly" >>"$logs/$name.log" 2>&1
    ) &
    echo $! > "$pids/$name.pid"
    echo "$name: starting on http://127.0.0.1:$port (log: $logs/$name.log)"
  done

  echo "Waiting until every service is ready..."
  local deadline=$((SECONDS + 180))
  # Ready means healthy: "degraded" (a service not yet connected to its broker) is not enough.
  until curl -fsS "http://127.0.0.1:$gateway_port/health/ready" 2>/dev/null | grep -q '^{"status":"healthy"'; do
    if [ $SECONDS -ge $deadline ]; then
      echo "Not ready after 180 s. What the gateway says:" >&2
      curl -sS "http://127.0.0.1:$gateway_port/health/ready" >&2 || true
      echo; echo "Logs are in $logs" >&2
      exit 1
    fi
    for pidfile in "$pids"/*.pid; do
      if ! kill -0 "$(cat "$pidfile")" 2>/dev/null; then
        echo "$(basename "$pidfile" .pid) stopped during start-up; its log ends with:" >&2
        tail -n 30 "$logs/$(basename "$pidfile" .pid).log" >&2
        exit 1
      fi
    done
    sleep 1
  done

  cat <<INFO

Network is running.
  Address:      http://localhost:$gateway_port
  API page:     http://localhost:$gateway_port/api/docs
  Health:       http://localhost:$gateway_port/health/ready
  Coordinator:  $NETWORK_BOOTSTRAP_COORDINATOR_EMAIL / $NETWORK_BOOTSTRAP_COORDINATOR_PASSWORD
  Logs:         $logs
  Mails:        ${NETWORK_SMTP_HOST:+sent through $NETWORK_SMTP_HOST}${NETWORK_SMTP_HOST:-written to $NETWORK_MAIL_PICKUP_DIR}
Press Ctrl-C to stop everything (or run 'make down' elsewhere).
INFO
}

case "${1:-}" in
  up)
    trap 'echo; echo "Stopping..."; down; exit 0' INT TERM
    trap 'status=$?; if [ $status -ne 0 ]; then down; fi' EXIT
    up
    if [ "${NETWORK_DETACH:-0}" = "1" ]; then trap - EXIT INT TERM; exit 0; fi
    wait
    ;;
  down) down ;;
  *) echo "usage: platform.sh up|down" >&2; exit 2 ;;
esac
