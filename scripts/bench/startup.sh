#!/usr/bin/env bash
# swarmd itself: start -> first answered /_ping, and VmRSS idle and after 1,000 requests, for the default
# build and for trimmed / ReadyToRun / Native AOT publishes (each only reported, the default build is not
# changed). The bare-Kestrel app is the floor; ratios are against the default build in the same run.
#   scripts/bench/startup.sh                 (env: RUNS=7 VARIANTS="default r2r trimmed aot")
source "$(dirname "$0")/lib.sh"

RUNS="${RUNS:-7}"
VARIANTS="${VARIANTS:-default r2r trimmed aot}"
build_release
SPEC='dockerserver tcp://127.0.0.1:{port}'
PUB="$OUT/publish"
printf 'OK' >"$OUT/ping.txt"

# publish VARIANT ARGS...: publishes swarmd to $PUB/VARIANT; on failure keeps the log and returns 1.
publish() {
  local variant="$1"; shift
  log "publishing $variant: $*"
  rm -rf "$PUB/$variant"
  if ! dotnet publish "$ROOT/src/Swarmd/Swarmd.csproj" -c Release -r linux-x64 -o "$PUB/$variant" -nologo "$@" \
      >"$OUT/publish-$variant.log" 2>&1; then
    log "$variant publish failed; see $OUT/publish-$variant.log"
    grep -E 'error' "$OUT/publish-$variant.log" | sort | uniq -c | sort -rn | head -5 >&2 || true
    return 1
  fi
}

results="$OUT/startup.jsonl"
: >"$results"
# A build that fails to start is reported (its error is in the output) and the others still run.
measure() { python3 "$ROOT/scripts/bench/startup.py" --runs "$RUNS" --label "$@" | tee -a "$results" >&2 || log "$1: did not start"; }

measure "bare Kestrel (floor)" --paths /_ping -- dotnet "$BARE_DLL" --port '{port}' --route "/_ping=$OUT/ping.txt"
for v in $VARIANTS; do
  case "$v" in
    default) measure "swarmd, default build (dotnet swarmd.dll)" -- dotnet "$SWARMD_DLL" "$SPEC" simulator ;;
    r2r) publish r2r --self-contained false -p:PublishReadyToRun=true \
         && measure "swarmd, ReadyToRun" -- "$PUB/r2r/swarmd" "$SPEC" simulator ;;
    # Trimming and AOT analysis warnings are errors in this repository; the experiment lets them through
    # (and counts them) to see what a trimmed or native binary would change.
    trimmed) publish trimmed --self-contained true -p:PublishTrimmed=true -p:PublishReadyToRun=true -p:TreatWarningsAsErrors=false \
         && measure "swarmd, self-contained trimmed + R2R" -- "$PUB/trimmed/swarmd" "$SPEC" simulator ;;
    aot) need clang clang; dpkg -s zlib1g-dev >/dev/null 2>&1 || need __none__ zlib1g-dev
         publish aot -p:PublishAot=true -p:TreatWarningsAsErrors=false \
         && measure "swarmd, Native AOT" -- "$PUB/aot/swarmd" "$SPEC" simulator ;;
  esac
done

python3 - "$results" "$PUB" "$OUT" "$(machine)" <<'PY'
import json, os, re, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
base = next((r for r in rows if r["label"].startswith("swarmd, default")), rows[0])
print("| build | start -> first /_ping, median ms (min-max) | x default | RSS idle MB | RSS after 1,000 req MB | x default | size on disk MB |")
print("|---|---:|---:|---:|---:|---:|---:|")
def size(label):
    for v, key in (("aot", "AOT"), ("trimmed", "trimmed"), ("r2r", "ReadyToRun")):
        if key in label:
            d = os.path.join(sys.argv[2], v)
            return "%.0f" % (sum(os.path.getsize(os.path.join(p, f)) for p, _, fs in os.walk(d) for f in fs) / 1048576)
    return "-"
for r in rows:
    print(f"| {r['label']} | {r['median_ms']} ({r['min_ms']}-{r['max_ms']}) | {r['median_ms']/base['median_ms']:.2f} | "
          f"{r['rss_idle_mb']} | {r['rss_after_mb']} | {r['rss_after_mb']/base['rss_after_mb']:.2f} | {size(r['label'])} |")
for v in ("trimmed", "aot"):
    log = os.path.join(sys.argv[3], f"publish-{v}.log")
    if os.path.exists(log):
        codes = sorted(set(re.findall(r"warning (IL\d+)", open(log).read())))
        print(f"\n{v}: analysis warnings {', '.join(codes) if codes else 'none'}")
print(f"\nruns per build: {len(rows) and rows[0]['runs']}; machine: {sys.argv[4]}")
PY
