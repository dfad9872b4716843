#!/usr/bin/env bash
# Runs every test project after an idempotent set-up (scripts/setup.sh). Extra arguments go to `dotnet test`,
# e.g. ./test.sh --filter "FullyQualifiedName~Ckks".
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
bash "$root/scripts/setup.sh"
exec dotnet test "$root/HEPrune.sln" -c Release --logger "console;verbosity=minimal" "$@"
