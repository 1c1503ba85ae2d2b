#!/usr/bin/env bash
# Lighthouse (mobile preset) on the release build serving the demo market:
#   scripts/lighthouse.sh            (not part of the test command; a few minutes)
# Prints performance, accessibility, best practices and SEO per page and keeps the
# HTML and JSON reports in $SHUSHANG_CACHE_DIR/lighthouse (default ~/.cache/shushang).
# Budgets: performance >= 95, accessibility 100, best practices >= 95, SEO 100.
source "$(dirname "$0")/lib.sh"

LIGHTHOUSE_VERSION="12.8.2"
ensure_rust_tools
ensure_wasm_opt
ensure_postgres
ensure_chromium
command -v psql >/dev/null || apt_install postgresql-client
if [ ! -x "$CACHE_DIR/tools/node_modules/.bin/lighthouse" ]; then
  step "Installing lighthouse $LIGHTHOUSE_VERSION from npm"
  # Both in one call: npm --no-save drops what the same call does not name.
  npm install --prefix "$CACHE_DIR/tools" --no-save --no-audit --no-fund \
    "lighthouse@$LIGHTHOUSE_VERSION" "binaryen@$BINARYEN_VERSION" >/dev/null
fi

step "Building (release)"
cargo xtask build --release
BIN="$CARGO_TARGET_DIR/release/shushang"

step "Serving the demo market on a fresh database"
DB="shushang_lighthouse"
ADDR="127.0.0.1:3200"
psql "$DATABASE_URL_BASE/postgres" -qc "drop database if exists $DB with (force)"
export DATABASE_URL="$DATABASE_URL_BASE/$DB"
"$BIN" migrate
"$BIN" seed-demo >/dev/null
LEPTOS_SITE_ADDR="$ADDR" RUST_LOG=warn "$BIN" &
SERVER_PID=$!
trap 'kill "$SERVER_PID" 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -fs "http://$ADDR/healthz" >/dev/null && break; sleep 0.2; done

listing="$(psql "$DATABASE_URL" -Atqc "select slug from listing where is_public order by listing_id limit 1")"
OUT="$CACHE_DIR/lighthouse"
mkdir -p "$OUT"
step "Lighthouse, mobile preset (reports in $OUT)"
printf '%-34s %5s %5s %5s %5s\n' page perf a11y bp seo
for path in "/" "/catalog?q=%E6%A0%87%E6%B3%A8" "/catalog/$listing" "/merchants?tier=growing" "/login"; do
  name="$(printf '%s' "$path" | tr -c 'a-zA-Z0-9\n' '_' | cut -c1-40)"
  CHROME_PATH=/usr/bin/chromium lighthouse "http://$ADDR$path" --quiet \
    --chrome-flags="--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync" \
    --only-categories=performance,accessibility,best-practices,seo \
    --output=json --output=html --output-path="$OUT/$name" >/dev/null 2>&1 \
    || fail "lighthouse failed on $path"
  node -e '
    const r = require(process.argv[1]);
    const s = (k) => Math.round(r.categories[k].score * 100);
    console.log(`${process.argv[2].padEnd(34)} ${String(s("performance")).padStart(5)} ${String(s("accessibility")).padStart(5)} ${String(s("best-practices")).padStart(5)} ${String(s("seo")).padStart(5)}`);
  ' "$OUT/$name.report.json" "$path"
done
finish "Lighthouse done"
