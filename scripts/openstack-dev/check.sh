#!/usr/bin/env bash
# Quick smoke test of a running dev stack, with raw curl (what the .NET client
# does): token; one server with "networks":"none" (microversion 2.37+) through
# create -> ACTIVE -> stop -> SHUTOFF -> start -> ACTIVE -> delete -> 404;
# then N concurrent creates and N concurrent deletes (default 20, env
# OSDEV_CHECK_BULK). Fails if anything errs or Nova logs "database is locked".
# Prints timings. Exit 0 = all good.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

BULK="${OSDEV_CHECK_BULK:-20}"
NOVA=http://127.0.0.1:8774/v2.1
MV="compute 2.37"
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
PREFIX="osdev-check-$$"
T_ALL=$(osd_now)

fail() { printf 'check: FAIL: %s\n' "$*" >&2; exit 1; }
ok()   { printf 'check: %-44s %6ss\n' "$1" "$2"; }
pyjson() { "$OSD_PY" -c "import json,sys; d=json.load(sys.stdin); $1"; }

for s in nova-api nova-conductor nova-scheduler nova-compute keystone glance placement neutron-stub rabbitmq; do
  osd_alive "$s" || fail "service $s is not running (run up.sh)"
done

# nova log sizes now, so only this run's lines are searched afterwards
declare -A LOGOFF=()
for s in nova-api nova-conductor nova-scheduler nova-compute; do LOGOFF[$s]=$(stat -c %s "$OSD_LOGS/$s.log"); done

t=$(osd_now)
TOKEN=$(osd_token)
[[ -n "$TOKEN" ]] || fail "no token from Keystone"
ok "token" "$(osd_since "$t")"

api() { # METHOD PATH [BODY] -> body on stdout, HTTP code in $TMP/code
  local m=$1 p=$2 b=${3:-}
  local args=(-s -m 60 -o "$TMP/body" -w '%{http_code}' -X "$m" -H "X-Auth-Token: $TOKEN"
              -H "OpenStack-API-Version: $MV" -H 'Content-Type: application/json')
  [[ -n "$b" ]] && args+=(-d "$b")
  curl "${args[@]}" "$NOVA$p" >"$TMP/code" || echo 000 >"$TMP/code"
  cat "$TMP/body" 2>/dev/null || true
}
code() { cat "$TMP/code"; }

FLAVOR=$(api GET /flavors | pyjson 'print(next(f["id"] for f in d["flavors"] if f["name"]=="m1.tiny"))') || fail "flavor m1.tiny not found"
IMAGE=$(curl -s -m 20 -H "X-Auth-Token: $TOKEN" 'http://127.0.0.1:9292/v2/images?name=cirros' \
  | pyjson 'print(next(i["id"] for i in d["images"] if i["status"]=="active"))') || fail "image cirros not found"

# leftovers of an interrupted earlier check
for id in $(api GET "/servers?name=%5Eosdev-check-" | pyjson 'print(" ".join(s["id"] for s in d["servers"]))'); do
  api DELETE "/servers/$id" >/dev/null
done

server_body() { printf '{"server":{"name":"%s","flavorRef":"%s","imageRef":"%s","networks":"none"}}' "$1" "$FLAVOR" "$IMAGE"; }

# wait_status ID STATUS TIMEOUT (STATUS "GONE" = 404)
wait_status() {
  local id=$1 want=$2 timeout=$3 t0 st
  t0=$(date +%s)
  while true; do
    st=$(api GET "/servers/$id" | pyjson 'print(d["server"]["status"], d["server"].get("OS-EXT-STS:task_state"))' 2>/dev/null || true)
    if [[ "$want" == GONE && "$(code)" == 404 ]]; then return 0; fi
    if [[ "$st" == "$want None" ]]; then return 0; fi
    if [[ "$st" == ERROR* ]]; then fail "server $id went to ERROR (waiting for $want)"; fi
    if (( $(date +%s) - t0 > timeout )); then fail "server $id not $want after ${timeout}s (last: ${st:-HTTP $(code)})"; fi
    sleep 0.1
  done
}

# ------------------------------------------------------------ single server
t=$(osd_now)
ID=$(api POST /servers "$(server_body "$PREFIX-one")" | pyjson 'print(d["server"]["id"])' 2>/dev/null) \
  || fail "create: HTTP $(code): $(cat "$TMP/body")"
[[ "$(code)" == 202 ]] || fail "create: HTTP $(code)"
wait_status "$ID" ACTIVE 60
ok "create -> ACTIVE" "$(osd_since "$t")"

t=$(osd_now); api POST "/servers/$ID/action" '{"os-stop":null}' >/dev/null
[[ "$(code)" == 202 ]] || fail "os-stop: HTTP $(code): $(cat "$TMP/body")"
wait_status "$ID" SHUTOFF 60; ok "os-stop -> SHUTOFF" "$(osd_since "$t")"

t=$(osd_now); api POST "/servers/$ID/action" '{"os-start":null}' >/dev/null
[[ "$(code)" == 202 ]] || fail "os-start: HTTP $(code): $(cat "$TMP/body")"
wait_status "$ID" ACTIVE 60; ok "os-start -> ACTIVE" "$(osd_since "$t")"

t=$(osd_now); api DELETE "/servers/$ID" >/dev/null
[[ "$(code)" == 204 ]] || fail "delete: HTTP $(code): $(cat "$TMP/body")"
wait_status "$ID" GONE 60; ok "delete -> 404" "$(osd_since "$t")"

# ------------------------------------------------------------ bulk
# each request in its own curl process, all at once
t=$(osd_now)
for i in $(seq 1 "$BULK"); do
  curl -s -m 120 -o "$TMP/c$i.json" -w '%{http_code}' -X POST -H "X-Auth-Token: $TOKEN" \
    -H "OpenStack-API-Version: $MV" -H 'Content-Type: application/json' \
    -d "$(server_body "$PREFIX-bulk-$i")" "$NOVA/servers" >"$TMP/c$i.code" 2>/dev/null &
done
wait
bad=0; ids=()
for i in $(seq 1 "$BULK"); do
  if [[ "$(cat "$TMP/c$i.code")" != 202 ]]; then
    bad=$((bad + 1)); echo "check: create $i: HTTP $(cat "$TMP/c$i.code") $(head -c 300 "$TMP/c$i.json")" >&2
  else
    ids+=("$(pyjson 'print(d["server"]["id"])' <"$TMP/c$i.json")")
  fi
done
(( bad == 0 )) || fail "$bad of $BULK concurrent creates failed"
ok "$BULK concurrent POST /servers -> 202" "$(osd_since "$t")"

t0b=$(date +%s)
while true; do
  counts=$(api GET "/servers/detail?name=%5E$PREFIX-bulk-" | pyjson '
st=[s["status"] for s in d["servers"]]
print(st.count("ACTIVE"), st.count("ERROR"), len(st))')
  read -r nact nerr ntot <<<"$counts"
  (( nerr == 0 )) || fail "$nerr of $BULK bulk servers in ERROR"
  if (( nact == BULK )); then break; fi
  (( $(date +%s) - t0b <= 180 )) || fail "only $nact of $BULK ACTIVE after 180s"
  sleep 0.5
done
ok "$BULK concurrent creates -> all ACTIVE" "$(osd_since "$t")"

t=$(osd_now); n=0
for id in "${ids[@]}"; do
  n=$((n + 1))
  curl -s -m 120 -o /dev/null -w '%{http_code}' -X DELETE -H "X-Auth-Token: $TOKEN" \
    -H "OpenStack-API-Version: $MV" "$NOVA/servers/$id" >"$TMP/d$n.code" 2>/dev/null &
done
wait
bad=0
for i in $(seq 1 "$n"); do [[ "$(cat "$TMP/d$i.code")" == 204 ]] || bad=$((bad + 1)); done
(( bad == 0 )) || fail "$bad of $n concurrent deletes failed"
ok "$BULK concurrent DELETE -> 204" "$(osd_since "$t")"
t0b=$(date +%s)
while true; do
  left=$(api GET "/servers?name=%5E$PREFIX-bulk-" | pyjson 'print(len(d["servers"]))')
  if (( left == 0 )); then break; fi
  (( $(date +%s) - t0b <= 180 )) || fail "$left of $BULK servers still there 180s after delete"
  sleep 0.5
done
ok "$BULK concurrent deletes -> all gone" "$(osd_since "$t")"

# ------------------------------------------------------------ logs
locked=0; errors=0
for s in nova-api nova-conductor nova-scheduler nova-compute; do
  part=$(tail -c +"$((LOGOFF[$s] + 1))" "$OSD_LOGS/$s.log")
  l=$(grep -c 'database is locked' <<<"$part" || true)
  e=$(grep -c ' ERROR ' <<<"$part" || true)
  locked=$((locked + l)); errors=$((errors + e))
  (( e == 0 )) || { echo "check: $e ERROR line(s) in $s.log:" >&2; grep ' ERROR ' <<<"$part" | head -n 5 >&2; }
done
(( locked == 0 )) || fail "$locked 'database is locked' line(s) in nova logs during this check"
(( errors == 0 )) || fail "$errors ERROR line(s) in nova logs during this check"
ok "nova logs: no 'database is locked', no ERROR" "-"
ok "TOTAL check.sh" "$(osd_since "$T_ALL")"
echo "check: all OK"
