#!/usr/bin/env bash
# Starts the server for the browser tests (the release binary, or E2E_SERVER_BIN) on a
# fresh database: a new SQLite file each run (or E2E_DATABASE_URL, e.g. a fresh PostgreSQL
# database), migrated and seeded with the demo catalog. Playwright's webServer runs this
# and waits for /healthz.
set -euo pipefail
source "$(dirname "$0")/../scripts/lib.sh"
site_env
work="$(mktemp -d -t khidmat-e2e-XXXXXX)"
export DATABASE_URL="${E2E_DATABASE_URL:-sqlite://$work/khidmat.db}"
export MEDIA_DIR="$work/media"
export ORDER_FILES_DIR="$work/order-files"
export RUST_LOG="${RUST_LOG:-warn,khidmat=info}"
bin="${E2E_SERVER_BIN:-$ROOT/target/release/khidmat}"
[[ -x "$bin" ]] || die "build first: cargo leptos build --release --precompress --split"
"$bin" migrate
"$bin" seed demo
exec "$bin" serve
