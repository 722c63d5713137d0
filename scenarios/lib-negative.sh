# Helpers of the project's negative scenarios: the shared lib.sh (beside the project, or
# ISLA_SHARED), plus a check that a command fails and names its cause. Source it.
HERE_NEG=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SHARED_SCENARIOS="${ISLA_SHARED:-$HERE_NEG/../../shared}/scenarios"
source "$SHARED_SCENARIOS/lib.sh"

# expect_fail_matching WHAT REGEX -- COMMAND...: the command must exit non-zero and its
# stderr must match REGEX (the cause, named).
expect_fail_matching() {
  local what="$1" regex="$2"; shift 2; [ "$1" = "--" ] && shift
  local err
  if err=$("$@" 2>&1 >/dev/null); then fail "$what: command succeeded but should have failed: $*"; fi
  [[ "$err" =~ $regex ]] || fail "$what: the error does not name the cause /$regex/: $err"
  echo "ok: $what fails naming the cause: $(echo "$err" | grep -E -m1 "$regex" | cut -c1-400)"
}

# isla: the project's launcher, for the data folder run-all.sh started.
isla() { "$HERE_NEG/../bin/isla" "$@" --data "$ISLA_DATA"; }
