#!/usr/bin/env bash
# `make test`: every test of the solution against this run's own PostgreSQL and RabbitMQ (other
# ports and another state folder than `make up`, so tests run while the platform is up). The
# servers start fresh each run and are stopped at the end, whatever the outcome.
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
export NETWORK_STATE_DIR=$(realpath -m "${NETWORK_TEST_STATE_DIR:-$repo/.state/test}")
export NETWORK_PG_PORT=${NETWORK_TEST_PG_PORT:-5433}
export NETWORK_AMQP_PORT=${NETWORK_TEST_AMQP_PORT:-5673}
# The end-to-end tests run a broker of their own, which they stop and start on purpose.
export NETWORK_E2E_AMQP_PORT=${NETWORK_TEST_E2E_AMQP_PORT:-5674}
configuration=${NETWORK_CONFIGURATION:-Debug}

stop_servers() {
  NETWORK_AMQP_PORT=$NETWORK_E2E_AMQP_PORT NETWORK_STATE_DIR=$NETWORK_STATE_DIR/e2e \
    "$repo/infra/local/servers.sh" stop rabbitmq >/dev/null 2>&1 || true
  "$repo/infra/local/servers.sh" stop all || true
}

export NETWORK_INSTALL_BROWSER=1  # the browser tests drive Debian's Chromium
"$repo/infra/local/install.sh"
stop_servers
# Every run starts from empty servers (their data may live outside the state folder, see servers.sh).
for sub in "" e2e make-up; do
  NETWORK_STATE_DIR="$NETWORK_STATE_DIR${sub:+/$sub}" "$repo/infra/local/servers.sh" wipe
done
rm -rf "$NETWORK_STATE_DIR"
trap stop_servers EXIT
# PostgreSQL without fsync: the test data is thrown away, and it saves minutes on slow disks.
NETWORK_PG_FSYNC=off "$repo/infra/local/servers.sh" start all

dotnet build "$repo/Network.sln" -c "$configuration" -nologo -v quiet
mkdir -p "$NETWORK_STATE_DIR/results"
set +e
dotnet test "$repo/Network.sln" -c "$configuration" --no-build -nologo \
  --results-directory "$NETWORK_STATE_DIR/results" 2>&1 | tee "$NETWORK_STATE_DIR/results/console.log"
status=${PIPESTATUS[0]}
set -e

# CI shows only the end of what a run printed: repeat each failed test's name and the first lines
# of its message there, so a failure can be understood without the whole log.
awk '/^  Failed [A-Za-z]/ { show = 12; print "FAILED:" substr($0, 9); next }
     show > 0 && /^  (Passed|Failed|Skipped) [A-Za-z]/ { show = 0 }
     show > 0 && !/^[ \t]+at / { print "  " $0; show-- }' "$NETWORK_STATE_DIR/results/console.log" | head -120

# One closing line for the whole run, summed over the test projects.
awk '/(Passed|Failed)!/ {
       for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) }
     }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$NETWORK_STATE_DIR/results/console.log"
exit "$status"
