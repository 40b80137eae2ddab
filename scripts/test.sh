#!/usr/bin/env bash
# The project's test command (the README's second command, and what CI runs).
#
# Always: builds the solution and runs the unit, conformance and simulator tests; publishes the Native AOT swarmd
# and packs every NuGet package (scripts/pack.sh), then installs the tool and builds a consumer from that feed;
# runs the seed examples, the docker CLI lifecycle and the service tests a second time against the AOT binary.
# Where the machine can (Debian 12 as root, as in CI): installs the real Docker clients the tests drive
# (docker-py, curl), brings up the local OpenStack (scripts/openstack-dev/up.sh; in CI also its smoke test,
# scripts/openstack-dev/check.sh) and runs the real-cloud and end-to-end suites too. Elsewhere those suites are skipped and this script says which and why.
# In CI (CI=true) nothing may be skipped: a missing client or cloud fails the run instead.
#
# Ends with one line: "N passed, N failed, N skipped" (both passes counted).
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

# 2. The shipped forms: the Native AOT swarmd by the documented command (docs/install.md), and every NuGet
#    package in a folder feed (scripts/pack.sh). A failure here fails the run: the tests that use them fail.
#    In the background while the cloud comes up (step 3): neither needs the other, and the bring-up mostly waits
#    (on apt, on services starting, on Nova building check.sh's servers) while the AOT compile mostly computes.
filter='^\s*(Failed|Skipped) |Error Message|error |Passed!|Failed!|^\s+(Expected|But was)'
aot="$root/artifacts/swarmd"
export SWARM_PACKAGES="$root/artifacts/packages"
rm -rf "$aot" "$SWARM_PACKAGES"
mkdir -p "$SWARM_PACKAGES"
ship() {
  local t0 t1 status=0
  # Packing first: its Native AOT tool package compiles swarmd once, and the publish after it reuses that native
  # build (publishing first and packing the libraries after it would compile swarmd twice, ~2 minutes more).
  t0=$(date +%s)
  if ! bash scripts/pack.sh "$SWARM_PACKAGES" > "$results/pack.log" 2>&1; then
    status=1
    log "packing failed; the last lines of artifacts/test-results/pack.log:"
    tail -n 30 "$results/pack.log"
  fi
  log "pack took $(( $(date +%s) - t0 )) s"
  t1=$(date +%s)
  if ! dotnet publish src/Swarmd -o "$aot" --nologo > "$results/publish.log" 2>&1; then
    status=1
    log "the Native AOT publish failed; the last lines of artifacts/test-results/publish.log:"
    tail -n 30 "$results/publish.log"
  fi
  log "publish took $(( $(date +%s) - t1 )) s (exit $status)"
  echo "$status" > "$results/ship.status"
}
log "scripts/pack.sh and dotnet publish src/Swarmd (Native AOT), in the background"
ship > "$results/ship.out" 2>&1 &
ship_pid=$!

# 3. A real local OpenStack, where this machine can host one. Short-lived Keystone tokens, so the end-to-end
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

wait "$ship_pid"
cat "$results/ship.out"
ship_status=$(cat "$results/ship.status" 2>/dev/null || echo 1)

# 4. The tests, twice. First the end-to-end subset and the service tests against the Native AOT binary (before
#    the full run, whose fault tests stop and restart parts of the cloud), then everything on the JIT build.
test_status=0
if [ -x "$aot/swarmd" ]; then
  log "dotnet test against the Native AOT swarmd (seed examples, docker CLI lifecycle, service behaviour)"
  t0=$(date +%s)
  SWARMD_BINARY="$aot/swarmd" dotnet test tests/Swarm.Tests/Swarm.Tests.csproj --nologo \
    --filter "FullyQualifiedName~SeedExamplesEndToEndTests|FullyQualifiedName~DockerCliEndToEndTests|FullyQualifiedName~SwarmdServiceTests" \
    --logger "trx;LogFileName=aot.trx" --results-directory "$results" \
    --logger "console;verbosity=normal" \
    --blame-hang-timeout 15m 2>&1 | tee "$results/dotnet-test-aot.log" | grep -E --line-buffered "$filter"
  test_status=${PIPESTATUS[0]}
  log "dotnet test (Native AOT) took $(( $(date +%s) - t0 )) s (exit $test_status)"
fi

log "dotnet test"
t0=$(date +%s)
dotnet test Swarm.sln --nologo \
  --logger "trx" --results-directory "$results" \
  --logger "console;verbosity=normal" \
  --blame-hang-timeout 15m 2>&1 | tee "$results/dotnet-test.log" | grep -E --line-buffered "$filter"
jit_status=${PIPESTATUS[0]}
log "dotnet test took $(( $(date +%s) - t0 )) s (exit $jit_status)"
[ "$jit_status" -ne 0 ] && test_status=$jit_status

if [ "${CI:-}" = "true" ] && [ "$openstack_started" = "1" ]; then
  bash scripts/openstack-dev/down.sh > "$results/openstack-down.log" 2>&1 || log "down.sh failed (see artifacts/test-results/openstack-down.log)"
fi

for r in "${skipped_reasons[@]}"; do log "SKIPPED: $r"; done
log "total $(( $(date +%s) - started )) s"

# The closing line, summed over the TRX files of both passes (CI reads this line, not NUnit's summary).
passed=0; failed=0; skipped=0
trxs=("$results"/*.trx)
if [ -e "${trxs[0]}" ]; then
  for trx in "${trxs[@]}"; do
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
    get() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
    total=$(get total); executed=$(get executed)
    p=$(get passed); f=$(get failed); e=$(get error); t=$(get timeout); a=$(get aborted); n=$(get notExecuted)
    passed=$(( passed + ${p:-0} ))
    failed=$(( failed + ${f:-0} + ${e:-0} + ${t:-0} + ${a:-0} ))
    s=$(( ${total:-0} - ${executed:-0} + ${n:-0} ))
    [ "$s" -gt 0 ] && skipped=$(( skipped + s ))
  done
else
  failed=1
  log "no test results were written: the build or the test host failed (artifacts/test-results/dotnet-test.log)"
fi
if [ "$test_status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
if [ "$cloud_check_failed" = "1" ]; then
  log "FAILED: scripts/openstack-dev/check.sh (artifacts/test-results/openstack-check.log), counted as one failure"
  failed=$(( failed + 1 ))
fi
# A failed publish or pack is one failure of its own, whatever the tests made of it.
failed=$(( failed + ship_status ))
echo "${passed:-0} passed, ${failed} failed, ${skipped} skipped"
[ "$failed" -eq 0 ]
