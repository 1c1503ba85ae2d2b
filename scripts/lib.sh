# Shared set-up for scripts/run.sh and scripts/test.sh: sourced, not run.
# Installs what is missing (and only that), finds or starts PostgreSQL, and keeps
# build output in a cache outside the clone so a fresh checkout builds incrementally.

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

BINARYEN_VERSION="132.0.0"
CACHE_DIR="${SHUSHANG_CACHE_DIR:-$HOME/.cache/shushang}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$CACHE_DIR/target}"
export PATH="$HOME/.cargo/bin:$CACHE_DIR/tools/node_modules/.bin:$PATH"

# Each step is announced, and when the next one starts (or the script ends) the time
# the previous one took is printed.
STEP_NAME=""
STEP_START=0
SCRIPT_START=$SECONDS
step_done() {
  [ -n "$STEP_NAME" ] && printf '\033[2m    %s: %ss\033[0m\n' "$STEP_NAME" "$((SECONDS - STEP_START))"
  STEP_NAME=""
}
step() {
  step_done
  STEP_NAME="$*"
  STEP_START=$SECONDS
  printf '\n\033[1;34m==> %s\033[0m\n' "$*"
}
finish() {
  step_done
  printf '\n\033[1;32m%s\033[0m (%ss in all)\n' "$1" "$((SECONDS - SCRIPT_START))"
}

# Says up front how long a first build takes, when the build cache is empty.
announce_first_build() {
  if [ ! -d "$CARGO_TARGET_DIR/debug" ] && [ ! -d "$CARGO_TARGET_DIR/release" ]; then
    printf '\033[1mFirst build on this machine: %s on 2 cores. Later runs reuse %s.\033[0m\n' \
      "$1" "$CARGO_TARGET_DIR"
  fi
}
# A clone at a new path (CI clones into a new folder each time) compiles the workspace's
# own crates and test binaries again under new names, about 5 GB of debug output per
# path, and cargo never removes the old ones. Past SHUSHANG_CACHE_LIMIT_GB (default 30)
# of debug output they are removed, every path's (third-party crates stay): this build
# compiles its own again, a few minutes.
prune_build_cache() {
  local debug="$CARGO_TARGET_DIR/debug" limit_gb="${SHUSHANG_CACHE_LIMIT_GB:-30}" used_kb
  [ -d "$debug" ] || return 0
  used_kb="$(du -sk "$debug" 2>/dev/null | cut -f1 || true)"
  [ "${used_kb:-0}" -gt $((limit_gb * 1024 * 1024)) ] || return 0
  step "Pruning the build cache: $((used_kb / 1024 / 1024)) GB of debug output, more than $limit_gb GB"
  local crate
  for crate in app server shushang xtask bench_catalog bench_ceiling $(basename -s .rs "$ROOT"/server/tests/*.rs); do
    rm -rf "$debug/deps/$crate"-* "$debug/deps/lib$crate"-* "$debug/.fingerprint/$crate"-* \
      "$debug/build/$crate"-* "$debug/incremental/$crate"-*
  done
  printf '    %s GB of debug output left\n' "$(( $(du -sk "$debug" 2>/dev/null | cut -f1 || echo 0) / 1024 / 1024 ))"
}
fail() { printf '\n\033[1;31merror:\033[0m %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else fail "need root (or sudo) to run: $*"
  fi
}

is_debian() { [ -r /etc/debian_version ] && command -v apt-get >/dev/null; }

APT_UPDATED=""
apt_install() {
  is_debian || fail "please install $* with your system's package manager (automatic install needs Debian or Ubuntu)"
  if [ -z "$APT_UPDATED" ]; then as_root apt-get update -qq; APT_UPDATED=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# The Rust toolchain pieces. The site is built by `cargo xtask build` (xtask/), which
# links wasm-bindgen as a library: no cargo-leptos or wasm-bindgen CLI to install.
ensure_rust_tools() {
  command -v cargo >/dev/null || fail "Rust is not installed: see https://rustup.rs, then run this again"
  if ! rustup target list --installed 2>/dev/null | grep -q '^wasm32-unknown-unknown$'; then
    step "Adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
  for component in rustfmt clippy; do
    rustup component list --installed 2>/dev/null | grep -q "^$component" || rustup component add "$component"
  done
}

# Node (for wasm-opt and the browser tests).
ensure_node() {
  command -v npm >/dev/null || { step "Installing Node.js and npm"; apt_install nodejs npm; }
}

# wasm-opt from npm's binaryen: Debian's (version 108) silently breaks hydration.
ensure_wasm_opt() {
  ensure_node
  if ! wasm-opt --version 2>/dev/null | grep -q "version ${BINARYEN_VERSION%%.*}"; then
    step "Installing wasm-opt (binaryen $BINARYEN_VERSION from npm)"
    mkdir -p "$CACHE_DIR/tools"
    npm install --prefix "$CACHE_DIR/tools" --no-save --no-audit --no-fund "binaryen@$BINARYEN_VERSION" >/dev/null
  fi
}

pg_answers() { pg_isready -q -h "$1" -p "${2:-5432}" 2>/dev/null; }

# Sets DATABASE_URL_BASE to a server URL without a database name. Uses DATABASE_URL's
# server when set; otherwise a local PostgreSQL, started or installed when needed.
ensure_postgres() {
  if [ -n "${DATABASE_URL:-}" ]; then
    DATABASE_URL_BASE="${DATABASE_URL%/*}"
    return
  fi
  command -v pg_isready >/dev/null || apt_install postgresql-client
  if pg_answers 127.0.0.1 && psql -h 127.0.0.1 -U postgres -d postgres -Atqc 'select 1' >/dev/null 2>&1; then
    DATABASE_URL_BASE="postgres://postgres@127.0.0.1:5432"
    return
  fi
  if ! pg_answers 127.0.0.1 && ! pg_answers /var/run/postgresql; then
    if ! ls /etc/postgresql/*/main >/dev/null 2>&1; then
      step "Installing PostgreSQL"
      apt_install postgresql
    fi
    step "Starting PostgreSQL"
    local version
    version="$(ls /etc/postgresql | sort -V | tail -n1)"
    as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start 2>/dev/null \
      || as_root pg_ctlcluster "$version" main start
    for _ in $(seq 30); do pg_answers /var/run/postgresql && break; sleep 1; done
    pg_answers /var/run/postgresql || fail "PostgreSQL did not start; see /var/log/postgresql/"
  fi
  # A stock Debian cluster wants passwords over TCP; its socket trusts the OS user
  # (peer). Give this OS user a database role and connect through the socket.
  local me
  me="$(id -un)"
  if ! psql -h /var/run/postgresql -d postgres -Atqc 'select 1' >/dev/null 2>&1; then
    step "Creating a PostgreSQL role for $me"
    as_root su postgres -c "createuser --superuser '$me'" 2>/dev/null || true
  fi
  psql -h /var/run/postgresql -d postgres -Atqc 'select 1' >/dev/null 2>&1 \
    || fail "cannot connect to PostgreSQL; set DATABASE_URL to a server you can use"
  DATABASE_URL_BASE="postgres://$me@%2Fvar%2Frun%2Fpostgresql"
}

# Debian's Chromium, for the browser tests.
ensure_chromium() {
  if [ ! -x /usr/bin/chromium ]; then
    step "Installing Chromium"
    apt_install chromium
  fi
}
