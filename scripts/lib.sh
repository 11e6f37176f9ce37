# Shared by the scripts: paths, pinned versions, and the environment the server runs in.
# Sourced, not run.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"

CARGO_LEPTOS_VERSION="0.3.9"
BINARYEN_VERSION="132.0.0"
# wasm-bindgen-cli must match the crate pinned with "=" in the workspace Cargo.toml.
WASM_BINDGEN_VERSION="$(sed -n 's/^wasm-bindgen = "=\(.*\)"$/\1/p' "$ROOT/Cargo.toml")"

export PATH="$HOME/.cargo/bin:$TOOLS/node_modules/.bin:$PATH"

log() { printf '\033[1;32m==>\033[0m %s\n' "$*"; }
die() { printf '\033[1;31merror:\033[0m %s\n' "$*" >&2; exit 1; }

# What the khidmat binary needs to find the built site (cargo-leptos sets these when it
# runs the server itself; the scripts run the binary directly).
site_env() {
  export LEPTOS_OUTPUT_NAME="khidmat"
  export LEPTOS_SITE_ROOT="$ROOT/target/site"
  export LEPTOS_SITE_PKG_DIR="pkg"
  export LEPTOS_SITE_ADDR="${LEPTOS_SITE_ADDR:-127.0.0.1:3000}"
  export LEPTOS_RELOAD_PORT="${LEPTOS_RELOAD_PORT:-3001}"
  # A release build names its bundles by their hashes (hash-files in Cargo.toml) and
  # lists them in hash.txt beside the binary; the server reads it when this is set.
  if [[ -f "$ROOT/target/release/hash.txt" ]]; then
    export LEPTOS_HASH_FILES=true
  fi
}
