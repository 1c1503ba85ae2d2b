#!/usr/bin/env bash
# The operator console under load, against a running server whose database holds the
# demo accounts (seed-demo; for the 100,000-merchant figures:
#   shushang seed-demo --merchants 100000 --listings 300000):
# signs in the demo operator with password and TOTP code, then per console page one
# request with curl and 32 clients for 10 s with wrk.
#   scripts/console-load.sh              (BASE=http://host:port to point elsewhere)
source "$(dirname "$0")/lib.sh"

BASE="${BASE:-http://127.0.0.1:3000}"
command -v wrk >/dev/null || { step "Installing wrk"; apt_install wrk; }
curl -fsS -o /dev/null "$BASE/readyz" || fail "nothing answers at $BASE"

JAR="$(mktemp)"
trap 'rm -f "$JAR"' EXIT
form() { curl -s -c "$JAR" -b "$JAR" -o /dev/null -H 'content-type: application/x-www-form-urlencoded' --data "$2" "$BASE$1"; }
form /api/sign_in 'email=operator%40demo.shushang.test&password=shushang-demo-2026'
# The demo operator's authenticator: RFC 6238 over the published demo secret.
CODE="$(python3 -c '
import base64, hmac, hashlib, struct, time
key = base64.b32decode("ONUHK43IMFXGOLLEMVWW6LLUN52HAIJB")
h = hmac.new(key, struct.pack(">Q", int(time.time()) // 30), hashlib.sha1).digest()
o = h[-1] & 15
print("%06d" % ((struct.unpack(">I", h[o:o + 4])[0] & 0x7fffffff) % 1000000))')"
form /api/confirm_second_factor "code=$CODE"
COOKIE="$(awk '$6 ~ /session/ {print $6 "=" $7}' "$JAR")"
[ -n "$COOKIE" ] || fail "the demo operator could not sign in at $BASE"

for path in "/admin/merchants" "/admin/merchants?status=suspended" \
  "/admin/merchants?tier=leading&region=ningbo" "/admin/merchants?q=%E6%95%B0%E6%8D%AE&field=security" \
  "/admin/merchants?q=annotation" "/admin/audit" "/admin"; do
  printf '%-55s' "$path"
  curl -s -o /dev/null -w "one request %{http_code} %{time_total}s  " -H "Cookie: $COOKIE" "$BASE$path"
  wrk -t2 -c32 -d10s --latency -H "Cookie: $COOKIE" "$BASE$path" |
    awk '/Requests\/sec/ {rps = $2} /50%/ {p50 = $2} /99%/ {p99 = $2}
         END {printf "32 clients: %s req/s, p50 %s, p99 %s\n", rps, p50, p99}'
done
