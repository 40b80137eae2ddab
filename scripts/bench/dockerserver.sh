#!/usr/bin/env bash
# dockerserver on the simulator against a bare Kestrel serving the same bytes, with wrk on loopback.
#   scripts/bench/dockerserver.sh
#   env: CONTAINERS=100 THREADS=1 CONNECTIONS=16 DURATION=10s ROUNDS=5
#        OTHER_SWARMD=path/to/another/swarmd.dll   also measure another build (before/after in one run)
# Endpoints: "list" (the same listing again, what a poller such as `watch docker ps` asks), "fresh" (the listing with a
# query of its own on every request, "?all=0&n=K": dockerserver renders each one; bare Kestrel ignores queries) and
# "one" (inspect of one container).
# Prints a markdown table per endpoint: requests/s and server CPU per request (utime+stime of the server process
# from /proc/PID/stat over each wrk run, divided by the requests wrk counted), medians with (min-max) over the
# rounds, and dockerserver's ratios against the bare one (medians of the per-round ratios: each round measures
# every server back to back, in rotating order, so drift of a busy box hits all alike).
source "$(dirname "$0")/lib.sh"

CONTAINERS="${CONTAINERS:-100}"
THREADS="${THREADS:-1}"
CONNECTIONS="${CONNECTIONS:-16}"
DURATION="${DURATION:-10s}"
ROUNDS="${ROUNDS:-5}"
OTHER_SWARMD="${OTHER_SWARMD:-}"
need wrk wrk
build_release

# serve_simulator NAME DLL: starts swarmd NAME on the simulator with CONTAINERS running containers; sets PORT_<NAME>,
# PID_<NAME> and ONE_<NAME> (the inspect path of its last container).
serve_simulator() {
  local name="$1" dll="$2" port url id i
  port=$(free_port)
  url="http://127.0.0.1:$port"
  start "$name" dotnet "$dll" "dockerserver tcp://127.0.0.1:$port" simulator
  printf -v "PID_$name" '%s' "$LAST_PID"
  printf -v "PORT_$name" '%s' "$port"
  wait_http "$url/_ping"
  log "$name: creating and starting $CONTAINERS containers"
  id=$(fill_simulator "$url" "$CONTAINERS")
  printf -v "ONE_$name" '%s' "/containers/$id/json"
}

LIST="/containers/json"
serve_simulator swarmd "$SWARMD_DLL"
SWARM="http://127.0.0.1:$PORT_swarmd"
ONE="$ONE_swarmd"
TARGETS=(bare swarmd)
if [ -n "$OTHER_SWARMD" ]; then
  serve_simulator other "$OTHER_SWARMD"
  TARGETS+=(other)
fi

# Capture what dockerserver answers: bodies byte for byte, headers less those Kestrel writes itself.
curl -fsS -D "$OUT/list.headers" -o "$OUT/list.json" "$SWARM$LIST"
curl -fsS -D "$OUT/one.headers" -o "$OUT/one.json" "$SWARM$ONE"
count=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$OUT/list.json")
[ "$count" = "$CONTAINERS" ] || { log "the list has $count containers, expected $CONTAINERS"; exit 1; }
header_args=()
while IFS= read -r line; do header_args+=(--header "$line"); done < <(
  tr -d '\r' <"$OUT/list.headers" | grep -viE '^(HTTP/|date:|content-length:|transfer-encoding:|server:|$)')

PORT_bare=$(free_port)
BARE="http://127.0.0.1:$PORT_bare"
start barekestrel dotnet "$BARE_DLL" --port "$PORT_bare" --route "$LIST=$OUT/list.json" --route "$ONE=$OUT/one.json" "${header_args[@]}"
PID_bare=$LAST_PID
ONE_bare="$ONE"
wait_http "$BARE$LIST"
# Same bytes but for the clock: "Status":"Up 5 seconds" and the like move on between two reads.
same_but_clock() {
  python3 - "$1" "$2" <<'PY'
import re, sys, urllib.request
a, b = (re.sub(rb'"(Status|StartedAt|FinishedAt)":"[^"]*"', b'', urllib.request.urlopen(u).read()) for u in sys.argv[1:])
sys.exit(0 if a == b else 1)
PY
}
for path in "$LIST" "$ONE"; do
  same_but_clock "$SWARM$path" "$BARE$path" || { log "bodies of $path differ"; exit 1; }
done

# cpu_ticks PID: user + system CPU of the whole process so far, in clock ticks (fields 14 and 15 of /proc/PID/stat;
# the command name, field 2, has no spaces here).
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
TICK=$(getconf CLK_TCK)

# measure ENDPOINT TARGET ROUND: one wrk run against TARGET; appends "endpoint target round rps cpu_us_per_request" to
# $OUT/runs.tsv (non-2xx answers fail the run).
measure() {
  local endpoint="$1" target="$2" round="$3" port pid path url out before after requests rps
  port="PORT_$target"; pid="PID_$target"
  if [ "$endpoint" != one ]; then path="$LIST"; else path="ONE_$target"; path="${!path}"; fi
  url="http://127.0.0.1:${!port}$path"
  local script=()
  if [ "$endpoint" = fresh ]; then script=(-s "$OUT/fresh.lua"); fi
  before=$(cpu_ticks "${!pid}")
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "${script[@]}" "$url")
  after=$(cpu_ticks "${!pid}")
  printf '== %s %s round %s\n%s\n' "$endpoint" "$target" "$round" "$out" >>"$OUT/wrk.log"
  if grep -q 'Non-2xx' <<<"$out"; then log "non-2xx answers from $url"; exit 1; fi
  requests=$(awk '/requests in/ {print $1}' <<<"$out")
  rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
  awk -v e="$endpoint" -v t="$target" -v r="$round" -v rps="$rps" -v d="$((after - before))" -v n="$requests" -v hz="$TICK" \
    'BEGIN { printf "%s\t%s\t%s\t%s\t%.1f\n", e, t, r, rps, d * 1e6 / hz / n }' >>"$OUT/runs.tsv"
}

: >"$OUT/wrk.log"
: >"$OUT/runs.tsv"
cat >"$OUT/fresh.lua" <<'LUA'
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", wrk.path .. "?all=0&n=" .. n)
end
LUA
for endpoint in list fresh one; do
  # Warm every server (JIT, tiered compilation, pools), then rotate the order each round.
  for target in "${TARGETS[@]}"; do
    if [ "$endpoint" != one ]; then path="$LIST"; else path="ONE_$target"; path="${!path}"; fi
    port="PORT_$target"
    wrk -t1 -c4 -d3s "http://127.0.0.1:${!port}$path" >/dev/null
  done
  n=${#TARGETS[@]}
  for r in $(seq 1 "$ROUNDS"); do
    log "$endpoint: round $r of $ROUNDS (load $(cut -d' ' -f1 /proc/loadavg))"
    for k in $(seq 0 $((n - 1))); do
      measure "$endpoint" "${TARGETS[$(((r - 1 + k) % n))]}" "$r"
    done
  done
done

python3 - "$OUT/runs.tsv" "$(stat -c %s "$OUT/list.json")" "$(stat -c %s "$OUT/one.json")" "$CONTAINERS" "$OTHER_SWARMD" <<'PY'
import statistics, sys
from collections import defaultdict
runs = defaultdict(dict)  # (endpoint, target) -> round -> (rps, cpu)
for line in open(sys.argv[1]):
    e, t, r, rps, cpu = line.split()
    runs[(e, t)][int(r)] = (float(rps), float(cpu))
sizes = {"list": sys.argv[2], "fresh": sys.argv[2], "one": sys.argv[3]}
labels = {"list": f"GET /containers/json ({sys.argv[4]} running), again", "fresh": f"GET /containers/json?all=0&n=K ({sys.argv[4]} running), each rendered", "one": "GET /containers/{id}/json"}
names = {"bare": "bare Kestrel", "swarmd": "dockerserver + simulator", "other": f"dockerserver + simulator, {sys.argv[5]}"}
def spread(xs, fmt):
    return f"{fmt.format(statistics.median(xs))} ({fmt.format(min(xs))}-{fmt.format(max(xs))})"
print("| endpoint | body bytes | server | req/s, median (min-max) | CPU µs / request | req/s ratio | CPU ratio |")
print("|---|---:|---|---:|---:|---:|---:|")
for e in ("list", "fresh", "one"):
    bare = runs[(e, "bare")]
    for t in ("bare", "swarmd", "other"):
        if (e, t) not in runs:
            continue
        mine = runs[(e, t)]
        rps = [v[0] for v in mine.values()]
        cpu = [v[1] for v in mine.values()]
        if t == "bare":
            rr = cr = "1.00"
        else:
            rr = spread([mine[r][0] / bare[r][0] for r in mine], "{:.2f}")
            cr = spread([mine[r][1] / bare[r][1] for r in mine], "{:.2f}")
        print(f"| {labels[e]} | {sizes[e]} | {names[t]} | {spread(rps, '{:,.0f}')} | {spread(cpu, '{:.1f}')} | {rr} | {cr} |")
PY
echo
echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION, $ROUNDS rounds (order rotating each round); ratios are medians of per-round ratios"
echo "machine: $(machine)"
stop_all
