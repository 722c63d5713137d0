#!/usr/bin/env bash
# Runs the project's negative scenarios (neg-*.sh: misconfigurations that must fail and name
# their cause) against a fresh local cloud, with the shared runner.
#   scenarios/run-negative.sh [SCENARIO...]      ISLA_SHARED=DIR: where shared/ is
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
SHARED="${ISLA_SHARED:-$HERE/../../shared}"
SCENARIOS=("$@"); [ ${#SCENARIOS[@]} -gt 0 ] || SCENARIOS=("$HERE"/neg-*.sh)
exec bash "$SHARED/scenarios/run-all.sh" "$HERE/.." "${SCENARIOS[@]}"
