#!/usr/bin/env bash
# swarmd start-up and memory, side by side in one run: start -> first answered /_ping, VmRSS idle, VmRSS after
# 10 s of wrk on /_ping. Builds run alternately, round after round, and every figure is a median with its spread.
#   scripts/bench/startup.sh
# env: ROUNDS=5 STARTS=5 (timed starts per build per round) LOAD=10s
#      VARIANTS="go bare aot aot-openstack"   (also: jit, the JIT build run with `dotnet swarmd.dll`)
#      GO_SWARMD=/tmp/golibswarm/swarmd-go     the original Go libswarm swarmd, built by hand (never committed:
#                                              shared/docs/go-libswarm-baseline.md); without it `go` is left out
#                                              and the ratios are against bare Kestrel under Native AOT
#      OPENRC=.state/openstack/openrc          credentials of the cloud for aot-openstack
source "$(dirname "$0")/lib.sh"

ROUNDS="${ROUNDS:-5}"
STARTS="${STARTS:-5}"
LOAD="${LOAD:-10s}"
VARIANTS="${VARIANTS:-go bare aot aot-openstack}"
GO_SWARMD="${GO_SWARMD:-/tmp/golibswarm/swarmd-go}"
OPENRC="${OPENRC:-${SWARM_OPENSTACK_RC:-$ROOT/.state/openstack/openrc}}"
need wrk wrk
PUB="$OUT/publish"
printf 'OK' >"$OUT/ping.txt"

publish() { # publish NAME PROJECT ARGS...: Release, Native AOT, into $PUB/NAME
  local name="$1" project="$2"; shift 2
  log "publishing $name (Native AOT)"
  rm -rf "${PUB:?}/$name"
  dotnet publish "$project" -c Release -o "$PUB/$name" -nologo "$@" >"$OUT/publish-$name.log" 2>&1 \
    || { tail -n 20 "$OUT/publish-$name.log" >&2; return 1; }
  grep -E 'warning (IL|CS)' "$OUT/publish-$name.log" | sort -u >&2 || true
}

variants="$OUT/variants.json"
python3 - "$variants" <<'PY'
import json, sys; json.dump([], open(sys.argv[1], "w"))
PY
add() { # add LABEL ENVFILE ARGV...: one build to measure ('{port}' in ARGV is replaced by a free port)
  python3 - "$variants" "$@" <<'PY'
import json, sys
path, label, envfile, *argv = sys.argv[1:]
env = {}
if envfile != "-":
    for line in open(envfile):
        line = line.strip()
        if line.startswith("export "):
            key, _, value = line[7:].partition("=")
            env[key] = value.strip("'\"")
rows = json.load(open(path)); rows.append({"label": label, "argv": argv, "env": env}); json.dump(rows, open(path, "w"))
PY
}

SPEC='dockerserver tcp://127.0.0.1:{port}'
for v in $VARIANTS; do
  case "$v" in
    go)
      if [ -x "$GO_SWARMD" ]; then add "Go libswarm swarmd (2014), simulator" - "$GO_SWARMD" "$SPEC" simulator
      else log "no Go libswarm binary at $GO_SWARMD: left out (build it by hand, see shared/docs/go-libswarm-baseline.md)"; fi ;;
    bare)
      publish bare "$ROOT/benchmarks/BareKestrel/BareKestrel.csproj" -r linux-x64 -p:PublishAot=true
      add "bare Kestrel, Native AOT" - "$PUB/bare/BareKestrel" --port '{port}' --route "/_ping=$OUT/ping.txt" ;;
    aot|aot-openstack)
      [ -x "$PUB/swarmd/swarmd" ] || publish swarmd "$ROOT/src/Swarmd/Swarmd.csproj"
      if [ "$v" = aot ]; then add "swarmd Native AOT, simulator" - "$PUB/swarmd/swarmd" "$SPEC" simulator
      elif [ -f "$OPENRC" ]; then add "swarmd Native AOT, openstack (local cloud)" "$OPENRC" "$PUB/swarmd/swarmd" "$SPEC" 'openstack --flavor=m1.tiny'
      else log "no openrc at $OPENRC: aot-openstack left out"; fi ;;
    jit)
      build_release
      add "swarmd JIT (dotnet swarmd.dll), simulator" - dotnet "$SWARMD_DLL" "$SPEC" simulator ;;
    *) log "unknown variant $v"; exit 2 ;;
  esac
done

python3 "$ROOT/scripts/bench/startup.py" --variants "$variants" --rounds "$ROUNDS" --starts "$STARTS" --load "$LOAD" \
  --machine "$(machine)" --out "$OUT/startup.json"
