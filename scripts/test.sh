#!/usr/bin/env bash
# The project's test command (the README's second command, and what CI runs).
#
# Always: builds the solution and runs the unit, conformance and simulator tests.
# Where the machine can (Debian 12 as root, as in CI): installs the real Docker clients the tests drive
# (docker-py, curl), brings up the local OpenStack (scripts/openstack-dev/up.sh; in CI also its smoke test,
# scripts/openstack-dev/check.sh) and runs the real-cloud and end-to-end suites too. Elsewhere those suites are skipped and this script says which and why.
# In CI (CI=true) nothing may be skipped: a missing client or cloud fails the run instead.
#
# Ends with one line: "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
results="$root/artifacts/test-results"
rm -rf "$results" && mkdir -p "$results"
log() { printf '[test.sh %s] %s\n' "$(date +%H:%M:%S)" "$*"; }
started=$(date +%s)
skipped_reasons=()

if [ "${CI:-}" = "true" ]; then
  export SWARM_REQUIRE_CLIENTS=1 SWARM_REQUIRE_OPENSTACK=1
fi

# 1. Real clients (docker-py from Debian; the docker CLI ships with these machines at /usr/local/bin).
if [ "${SWARM_SKIP_CLIENT_INSTALL:-}" != "1" ]; then
  if ! bash scripts/install-test-deps.sh; then
    skipped_reasons+=("client packages could not be installed (see above): client tests are skipped unless present")
  fi
fi

# 2. A real local OpenStack, where this machine can host one. Short-lived Keystone tokens, so the end-to-end
#    suite can show swarmd surviving a token's expiry within a few minutes.
export OSDEV_TOKEN_EXPIRATION="${OSDEV_TOKEN_EXPIRATION:-180}"
openstack_started=0
cloud_check_failed=0
if [ "${SWARM_SKIP_OPENSTACK:-}" = "1" ]; then
  skipped_reasons+=("SWARM_SKIP_OPENSTACK=1: the real-OpenStack and end-to-end suites are skipped")
elif reason=$(bash scripts/openstack-dev/up.sh --check-only 2>&1); then
  log "bringing up the local OpenStack (scripts/openstack-dev/up.sh)"
  t0=$(date +%s)
  if bash scripts/openstack-dev/up.sh > "$results/openstack-up.log" 2>&1; then
    openstack_started=1
    log "local OpenStack is up ($(( $(date +%s) - t0 )) s); log: artifacts/test-results/openstack-up.log"
    export SWARM_OPENSTACK_RC="${OSDEV_STATE:-$root/.state/openstack}/openrc"
    # In CI, prove the cloud itself first: a bound port, floating IPs with a port forwarding reached over TCP,
    # a volume attached and detached, networks "auto" (scripts/openstack-dev/check.sh, openstack CLI).
    if [ "${CI:-}" = "true" ] || [ "${SWARM_CLOUD_CHECK:-}" = "1" ]; then
      t0=$(date +%s)
      if OSDEV_CHECK_BULK="${OSDEV_CHECK_BULK:-5}" bash scripts/openstack-dev/check.sh > "$results/openstack-check.log" 2>&1; then
        log "local OpenStack check passed ($(( $(date +%s) - t0 )) s); log: artifacts/test-results/openstack-check.log"
      else
        cloud_check_failed=1
        log "local OpenStack check FAILED ($(( $(date +%s) - t0 )) s); the last lines of its log:"
        tail -n 30 "$results/openstack-check.log"
      fi
    fi
  else
    log "local OpenStack failed to come up; the last lines of its log:"
    tail -n 40 "$results/openstack-up.log"
    skipped_reasons+=("the local OpenStack did not come up (artifacts/test-results/openstack-up.log)")
  fi
else
  skipped_reasons+=("this machine cannot host the local OpenStack: $reason")
fi

# 3. The tests.
log "dotnet test"
t0=$(date +%s)
dotnet test Swarm.sln --nologo \
  --logger "trx" --results-directory "$results" \
  --logger "console;verbosity=normal" \
  --blame-hang-timeout 15m 2>&1 | tee "$results/dotnet-test.log" | grep -E --line-buffered '^\s*(Failed|Skipped) |Error Message|error |Passed!|Failed!|^\s+(Expected|But was)'
test_status=${PIPESTATUS[0]}
log "dotnet test took $(( $(date +%s) - t0 )) s (exit $test_status)"

if [ "${CI:-}" = "true" ] && [ "$openstack_started" = "1" ]; then
  bash scripts/openstack-dev/down.sh > "$results/openstack-down.log" 2>&1 || log "down.sh failed (see artifacts/test-results/openstack-down.log)"
fi

for r in "${skipped_reasons[@]}"; do log "SKIPPED: $r"; done
log "total $(( $(date +%s) - started )) s"

# The closing line, from the TRX counters of every test project (CI reads this line, not NUnit's summary).
trxs=$(ls "$results"/*.trx 2>/dev/null)
if [ -n "$trxs" ]; then
  passed=0; failed=0; total=0; executed=0; notrun=0
  for trx in $trxs; do
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
    get() { v=$(echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"); echo "${v:-0}"; }
    passed=$(( passed + $(get passed) ))
    failed=$(( failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted) ))
    total=$(( total + $(get total) )); executed=$(( executed + $(get executed) ))
    notrun=$(( notrun + $(get notExecuted) ))
  done
  skipped=$(( total - executed + notrun ))
  [ "$skipped" -lt 0 ] && skipped=0
else
  passed=0; failed=1; skipped=0
  log "no test results were written: the build or the test host failed (artifacts/test-results/dotnet-test.log)"
fi
if [ "$test_status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
if [ "$cloud_check_failed" = "1" ]; then
  log "FAILED: scripts/openstack-dev/check.sh (artifacts/test-results/openstack-check.log), counted as one failure"
  failed=$(( failed + 1 ))
fi
echo "${passed:-0} passed, ${failed} failed, ${skipped} skipped"
[ "$failed" -eq 0 ]
