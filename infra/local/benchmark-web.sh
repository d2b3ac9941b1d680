#!/usr/bin/env bash
# The web front end's benchmark (issue 7: "a page that lists 20 items answers in well under 200 ms
# of server time with the demo data loaded"), run by hand, never by `make test`. Asks the running
# platform (`make up`, which loads the demo network) for its public pages through the gateway and
# prints p50, p95 and max of the time to the first byte of each, as a person's browser would wait
# for it (gateway, web front end and the API calls the page makes, all on this machine).
#
#   benchmark-web.sh [RUNS]        (default 100 per page, after 5 warm-up requests)
#
# Settings (environment): NETWORK_GATEWAY_PORT (default 8080, as `make up`). The gateway's rate
# limit counts these requests like any client's: start the platform for it with
#   NETWORK_GATEWAY_RATE_LIMIT_PER_MINUTE=100000 make up
set -euo pipefail

runs=${1:-100}
base="http://127.0.0.1:${NETWORK_GATEWAY_PORT:-8080}"

if ! curl -fsS -o /dev/null "$base/health/live"; then
  echo "Nothing answers at $base: start the platform with 'make up' first." >&2
  exit 1
fi

# One organisation's page: the first the directory lists.
organisation=$(curl -fsS "$base/api/directory/organisations?limit=1" | grep -o '"id":"[^"]*"' | head -1 | cut -d'"' -f4 || true)

pages=("/" "/organisationen" "/organisationen?ort=berlin" "/organisationen?suche=Beratung" "/veranstaltungen" "/veranstaltungen/kalender")
if [[ -n "$organisation" ]]; then
  pages+=("/organisationen/$organisation")
fi

percentile() { # sorted numbers on stdin, the percentile as $1
  awk -v p="$1" '{ v[NR] = $1 } END { if (NR == 0) { print "-"; exit } i = int((NR - 1) * p / 100) + 1; printf "%.1f", v[i] }'
}

echo "Web front end at $base: $runs requests per page after 5 warm-up requests; load average $(cut -d' ' -f1-3 /proc/loadavg)."
printf '%-40s %8s %8s %8s %7s\n' page "p50 ms" "p95 ms" "max ms" status
slowest=0
for page in "${pages[@]}"; do
  for _ in 1 2 3 4 5; do curl -s -o /dev/null "$base$page"; done
  times=$(mktemp)
  status=""
  for ((i = 0; i < runs; i++)); do
    line=$(curl -s -o /dev/null -w '%{http_code} %{time_starttransfer}' "$base$page")
    status=${line%% *}
    if [[ "$status" != 200 ]]; then
      echo "$page answered $status; a 429 means the rate limit (see the top of this script)." >&2
      exit 1
    fi
    awk -v t="${line#* }" 'BEGIN { printf "%.3f\n", t * 1000 }' >>"$times"
  done
  sorted=$(sort -n "$times")
  rm -f "$times"
  p50=$(percentile 50 <<<"$sorted")
  p95=$(percentile 95 <<<"$sorted")
  max=$(tail -1 <<<"$sorted")
  printf '%-40s %8s %8s %8s %7s\n' "$page" "$p50" "$p95" "$max" "$status"
  slowest=$(awk -v a="$slowest" -v b="$p95" 'BEGIN { print (b + 0 > a + 0) ? b : a }')
done
echo "Slowest p95: $slowest ms (aim: well under 200 ms); load average $(cut -d' ' -f1-3 /proc/loadavg)."
