#!/usr/bin/env bash
# Every check Shushang has, from a fresh machine or a warm one:
#   scripts/test.sh
# formatting, clippy (server and wasm builds), unit and integration tests against a
# real PostgreSQL, then the browser tests in headless Chromium against a built site.
# Exits 0 only when everything passes.
source "$(dirname "$0")/lib.sh"

announce_first_build "about 15 minutes"
prune_build_cache
ensure_rust_tools
ensure_postgres
ensure_node
ensure_chromium
command -v psql >/dev/null || apt_install postgresql-client

step "cargo fmt --check"
cargo fmt --all -- --check
cargo fmt --manifest-path xtask/Cargo.toml -- --check

step "clippy: server build and xtask"
cargo clippy --workspace --all-targets -- -D warnings
cargo clippy --manifest-path xtask/Cargo.toml -- -D warnings

step "clippy: browser (wasm) build"
cargo clippy -p app --lib --target wasm32-unknown-unknown --no-default-features --features hydrate -- -D warnings

step "unit and integration tests (PostgreSQL: one fresh database per test)"
# #[sqlx::test] creates its databases on this server and drops them when a test passes.
DATABASE_URL="$DATABASE_URL_BASE/postgres" cargo test --workspace

step "building the site for the browser tests: cargo xtask build"
cargo xtask build

step "browser tests"
E2E_DB="shushang_e2e"
E2E_ADDR="${E2E_ADDR:-127.0.0.1:3100}"
psql "$DATABASE_URL_BASE/postgres" -qc "drop database if exists $E2E_DB with (force)"
export DATABASE_URL="$DATABASE_URL_BASE/$E2E_DB"
BIN="$CARGO_TARGET_DIR/debug/shushang"
"$BIN" migrate
"$BIN" seed-demo
# One operator per browser project, enrolled by the browser tests on their first sign-in.
export E2E_OPERATOR_PASSWORD="e2e operator passphrase $RANDOM$RANDOM"
for project in hydrated no-js; do
  SHUSHANG_ADMIN_PASSWORD="$E2E_OPERATOR_PASSWORD" "$BIN" create-admin \
    --email "operator-$project@e2e.shushang.test" --name "E2E operator" >/dev/null
done
# Console operators for the workspace flow, enrolled with a known authenticator secret.
export E2E_CONSOLE_TOTP="ONUHK43IMFXGOLLEMVWW6LLUN52HAIJB"
for who in console deals; do
  for project in hydrated no-js; do
    SHUSHANG_ADMIN_PASSWORD="$E2E_OPERATOR_PASSWORD" "$BIN" create-admin \
      --email "$who-$project@e2e.shushang.test" --name "E2E $who" >/dev/null
  done
done
psql "$DATABASE_URL" -qc "update app_user set totp_secret = convert_to('shushang-demo-totp!!', 'UTF8')
  where email like 'console-%@e2e.shushang.test' or email like 'deals-%@e2e.shushang.test'"
LOG="$CACHE_DIR/e2e-server.log"
# The server writes its mail here as .eml files; the browser tests follow the links in it.
export MAIL_DIR="$CACHE_DIR/e2e-mail"
rm -rf "$MAIL_DIR"
SHUSHANG_MAIL_DIR="$MAIL_DIR" LEPTOS_SITE_ADDR="$E2E_ADDR" RUST_LOG="${RUST_LOG:-info}" "$BIN" >"$LOG" 2>&1 &
SERVER_PID=$!
trap 'kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true' EXIT

cd "$ROOT/end2end"
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund >/dev/null
if ! BASE_URL="http://$E2E_ADDR" npx playwright test; then
  echo "--- last lines of the server log ($LOG) ---"
  tail -n 40 "$LOG"
  exit 1
fi
finish "all checks passed"
