#!/usr/bin/env bash
# Order placement under load, against a running server whose database holds the demo
# accounts (seed-demo): signs in the demo buyer, then places orders for one of the demo
# merchant's priced listings, each request with a fresh idempotency key, with 1 client
# and with 32 clients for 10 s each (wrk). Prints orders per second and p50/p95/p99.
#   scripts/order-load.sh              (BASE=http://host:port to point elsewhere)
# It writes real orders into that database: run it against a demo market only.
source "$(dirname "$0")/lib.sh"

BASE="${BASE:-http://127.0.0.1:3000}"
command -v wrk >/dev/null || { step "Installing wrk"; apt_install wrk; }
curl -fsS -o /dev/null "$BASE/readyz" || fail "nothing answers at $BASE"
[ -n "${DATABASE_URL:-}" ] || fail "set DATABASE_URL to the served database (to pick a listing)"

JAR="$(mktemp)"
LUA="$(mktemp --suffix .lua)"
trap 'rm -f "$JAR" "$LUA"' EXIT
curl -s -c "$JAR" -b "$JAR" -o /dev/null -H 'content-type: application/x-www-form-urlencoded' \
  --data 'email=buyer%40demo.shushang.test&password=shushang-demo-2026' "$BASE/api/sign_in"
COOKIE="$(awk '$6 ~ /session/ {print $6 "=" $7}' "$JAR")"
[ -n "$COOKIE" ] || fail "the demo buyer could not sign in at $BASE"
LISTING="$(psql "$DATABASE_URL" -Atc "select l.listing_id from listing l
  join merchant_member mm using (merchant_id) join app_user u using (app_user_id)
  where u.email = 'merchant@demo.shushang.test' and l.is_public and l.price_fen is not null
  order by l.listing_id limit 1")"
[ -n "$LISTING" ] || fail "the demo merchant has no priced public listing"

cat >"$LUA" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Cookie"] = "$COOKIE"
local counter = 0
local thread_id = 0
setup = function(thread) thread_id = thread_id + 1; thread:set("tid", thread_id) end
request = function()
  counter = counter + 1
  local key = string.format("load%08d%04d%012d", os.time() % 100000000, tid or 0, counter)
  return wrk.format(nil, "/api/orders/place", nil,
    "listing_id=$LISTING&quantity=1&key=" .. key)
end
done = function(summary, latency, requests)
  io.write(string.format("%.1f orders/s, p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, errors %d (status %d)\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.timeout,
    summary.errors.status))
end
LUA

for clients in 1 32; do
  threads=$(( clients < 2 ? 1 : 2 ))
  printf '%2d client(s): ' "$clients"
  wrk -t"$threads" -c"$clients" -d10s -s "$LUA" "$BASE" | tail -n 1
done
