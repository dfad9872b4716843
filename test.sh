#!/usr/bin/env bash
# Runs every test project after an idempotent set-up (scripts/setup.sh). Extra arguments go to `dotnet test`.
# Without arguments, tests marked [Trait("Category","Manual")] are left out (each needs ~20 GiB or tens of minutes;
# run them with ./test.sh --filter Category=Manual). Examples:
#   ./test.sh --filter "FullyQualifiedName~Ckks"
#   ./test.sh --filter "Category!=Slow&Category!=Manual"     # the fast subset
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
bash "$root/scripts/setup.sh"
[ $# -eq 0 ] && set -- --filter "Category!=Manual"
exec dotnet test "$root/HEPrune.sln" -c Release --logger "console;verbosity=minimal" "$@"
