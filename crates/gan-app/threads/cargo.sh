#!/usr/bin/env bash
# Runs `cargo <command> [args]` for the threaded CPU trainer (`gan-worker-mt`), with what that
# one binary needs and Trunk cannot give a single asset:
#
# - wasm threads: atomics and bulk memory, so that the rayon pool's workers share one memory;
# - a standard library compiled with atomics. The one rustup ships for wasm32-unknown-unknown
#   has none, so cargo rebuilds it from the `rust-src` component (`-Z build-std`). That flag
#   is unstable; `RUSTC_BOOTSTRAP=1` lets the stable toolchain use it, for this build only,
#   which keeps the project on the one stable toolchain that CI and a newcomer have.
#
# Its own target folder (`threads/` in the usual one): other flags would otherwise rebuild the
# shared cache each time. Used by build.sh (Trunk's hook) and by .ci/test (clippy).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../../.." && pwd)"
SYSROOT="$(rustc --print sysroot)"
if [ ! -d "${SYSROOT}/lib/rustlib/src/rust/library" ]; then
  echo "gan-worker-mt: the threaded trainer needs the Rust standard library's source:" >&2
  echo "  rustup component add rust-src   (or run .ci/setup)" >&2
  exit 1
fi
COMMAND="${1:?usage: cargo.sh <cargo command> [args]}"
shift

# +simd128 as in .cargo/config.toml, whose flags RUSTFLAGS replaces.
RUSTC_BOOTSTRAP=1 \
  RUSTFLAGS="-C target-feature=+atomics,+bulk-memory,+mutable-globals,+simd128" \
  exec cargo "${COMMAND}" --locked \
  --manifest-path "${ROOT}/Cargo.toml" --target-dir "${CARGO_TARGET_DIR:-${ROOT}/target}/threads" \
  --target wasm32-unknown-unknown -Z build-std=std,panic_abort \
  --package gan-app --features threads "$@"
