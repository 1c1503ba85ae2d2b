#!/usr/bin/env bash
# Builds Shushang in release mode and serves it with the demo market:
#   scripts/run.sh            (then open http://127.0.0.1:3000)
# Set-up is automatic and repeatable: tools and PostgreSQL are installed only when
# missing, the database is migrated, and demo data is loaded only into an empty one.
source "$(dirname "$0")/lib.sh"

announce_first_build "about 17 minutes"
ensure_rust_tools
ensure_wasm_opt
ensure_postgres
export DATABASE_URL="${DATABASE_URL:-$DATABASE_URL_BASE/shushang}"
export LEPTOS_SITE_ADDR="${LEPTOS_SITE_ADDR:-127.0.0.1:3000}"
# Without an SMTP server, mail (verification and password reset links) is written here.
export SHUSHANG_MAIL_DIR="${SHUSHANG_MAIL_DIR:-$CACHE_DIR/mail}"

step "Building (release): cargo xtask build --release"
cargo xtask build --release

BIN="$CARGO_TARGET_DIR/release/shushang"
step "Migrating the database"
"$BIN" migrate
step "Loading the demo market (only into an empty database)"
"$BIN" seed-demo
finish "Ready"

cat <<MSG

  Shushang is starting on http://$LEPTOS_SITE_ADDR  (Ctrl-C stops it)

  Demo accounts (password for all: shushang-demo-2026)
    operator   operator@demo.shushang.test
    buyer      buyer@demo.shushang.test
    merchant   merchant@demo.shushang.test

  The operator also types a code from an authenticator app (any TOTP app):
  add the secret ONUHK43IMFXGOLLEMVWW6LLUN52HAIJB to it.

  Mail the site sends (verification and password reset links) is written as
  .eml files to $SHUSHANG_MAIL_DIR
  (set SHUSHANG_SMTP_URL to send it through an SMTP server instead).

MSG
exec "$BIN"
