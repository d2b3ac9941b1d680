#!/usr/bin/env bash
# The matching service's benchmark (issue 4), run by hand, never by `make test`: loads 100,000
# synthetic listings into a fresh database, then prints p50, p95 and max of searches and of computing
# the suggestions for a new listing, timed in-process against a real PostgreSQL, and the query plans.
# The database is dropped at the end, also after Ctrl-C.
#
#   benchmark-matching.sh [--listings N] [--runs N] [--warm-up N] [--seed N] [--plans] [--keep] [--help]
#
# Settings (environment):
#   NETWORK_BENCHMARK_DATABASE_SERVER  connection string without a database
#                                      (default: Host=127.0.0.1;Port=5433;Username=postgres, the tests' server)
#   NETWORK_BENCHMARK_LISTINGS         listings to load (default 100000; --listings wins)
#   NETWORK_BENCHMARK_PG_PORT          port of the PostgreSQL this script starts when nothing answers
#                                      on the configured server (default 5533; state in .state/benchmark)
#   NETWORK_CONFIGURATION              build configuration (default Release)
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
server=${NETWORK_BENCHMARK_DATABASE_SERVER:-Host=127.0.0.1;Port=5433;Username=postgres}
configuration=${NETWORK_CONFIGURATION:-Release}

# One key of the connection string; Npgsql reads keys case-insensitively and knows Host as Server too.
setting() {
  printf '%s' "$server" | tr ';' '\n' | awk -F= -v keys="$1" '
    { key = tolower($1); gsub(/[[:space:]]/, "", key) }
    index(" " keys " ", " " key " ") { sub(/^[^=]*=[[:space:]]*/, ""); print; exit }'
}
host=$(setting "host server"); host=${host:-127.0.0.1}
port=$(setting "port"); port=${port:-5432}

answers() {
  if command -v pg_isready >/dev/null 2>&1; then
    pg_isready -q -h "$host" -p "$port"
  else
    (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null
  fi
}

if ! answers; then
  echo "No PostgreSQL answers on $host:$port; starting one for the benchmark."
  export NETWORK_STATE_DIR=$repo/.state/benchmark
  export NETWORK_PG_PORT=${NETWORK_BENCHMARK_PG_PORT:-5533}
  "$repo/infra/local/install.sh"
  trap '"$repo/infra/local/servers.sh" stop postgres' EXIT
  "$repo/infra/local/servers.sh" start postgres
  server="Host=127.0.0.1;Port=$NETWORK_PG_PORT;Username=postgres"
fi
export NETWORK_BENCHMARK_DATABASE_SERVER=$server

dotnet build "$repo/benchmarks/Network.Matching.Benchmark" -c "$configuration" -nologo -v quiet
# Not exec: the trap above must still stop the server this script started.
dotnet "$repo/benchmarks/Network.Matching.Benchmark/bin/$configuration/net10.0/Network.Matching.Benchmark.dll" "$@"
