#!/usr/bin/env bash
# Where dockerserver's CPU goes under wrk: perf record (call graphs) of swarmd on the simulator while wrk loads
# GET /containers/json (100 running) and GET /containers/{id}/json, then the hottest symbols of each.
#   scripts/bench/profile.sh      env: CONTAINERS=100 DURATION=8 SWARMD_DLL_OVERRIDE=path/to/swarmd.dll TOP=40
# Needs perf (linux-perf) working for this user: `perf stat -e instructions true`. The JIT writes
# /tmp/perf-PID.map (DOTNET_PerfMapEnabled=1; W^X off, or perf sees one anonymous "doublemapper" mapping) so perf
# can name managed frames. Reports land in $OUT/profile-*.txt.
source "$(dirname "$0")/lib.sh"

CONTAINERS="${CONTAINERS:-100}"
DURATION="${DURATION:-8}"
TOP="${TOP:-40}"
need wrk wrk
need perf linux-perf
build_release
DLL="${SWARMD_DLL_OVERRIDE:-$SWARMD_DLL}"

PORT=$(free_port)
URL="http://127.0.0.1:$PORT"
start swarmd env DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 dotnet "$DLL" "dockerserver tcp://127.0.0.1:$PORT" simulator
PID=$LAST_PID
wait_http "$URL/_ping"
log "creating and starting $CONTAINERS containers"
id=$(fill_simulator "$URL" "$CONTAINERS")

# report DATA --children|--no-children PERCENT: perf's table by symbol, managed names shortened, unresolved frames left out.
report() {
  perf report -i "$1" "$2" --sort symbol --stdio -g none --percent-limit "$3" 2>/dev/null \
    | sed -E '/^#/d; /^$/d; /0x0000/d; s/ +- +- +$//; s/\[(OptimizedTier1|Optimized|Tier0|Tier1|PreJIT)\]//; s/(class|valuetype|instance) //g; s/\[[A-Za-z.]+\] //g' \
    | awk -v top="$TOP" 'NR <= top'
}

for endpoint in list one; do
  path=$([ "$endpoint" = list ] && echo /containers/json || echo "/containers/$id/json")
  wrk -t1 -c16 -d5s "$URL$path" >/dev/null   # warm: tier-1 code, pools
  perf record -q -F 1999 -g -p "$PID" -o "$OUT/profile-$endpoint.data" -- sleep "$DURATION" 2>/dev/null &
  recorder=$!
  wrk -t1 -c16 -d"$((DURATION - 1))s" "$URL$path" >"$OUT/profile-$endpoint.wrk"
  wait "$recorder"
  {
    echo "# $endpoint: $(awk '/^Requests\/sec:/ {print $2}' "$OUT/profile-$endpoint.wrk") req/s; machine: $(machine)"
    echo "## self (exclusive) time"
    report "$OUT/profile-$endpoint.data" --no-children 0.4
    echo "## inclusive time (children)"
    report "$OUT/profile-$endpoint.data" --children 2
  } >"$OUT/profile-$endpoint.txt"
  log "wrote $OUT/profile-$endpoint.txt"
done
stop_all
