#!/usr/bin/env bash
# Quick smoke test of a running dev stack.
#  1. Nova with raw curl (what the .NET client does): token; one server with
#     "networks":"none" (microversion 2.37+) through create -> ACTIVE -> stop ->
#     SHUTOFF -> start -> ACTIVE -> delete -> 404; then N concurrent creates and
#     N concurrent deletes (default 20, env OSDEV_CHECK_BULK).
#  2. Neutron and Cinder with the openstack CLI: a network with a subnet from
#     the default pool on router1, a security group, a port; a server booted on
#     that port, whose port binds (ACTIVE, vif_type ovs, host osdev) and whose
#     addresses show the port's IP; a floating IP with a port forwarding and a
#     second floating IP on the port, both reached over TCP from the osdev-net
#     namespace (the external network's side) by a listener in the port's
#     namespace; a volume attached (in-use) and detached (available) again; a
#     server booted with that volume in block_device_mapping_v2; a server with
#     networks "auto" (project osdev-check). Everything is deleted afterwards.
# Fails if anything errs, if a Nova or Cinder log says "database is locked",
# or if a Nova, Neutron or Cinder log has an ERROR line during the check.
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

SERVICES="nova-api nova-conductor nova-scheduler nova-compute keystone glance placement neutron cinder-api cinder-scheduler cinder-volume ovn-nb ovn-sb ovn-northd ovs-db ovs-vswitchd ovn-controller vifplug rabbitmq"
for s in $SERVICES; do
  osd_alive "$s" || fail "service $s is not running (run up.sh)"
done

# log sizes now, so only this run's lines are searched afterwards
LOGGED="nova-api nova-conductor nova-scheduler nova-compute neutron cinder-api cinder-scheduler cinder-volume vifplug"
declare -A LOGOFF=()
for s in $LOGGED; do LOGOFF[$s]=$(stat -c %s "$OSD_LOGS/$s.log"); done

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

# ------------------------------------------------------------ Neutron + Cinder (openstack CLI)
# shellcheck disable=SC1091
source "$OSDEV_STATE/openrc"
N="$PREFIX"
AUTO_PROJECT=osdev-check
osc() { openstack "$@" 2>"$TMP/osc.err" || fail "openstack $*: $(tail -n 3 "$TMP/osc.err")"; }
# wait_until DESCRIPTION TIMEOUT CMD...: poll CMD every 0.5 s
wait_until() {
  local what=$1 timeout=$2 t0; shift 2; t0=$(date +%s)
  until "$@" >/dev/null 2>&1; do
    (( $(date +%s) - t0 <= timeout )) || fail "$what: not after ${timeout}s"
    sleep 0.5
  done
}
value_is() { [[ "$(openstack "${@:2}" -f value 2>/dev/null)" == "$1" ]]; }

# What this part creates, deleted on exit whatever happens (leftovers of an
# interrupted earlier check go first, found by name / description).
LISTENER_PID=""
net_cleanup() (
  set +e
  if [[ -n "$LISTENER_PID" ]]; then kill "$LISTENER_PID" 2>/dev/null; fi
  # one Python process with raw API calls: the CLI would take ~2 s per call
  "$OSD_PY" - "$TOKEN" "$AUTO_PROJECT" <<'PY'
import json, sys, time, urllib.request, urllib.error
tok, auto_project = sys.argv[1], sys.argv[2]
def call(method, url, body=None):
    headers = {"X-Auth-Token": tok, "Content-Type": "application/json"}
    if ":8774/" in url:
        headers["OpenStack-API-Version"] = "compute 2.37"
    req = urllib.request.Request(url, method=method, data=None if body is None else json.dumps(body).encode(),
                                 headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            data = r.read()
            return json.loads(data) if data else {}
    except urllib.error.HTTPError as e:
        return {"_status": e.code}
def mine(name): return (name or "").startswith("osdev-check-")
N, Q, C = "http://127.0.0.1:8774/v2.1", "http://127.0.0.1:9696/v2.0", "http://127.0.0.1:8776/v3"
project = urllib.request.urlopen(urllib.request.Request("http://127.0.0.1:5000/v3/auth/tokens",
          headers={"X-Auth-Token": tok, "X-Subject-Token": tok}), timeout=30)
project = json.load(project)["token"]["project"]["id"]
servers = [s["id"] for s in call("GET", N + "/servers?all_tenants=1&name=%5Eosdev-check-").get("servers", [])]
for s in servers: call("DELETE", N + "/servers/" + s)
deadline = time.time() + 120
while servers and time.time() < deadline:
    servers = [s for s in servers if call("GET", N + "/servers/" + s).get("_status") != 404]
    time.sleep(0.5)
for f in call("GET", Q + "/floatingips?description=osdev-check").get("floatingips", []):
    call("DELETE", Q + "/floatingips/" + f["id"])
vols = [v for v in call("GET", C + "/%s/volumes/detail?all_tenants=1" % project).get("volumes", []) if mine(v["name"])]
for v in vols:
    while time.time() < deadline and call("GET", C + "/%s/volumes/%s" % (project, v["id"])).get("volume", {}).get("status") in ("in-use", "detaching", "attaching", "creating"):
        time.sleep(0.5)
    call("DELETE", C + "/%s/volumes/%s?cascade=true" % (project, v["id"]))
for p in call("GET", Q + "/ports").get("ports", []):
    if mine(p["name"]): call("DELETE", Q + "/ports/" + p["id"])
routers = call("GET", Q + "/routers?name=router1").get("routers", [])
for sn in call("GET", Q + "/subnets").get("subnets", []):
    if mine(sn["name"]):
        for r in routers: call("PUT", Q + "/routers/%s/remove_router_interface" % r["id"], {"subnet_id": sn["id"]})
for n in call("GET", Q + "/networks").get("networks", []):
    if mine(n["name"]): call("DELETE", Q + "/networks/" + n["id"])
for g in call("GET", Q + "/security-groups").get("security_groups", []):
    if mine(g["name"]): call("DELETE", Q + "/security-groups/" + g["id"])
for p in call("GET", "http://127.0.0.1:5000/v3/projects?name=" + auto_project).get("projects", []):
    call("DELETE", Q + "/auto-allocated-topology/" + p["id"])
PY
)
trap 'net_cleanup; rm -rf "$TMP"' EXIT
t=$(osd_now)
net_cleanup
ok "neutron/cinder: leftovers swept" "$(osd_since "$t")"

t=$(osd_now)
NET=$(osc network create "$N-net" -f value -c id)
osc subnet create "$N-subnet" --network "$NET" --subnet-pool shared-default-subnetpool-v4 -f value -c id >/dev/null
osc router add subnet router1 "$N-subnet"
SG=$(osc security group create "$N-sg" -f value -c id)
osc security group rule create "$SG" --ingress --protocol tcp --dst-port 8080 -f value -c id >/dev/null
PORT=$(osc port create "$N-port" --network "$NET" --security-group "$SG" -f value -c id)
PORT_IP=$(osc port show "$PORT" -f json -c fixed_ips | pyjson 'print(d["fixed_ips"][0]["ip_address"])')
ok "network + subnet (pool) + router1 + sg + port" "$(osd_since "$t")"

t=$(osd_now)
osc server create "$N-net-vm" --flavor m1.tiny --image cirros --port "$PORT" --wait -f value -c id >/dev/null
addrs=$(osc server show "$N-net-vm" -f value -c addresses)
[[ "$addrs" == *"$PORT_IP"* ]] || fail "server addresses ($addrs) do not show the port's IP $PORT_IP"
ok "server on the port -> ACTIVE, addresses show $PORT_IP" "$(osd_since "$t")"

t=$(osd_now)
wait_until "port $PORT ACTIVE" 60 value_is ACTIVE port show "$PORT" -c status
read -r vif host owner <<<"$(osc port show "$PORT" -f json | pyjson 'print(d["binding_vif_type"], d["binding_host_id"], d["device_owner"])')"
[[ "$vif" == ovs && "$host" == "$OSD_HOST" && "$owner" == compute:* ]] \
  || fail "port $PORT: binding vif_type=$vif host=$host owner=$owner (want ovs, $OSD_HOST, compute:*)"
ok "port bound: ACTIVE, vif_type ovs, host $OSD_HOST" "$(osd_since "$t")"

t=$(osd_now)
FIP=$(osc floating ip create public --description osdev-check -f value -c floating_ip_address)
osc floating ip port forwarding create "$FIP" --port "$PORT" --internal-ip-address "$PORT_IP" \
  --internal-protocol-port 8080 --external-protocol-port 2222 --protocol tcp -f value -c id >/dev/null
pf=$(osc floating ip port forwarding list "$FIP" -f json | pyjson 'print(" ".join("%s:%s->%s" % (p["Internal IP Address"], p["Internal Port"], p["External Port"]) for p in d))')
[[ "$pf" == "$PORT_IP:8080->2222" ]] || fail "port forwarding list of $FIP: '$pf'"
FIP1=$(osc floating ip create public --description osdev-check --port "$PORT" -f value -c floating_ip_address)
wait_until "floating IP $FIP ACTIVE" 60 value_is ACTIVE floating ip show "$FIP" -c status
wait_until "floating IP $FIP1 ACTIVE" 60 value_is ACTIVE floating ip show "$FIP1" -c status
ok "floating IP $FIP :2222 -> $PORT_IP:8080; $FIP1 on the port" "$(osd_since "$t")"

# a listener inside the port's namespace (the "guest"), reached from osdev-net
t=$(osd_now)
ip netns exec "osdev-port-$PORT" "$OSD_PY" -c '
import socket, sys
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind((sys.argv[1], 8080)); s.listen(8); s.settimeout(120)
open(sys.argv[2], "w").close()
while True:
    c, a = s.accept(); c.sendall(("osdev-check hello %s\n" % a[0]).encode()); c.close()' "$PORT_IP" "$TMP/listening" \
  >"$TMP/listener.log" 2>&1 </dev/null &
LISTENER_PID=$!
wait_until "listener in namespace osdev-port-$PORT" 60 test -e "$TMP/listening"
tcp_line() { ip netns exec "$OSD_NETNS" timeout 10 bash -c 'exec 3<>"/dev/tcp/$0/$1" && read -r l <&3 && echo "$l"' "$1" "$2"; }
got=$(tcp_line "$FIP" 2222) || fail "no TCP answer from $FIP:2222 in namespace $OSD_NETNS"
[[ "$got" == "osdev-check hello 172.24.4.1" ]] || fail "unexpected answer through the port forwarding: '$got'"
got=$(tcp_line "$FIP1" 8080) || fail "no TCP answer from $FIP1:8080 in namespace $OSD_NETNS"
[[ "$got" == "osdev-check hello 172.24.4.1" ]] || fail "unexpected answer through the floating IP: '$got'"
kill "$LISTENER_PID" 2>/dev/null; LISTENER_PID=""
ok "TCP from $OSD_NETNS via both floating IPs answered" "$(osd_since "$t")"

t=$(osd_now)
VOL=$(osc volume create "$N-vol" --size 1 -f value -c id)
wait_until "volume $VOL available" 60 value_is available volume show "$VOL" -c status
[[ "$(osc volume show "$VOL" -f value -c type)" == nfs ]] || fail "volume $VOL is not of the default type nfs"
ok "volume create -> available (type nfs)" "$(osd_since "$t")"
t=$(osd_now)
osc server add volume "$N-net-vm" "$VOL" >/dev/null
wait_until "volume $VOL in-use" 60 value_is in-use volume show "$VOL" -c status
att=$(osc volume show "$VOL" -f json -c attachments | pyjson 'print(d["attachments"][0]["server_id"])')
[[ "$att" == "$(osc server show "$N-net-vm" -f value -c id)" ]] || fail "volume $VOL attached to $att"
ok "attach -> in-use" "$(osd_since "$t")"
t=$(osd_now)
osc server remove volume "$N-net-vm" "$VOL"
wait_until "volume $VOL available after detach" 60 value_is available volume show "$VOL" -c status
ok "detach -> available" "$(osd_since "$t")"

t=$(osd_now)
osc server create "$N-bdm-vm" --flavor m1.tiny --image cirros --nic none \
  --block-device "uuid=$VOL,source_type=volume,destination_type=volume,boot_index=-1,delete_on_termination=false" \
  --wait -f value -c id >/dev/null
wait_until "volume $VOL in-use by $N-bdm-vm" 60 value_is in-use volume show "$VOL" -c status
osc server delete --wait "$N-bdm-vm"
wait_until "volume $VOL available after its server went" 60 value_is available volume show "$VOL" -c status
ok "boot with block_device_mapping_v2 volume, delete" "$(osd_since "$t")"

t=$(osd_now)
osc project create --or-show "$AUTO_PROJECT" --description "osdev check.sh: networks auto" -f value -c id >/dev/null
osc role add --project "$AUTO_PROJECT" --user admin admin
osc --os-project-name "$AUTO_PROJECT" server create "$N-auto-vm" --flavor m1.tiny --image cirros --nic auto --wait -f value -c id >/dev/null
addrs=$(osc --os-project-name "$AUTO_PROJECT" server show "$N-auto-vm" -f value -c addresses)
[[ "$addrs" == *auto_allocated_network* ]] || fail "networks auto: addresses '$addrs'"
ok "networks auto -> $addrs" "$(osd_since "$t")"

t=$(osd_now)
net_cleanup
ok "neutron/cinder: everything deleted" "$(osd_since "$t")"

# ------------------------------------------------------------ logs
locked=0; errors=0
for s in $LOGGED; do
  part=$(tail -c +"$((LOGOFF[$s] + 1))" "$OSD_LOGS/$s.log")
  l=$(grep -c 'database is locked' <<<"$part" || true)
  e=$(grep -cE ' ERROR |Traceback' <<<"$part" || true)
  locked=$((locked + l)); errors=$((errors + e))
  (( e == 0 )) || { echo "check: $e ERROR line(s) in $s.log:" >&2; grep -E ' ERROR |Traceback' <<<"$part" | head -n 5 >&2; }
done
(( locked == 0 )) || fail "$locked 'database is locked' line(s) in the logs during this check"
(( errors == 0 )) || fail "$errors ERROR line(s) in the nova/neutron/cinder/vifplug logs during this check"
ok "logs: no 'database is locked', no ERROR" "-"
ok "TOTAL check.sh" "$(osd_since "$T_ALL")"
echo "check: all OK"
