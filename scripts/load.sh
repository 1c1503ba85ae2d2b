#!/usr/bin/env bash
# Load as visitors feel it, against a running server (default: the one scripts/run.sh
# serves): 32 clients on the home page and on a catalog search, then 64 clients
# searching the catalog broadly while /login and /readyz are probed one request at a time.
#   scripts/load.sh                      (BASE=http://host:port to point elsewhere)
source "$(dirname "$0")/lib.sh"

BASE="${BASE:-http://127.0.0.1:3000}"
command -v wrk >/dev/null || { step "Installing wrk"; apt_install wrk; }
curl -fsS -o /dev/null "$BASE/readyz" || fail "nothing answers at $BASE (start scripts/run.sh first)"

# 20 requests, half a second apart; prints the status codes and the median and worst time.
probe() {
  for _ in $(seq 20); do
    curl -s -o /dev/null -w "%{http_code} %{time_total}\n" "$BASE$1"
    sleep 0.5
  done | sort -k2 -n | awk -v path="$1" '
    { codes[$1]++; t[NR] = $2 }
    END {
      printf "%-8s", path; for (c in codes) printf " %s×%d", c, codes[c]
      printf ", median %.3f s, worst %.3f s\n", t[int(NR / 2) + 1], t[NR]
    }'
}

for path in "/" "/catalog?q=%E6%A0%87%E6%B3%A8"; do
  step "32 clients for 15 s on $path (brotli)"
  wrk -t2 -c32 -d15s -H 'Accept-Encoding: br' "$BASE$path" | grep -E "Latency|Requests/sec"
done

step "64 clients searching the catalog for 数据 for 25 s, while sign-in and readiness are probed"
wrk -t2 -c64 -d25s -H 'Accept-Encoding: br' "$BASE/catalog?q=%E6%95%B0%E6%8D%AE" >"$CACHE_DIR/load-catalog.txt" &
sleep 3
probe /login
probe /readyz
wait
grep -E "Latency|Requests/sec|Non-2xx" "$CACHE_DIR/load-catalog.txt"
finish "load run done"
