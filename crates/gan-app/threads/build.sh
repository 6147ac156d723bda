#!/usr/bin/env bash
# Builds the threaded CPU trainer (`gan-worker-mt`) into Trunk's staging folder. Trunk runs
# this as a hook (Trunk.toml) beside its own builds; cargo.sh says why it builds apart.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "${HERE}/../../.." && pwd)"
STAGING="${TRUNK_STAGING_DIR:?run by Trunk (a hook in Trunk.toml), which names its staging folder}"
PROFILE="${TRUNK_PROFILE:-release}"
TARGET_DIR="${CARGO_TARGET_DIR:-${ROOT}/target}/threads"

profile_flag=()
[ "${PROFILE}" = release ] && profile_flag=(--release)

# The link arguments (for the binary alone, after `--`) make its memory shared and imported,
# so that every thread instantiates the module on the same memory, and export the symbols with
# which wasm-bindgen gives each thread its own thread-local storage. 2 GiB: the most the
# memory may grow to (a shared memory must declare it).
"${HERE}/cargo.sh" rustc "${profile_flag[@]}" --quiet --bin gan-worker-mt -- \
  -C link-arg=--shared-memory -C link-arg=--import-memory \
  -C link-arg=--max-memory=2147483648 \
  -C link-arg=--export=__wasm_init_tls -C link-arg=--export=__tls_size \
  -C link-arg=--export=__tls_align -C link-arg=--export=__tls_base

OUT="${TARGET_DIR}/bindgen"
rm -rf "${OUT}"
wasm-bindgen --target web --no-typescript --out-dir "${OUT}" \
  "${TARGET_DIR}/wasm32-unknown-unknown/${PROFILE}/gan-worker-mt.wasm"
cp -r "${OUT}/." "${STAGING}/"
# The same loader Trunk writes for the other trainers (`data-loader-shim`).
printf "import init from './gan-worker-mt.js';await init();" > "${STAGING}/gan-worker-mt_loader.js"
