# Shared helpers of scripts/bench/*.sh. Sourced, not run. Loopback only; every process started here is
# remembered by PID and stopped by PID on exit.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="${BENCH_OUT:-$ROOT/.state/bench}"
mkdir -p "$OUT"
STARTED_PIDS=()

log() { printf '[bench] %s\n' "$*" >&2; }

# need TOOL PACKAGE: installs a Debian package when its tool is missing (root, as on the dev and CI boxes).
need() {
  command -v "$1" >/dev/null 2>&1 && return 0
  log "installing $2 (apt)"
  if [ ! -f "$OUT/.apt-updated" ]; then apt-get update -qq >/dev/null && touch "$OUT/.apt-updated"; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
}

# free_port: a TCP port nobody listens on, chosen by the kernel.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# start NAME CMD...: runs CMD in the background, logs to $OUT/NAME.log; its PID is left in $LAST_PID
# (not printed: a command substitution would run this in a subshell and forget the PID).
start() {
  local name="$1"; shift
  "$@" >"$OUT/$name.log" 2>&1 &
  LAST_PID=$!
  STARTED_PIDS+=("$LAST_PID")
}

# stop PID: SIGTERM, then SIGKILL after 10 s; only PIDs this script started.
stop() {
  local pid="$1" i
  kill -TERM "$pid" 2>/dev/null || return 0
  for i in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
}

stop_all() { local pid; for pid in "${STARTED_PIDS[@]}"; do stop "$pid"; done; STARTED_PIDS=(); }
forget() { local pid keep=(); for pid in "${STARTED_PIDS[@]}"; do [ "$pid" = "$1" ] || keep+=("$pid"); done; STARTED_PIDS=("${keep[@]}"); }
trap stop_all EXIT

# wait_http URL [SECONDS]: polls until URL answers 2xx; fails naming the URL after SECONDS (default 60).
wait_http() {
  local url="$1" limit="${2:-60}" deadline
  deadline=$(( $(date +%s) + limit ))
  until curl -fsS -o /dev/null "$url" 2>/dev/null; do
    [ "$(date +%s)" -lt "$deadline" ] || { log "no answer from $url after ${limit}s"; return 1; }
    sleep 0.05
  done
}

# rss_kb PID: resident set size from /proc/PID/status (VmRSS), in kB.
# fill_simulator URL N: creates and starts N containers bench1..benchN (cirros, sleep 3600) on the dockerserver at URL;
# prints the last one's id.
fill_simulator() {
  local url=$1 n=$2 i id=""
  for i in $(seq 1 "$n"); do
    id=$(curl -fsS -X POST -H 'Content-Type: application/json' -d '{"Image":"cirros","Cmd":["sleep","3600"]}' \
      "$url/containers/create?name=bench$i" | python3 -c 'import json,sys; print(json.load(sys.stdin)["Id"])')
    curl -fsS -o /dev/null -X POST "$url/containers/$id/start"
  done
  echo "$id"
}

rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }

# ratio A B: A/B with 2 decimals.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "n/a"; else printf "%.2f", a / b }'; }

# build_release: swarmd and the bare-Kestrel baseline, Release, once per run.
build_release() {
  log "building swarmd and BareKestrel (Release)"
  dotnet build -c Release -v q -nologo "$ROOT/src/Swarmd/Swarmd.csproj" >"$OUT/build.log" 2>&1 || { cat "$OUT/build.log"; return 1; }
  dotnet build -c Release -v q -nologo "$ROOT/benchmarks/BareKestrel/BareKestrel.csproj" >>"$OUT/build.log" 2>&1 || { cat "$OUT/build.log"; return 1; }
  SWARMD_DLL="$ROOT/src/Swarmd/bin/Release/net10.0/swarmd.dll"
  BARE_DLL="$ROOT/benchmarks/BareKestrel/bin/Release/net10.0/BareKestrel.dll"
}

machine() { echo "$(nproc) cores, $(awk '/model name/ {sub(/.*: /, ""); print; exit}' /proc/cpuinfo), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg)"; }
