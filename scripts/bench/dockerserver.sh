#!/usr/bin/env bash
# dockerserver on the simulator against a bare Kestrel serving the same bytes, with wrk on loopback.
#   scripts/bench/dockerserver.sh            (env: CONTAINERS=100 THREADS=1 CONNECTIONS=16 DURATION=10s ROUNDS=2)
# Prints a markdown table: requests/s of each, and dockerserver's rate as a ratio of the bare one.
source "$(dirname "$0")/lib.sh"

CONTAINERS="${CONTAINERS:-100}"
THREADS="${THREADS:-1}"
CONNECTIONS="${CONNECTIONS:-16}"
DURATION="${DURATION:-10s}"
ROUNDS="${ROUNDS:-2}"
need wrk wrk
build_release

SWARM_PORT=$(free_port)
SWARM="http://127.0.0.1:$SWARM_PORT"
start swarmd dotnet "$SWARMD_DLL" "dockerserver tcp://127.0.0.1:$SWARM_PORT" simulator
wait_http "$SWARM/_ping"

log "creating and starting $CONTAINERS containers"
for i in $(seq 1 "$CONTAINERS"); do
  id=$(curl -fsS -X POST -H 'Content-Type: application/json' -d "{\"Image\":\"cirros\",\"Cmd\":[\"sleep\",\"3600\"]}" \
    "$SWARM/containers/create?name=bench$i" | python3 -c 'import json,sys; print(json.load(sys.stdin)["Id"])')
  curl -fsS -o /dev/null -X POST "$SWARM/containers/$id/start"
done
ONE="/containers/$id/json"
LIST="/containers/json"

# Capture what dockerserver answers: bodies byte for byte, headers less those Kestrel writes itself.
curl -fsS -D "$OUT/list.headers" -o "$OUT/list.json" "$SWARM$LIST"
curl -fsS -D "$OUT/one.headers" -o "$OUT/one.json" "$SWARM$ONE"
count=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$OUT/list.json")
[ "$count" = "$CONTAINERS" ] || { log "the list has $count containers, expected $CONTAINERS"; exit 1; }
header_args=()
while IFS= read -r line; do header_args+=(--header "$line"); done < <(
  tr -d '\r' <"$OUT/list.headers" | grep -viE '^(HTTP/|date:|content-length:|transfer-encoding:|server:|$)')

BARE_PORT=$(free_port)
BARE="http://127.0.0.1:$BARE_PORT"
start barekestrel dotnet "$BARE_DLL" --port "$BARE_PORT" --route "$LIST=$OUT/list.json" --route "$ONE=$OUT/one.json" "${header_args[@]}"
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

# rps URL: requests/s wrk reports for one run (non-2xx answers fail the run).
rps() {
  local out
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$1")
  echo "$out" >>"$OUT/wrk.log"
  if grep -q 'Non-2xx' <<<"$out"; then log "non-2xx answers from $1"; exit 1; fi
  awk '/^Requests\/sec:/ {print $2}' <<<"$out"
}

echo "| endpoint | bytes | bare Kestrel req/s | dockerserver+simulator req/s | ratio |"
echo "|---|---:|---:|---:|---:|"
: >"$OUT/wrk.log"
for path in "$LIST" "$ONE"; do
  # Warm both (JIT, tiered compilation, pools), then alternate A B B A ... so drift hits both alike.
  wrk -t1 -c4 -d3s "$SWARM$path" >/dev/null; wrk -t1 -c4 -d3s "$BARE$path" >/dev/null
  bare_sum=0; swarm_sum=0
  for r in $(seq 1 "$ROUNDS"); do
    if [ $((r % 2)) -eq 1 ]; then b=$(rps "$BARE$path"); s=$(rps "$SWARM$path"); else s=$(rps "$SWARM$path"); b=$(rps "$BARE$path"); fi
    bare_sum=$(awk -v x="$bare_sum" -v y="$b" 'BEGIN {print x + y}')
    swarm_sum=$(awk -v x="$swarm_sum" -v y="$s" 'BEGIN {print x + y}')
  done
  bare=$(awk -v x="$bare_sum" -v n="$ROUNDS" 'BEGIN {printf "%.0f", x / n}')
  swarm=$(awk -v x="$swarm_sum" -v n="$ROUNDS" 'BEGIN {printf "%.0f", x / n}')
  label=$([ "$path" = "$LIST" ] && echo "GET /containers/json ($CONTAINERS running)" || echo "GET /containers/{id}/json")
  echo "| $label | $(stat -c %s "$OUT/$([ "$path" = "$LIST" ] && echo list || echo one).json") | $bare | $swarm | $(ratio "$swarm" "$bare") |"
done
echo
echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION, $ROUNDS rounds each (A/B alternating), mean; machine: $(machine)"
stop_all
