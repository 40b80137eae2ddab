# shellcheck shell=bash
# Shared helpers for the local OpenStack dev stack (up.sh, down.sh, check.sh).
# Sourced, never executed. Callers run with `set -euo pipefail`, so every helper
# here avoids "last command returns non-zero" traps (pitfall 4): loops end with
# `if` statements or `|| true`, and pipelines that may legitimately find nothing
# are guarded.

OSD_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OSD_REPO="$(cd "$OSD_DIR/../.." && pwd)"
OSDEV_STATE="${OSDEV_STATE:-$OSD_REPO/.state/openstack}"
OSD_ETC="$OSDEV_STATE/etc"
OSD_DATA="$OSDEV_STATE/data"
OSD_LOGS="$OSDEV_STATE/logs"
OSD_PIDS="$OSDEV_STATE/pids"
OSD_TIMINGS="$OSDEV_STATE/timings.log"
# Unix sockets of the OVN/OVS databases and daemons (kept short: sun_path is 108 bytes).
OSD_RUN="$OSDEV_STATE/run"
# Network namespaces this stack created, one empty file per namespace name. down.sh
# deletes exactly these, and nothing else.
OSD_NETNS_REC="$OSDEV_STATE/netns"
# The namespace holding Open vSwitch (br-int, br-ex) and the "outside" of the
# external network: 172.24.4.1/24 on br-ex. Floating IPs are reachable from here.
OSD_NETNS=osdev-net
# Nova's compute host name, and the OVN chassis name / hostname.
OSD_HOST=osdev

# Debian's interpreter, never a pyenv/venv shim that may be first on PATH: the
# OpenStack services and openstacksdk are Debian python3-* packages.
OSD_PY=/usr/bin/python3

# Every listener of the stack, name:port (all bound to 127.0.0.1).
OSD_PORTS="epmd:4369 rabbitmq:5672 rabbitmq-dist:25672 keystone:5000 glance:9292 placement:8778 nova-api:8774 neutron:9696 cinder-api:8776"

osd_log()  { printf '[osdev %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
osd_die()  { printf 'osdev: ERROR: %s\n' "$*" >&2; exit 1; }

osd_now()  { date +%s.%N; }
# elapsed seconds since $1, 1 decimal
osd_since() { awk -v s="$1" -v e="$(date +%s.%N)" 'BEGIN{printf "%.1f", e-s}'; }

# Step timing: osd_step_begin "name"; ...; osd_step_end. Results go to stderr
# and to $OSD_TIMINGS (one line per step, tagged with the run id).
OSD_STEP_NAME=""; OSD_STEP_T0=""
osd_step_begin() { OSD_STEP_NAME="$1"; OSD_STEP_T0="$(osd_now)"; osd_log "-> $1"; }
osd_step_end() {
  local d; d="$(osd_since "$OSD_STEP_T0")"
  osd_log "   $OSD_STEP_NAME: ${d}s"
  if [[ -d "$OSDEV_STATE" ]]; then
    printf '%s\t%s\t%s\t%s\n' "${OSD_RUN_ID:-?}" "${OSD_RUN_KIND:-?}" "$OSD_STEP_NAME" "$d" >>"$OSD_TIMINGS"
  fi
}

# ---------------------------------------------------------------- /proc helpers
# Fields of /proc/PID/stat after the "(comm)" part, which may itself contain
# spaces and parentheses. Index 0 = field 3 (state), 1 = ppid, 3 = session,
# 19 = starttime (field 22, clock ticks since boot).
osd_stat() {
  local s
  s="$(cat "/proc/$1/stat" 2>/dev/null)" || return 1
  [[ -n "$s" ]] || return 1
  printf '%s\n' "${s##*) }"
}
osd_starttime() { local f; f="$(osd_stat "$1")" || return 1; set -- $f; printf '%s\n' "${20}"; }

# True if PID exists, is not a zombie and has the recorded start time (so a
# recycled PID is never mistaken for ours).
osd_pid_matches() {
  local pid=$1 st=$2 f
  f="$(osd_stat "$pid")" || return 1
  set -- $f
  [[ "$1" != "Z" && "$1" != "X" && "${20}" == "$st" ]]
}

# ------------------------------------------------------------ service records
osd_pidfile() { printf '%s/%s.pid\n' "$OSD_PIDS" "$1"; }

# osd_alive NAME: the process up.sh recorded for NAME is still the same process.
osd_alive() {
  local pf pid st
  pf="$(osd_pidfile "$1")"
  [[ -f "$pf" ]] || return 1
  read -r pid st _ <"$pf" || return 1
  osd_pid_matches "$pid" "$st"
}

# osd_start NAME CMD...: start CMD in a new session (setsid), stdin from
# /dev/null, output appended to logs/NAME.log; record "PID STARTTIME" and the
# log offset at start (used to find this run's lines, pitfall 13).
# Job control is off in scripts, so the background child is not a process-group
# leader and setsid(1) calls setsid() in place and execs: $! is the service's
# PID and also its session id.
osd_start() {
  local name=$1; shift
  local log="$OSD_LOGS/$name.log" pid st off=0
  mkdir -p "$OSD_LOGS" "$OSD_PIDS"
  [[ -f "$log" ]] && off=$(stat -c %s "$log")
  printf '\n===== osdev start %s %s =====\n' "$name" "$(date -Is)" >>"$log"
  setsid "$@" </dev/null >>"$log" 2>&1 &
  pid=$!
  st="$(osd_starttime "$pid")" || osd_die "$name exited immediately; see $log"
  printf '%s %s %s\n' "$pid" "$st" "$off" >"$(osd_pidfile "$name")"
}

# Log offset recorded at the service's last start.
osd_log_offset() { local pid st off; read -r pid st off <"$(osd_pidfile "$1")"; printf '%s\n' "${off:-0}"; }

osd_fail_service() {
  local name=$1 why=$2 log="$OSD_LOGS/$1.log"
  printf 'osdev: ERROR: service %s %s\n' "$name" "$why" >&2
  if [[ -f "$log" ]]; then
    printf -- '----- last 40 lines of %s -----\n' "$log" >&2
    tail -n 40 "$log" >&2 || true
    printf -- '-----\n' >&2
  fi
  exit 1
}

# osd_wait NAME TIMEOUT CMD...: poll CMD every 0.3 s until it succeeds. Fails
# (with the service log's tail) on timeout or as soon as NAME's process died.
osd_wait() {
  local name=$1 timeout=$2; shift 2
  local t0; t0=$(date +%s)
  while true; do
    if "$@" >/dev/null 2>&1; then return 0; fi
    if [[ -f "$(osd_pidfile "$name")" ]] && ! osd_alive "$name"; then
      osd_fail_service "$name" "exited during start-up"
    fi
    if (( $(date +%s) - t0 >= timeout )); then
      osd_fail_service "$name" "did not answer within ${timeout}s"
    fi
    sleep 0.3
  done
}

# ---------------------------------------------------------------- probes
osd_tcp_open() { timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }
# Any HTTP answer at all (also 300/401/404) means the server is listening and serving.
osd_http_up() {
  local code
  code=$(curl -s -o /dev/null -m 5 -w '%{http_code}' "$1" 2>/dev/null || true)
  [[ -n "$code" && "$code" != "000" ]]
}
# osd_log_has NAME PATTERN: PATTERN appears in NAME's log after its last start.
osd_log_has() {
  local off; off=$(osd_log_offset "$1")
  tail -c +"$((off + 1))" "$OSD_LOGS/$1.log" 2>/dev/null | grep -q -- "$2"
}

# Keystone token for admin (scoped to project admin); prints the token.
osd_token() {
  local body
  body='{"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"admin","domain":{"name":"Default"},"password":"admin"}}},"scope":{"project":{"name":"admin","domain":{"name":"Default"}}}}}'
  curl -s -m 20 -i -H 'Content-Type: application/json' -d "$body" \
    http://127.0.0.1:5000/v3/auth/tokens \
    | awk 'tolower($1)=="x-subject-token:"{print $2}' | tr -d '\r'
}

# ---------------------------------------------------------------- stopping
# All PIDs whose session is SID, plus every descendant of those (Erlang's
# erl_child_setup / inet_gethost call setsid themselves, pitfall 15), as
# "PID STARTTIME" lines. A snapshot: taken before anything is signalled.
osd_session_snapshot() {
  local sids=" $* " p f
  declare -A ppid_of=() st_of=() inset=()
  for d in /proc/[0-9]*; do
    p=${d#/proc/}
    f="$(osd_stat "$p")" || continue
    set -- $f
    ppid_of[$p]=$2; st_of[$p]=${20}
    if [[ "$sids" == *" $4 "* ]]; then inset[$p]=1; fi
  done
  # descendants: repeat until no change (process trees here are shallow)
  local changed=1
  while (( changed )); do
    changed=0
    for p in "${!ppid_of[@]}"; do
      if [[ -z "${inset[$p]:-}" && -n "${inset[${ppid_of[$p]}]:-}" ]]; then
        inset[$p]=1; changed=1
      fi
    done
  done
  for p in "${!inset[@]}"; do printf '%s %s\n' "$p" "${st_of[$p]}"; done
}

# osd_stop_many TIMEOUT NAME...: SIGTERM the recorded PID of each NAME (only if
# it still has the recorded start time), wait up to TIMEOUT s for the whole
# snapshot (sessions + descendants) to go, then SIGKILL the survivors.
osd_stop_many() {
  local timeout=$1; shift
  local name pid st sids="" snap="" line n
  for name in "$@"; do
    if osd_alive "$name"; then
      read -r pid st _ <"$(osd_pidfile "$name")"
      sids+=" $pid"
    fi
  done
  if [[ -z "$sids" ]]; then
    for name in "$@"; do rm -f "$(osd_pidfile "$name")"; done
    return 0
  fi
  snap="$(osd_session_snapshot $sids)"
  for name in "$@"; do
    if osd_alive "$name"; then
      read -r pid st _ <"$(osd_pidfile "$name")"
      osd_log "   stopping $name (pid $pid)"
      kill -TERM "$pid" 2>/dev/null || true
    fi
  done
  local t0; t0=$(date +%s)
  while true; do
    n=0
    while read -r pid st; do
      [[ -n "$pid" ]] || continue
      if osd_pid_matches "$pid" "$st"; then n=$((n + 1)); fi
    done <<<"$snap"
    if (( n == 0 )); then break; fi
    if (( $(date +%s) - t0 >= timeout )); then
      osd_log "   $n process(es) still alive after ${timeout}s: SIGKILL"
      while read -r pid st; do
        [[ -n "$pid" ]] || continue
        if osd_pid_matches "$pid" "$st"; then kill -KILL "$pid" 2>/dev/null || true; fi
      done <<<"$snap"
      sleep 0.5
      break
    fi
    sleep 0.2
  done
  for name in "$@"; do rm -f "$(osd_pidfile "$name")"; done
}

# ---------------------------------------------------------------- host checks
# Returns 1 and sets OSD_REASON (one line) if this machine cannot host the
# stack; returns 0 otherwise (and sets OSD_SUDO if apt needs sudo). Used by `up.sh --check-only` and by up.sh
# itself before touching anything.
OSD_SUDO=""; OSD_REASON=""
osd_can_run() {
  local id ver
  if [[ "$(uname -s)" != "Linux" ]]; then OSD_REASON="not Linux ($(uname -s))"; return 1; fi
  if [[ ! -r /etc/os-release ]]; then OSD_REASON="no /etc/os-release: not Debian 12"; return 1; fi
  id=$(. /etc/os-release; echo "${ID:-}"); ver=$(. /etc/os-release; echo "${VERSION_ID:-}")
  if [[ "$id" != "debian" || "$ver" != "12" ]]; then
    OSD_REASON="needs Debian 12 (bookworm), this is ${id:-unknown} ${ver:-?}"; return 1
  fi
  if [[ $(id -u) -ne 0 ]]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      OSD_SUDO="sudo -n"
    else
      OSD_REASON="needs root or passwordless sudo (for apt-get install)"; return 1
    fi
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    OSD_REASON="no apt-get"; return 1
  fi
  # Packages already there: no network needed. Otherwise the apt mirror must answer.
  if ! osd_packages_installed; then
    local host port
    read -r host port <<<"$(osd_apt_host)"
    if [[ -z "$host" ]]; then OSD_REASON="no apt source configured"; return 1; fi
    if ! timeout 5 bash -c "exec 3<>/dev/tcp/$host/$port" 2>/dev/null; then
      OSD_REASON="apt mirror $host:$port not reachable and the packages are not installed"; return 1
    fi
  fi
  # Ports held by something that is not our running stack.
  local np name port
  for np in $OSD_PORTS; do
    name=${np%%:*}; port=${np##*:}
    case $name in rabbitmq-dist) name=rabbitmq ;; esac
    # earlier versions of this stack ran a read-only Neutron stand-in on 9696
    if [[ $name == neutron ]] && osd_alive neutron-stub; then continue; fi
    if osd_tcp_open "$port" && ! osd_alive "$name"; then
      OSD_REASON="port 127.0.0.1:$port ($name) is already used by a process this stack did not start"; return 1
    fi
  done
  # Networking (Open vSwitch in userspace in a namespace of our own, a veth pair
  # and namespace per port) and Cinder (a bind mount in cinder-volume's own mount
  # namespace) need these capabilities and devices.
  local capeff
  capeff=$(awk '/^CapEff:/{print $2}' /proc/self/status)
  if (( (16#${capeff:-0} >> 12 & 1) == 0 )); then OSD_REASON="needs CAP_NET_ADMIN (network namespaces, veth pairs)"; return 1; fi
  if (( (16#${capeff:-0} >> 21 & 1) == 0 )); then OSD_REASON="needs CAP_SYS_ADMIN (namespaces, a bind mount for Cinder)"; return 1; fi
  if [[ ! -c /dev/net/tun ]]; then OSD_REASON="no /dev/net/tun (Open vSwitch's userspace datapath needs it)"; return 1; fi
  if (( ${#OSDEV_STATE} > 70 )); then
    OSD_REASON="state folder path longer than 70 characters (unix socket paths under it must fit 108 bytes): $OSDEV_STATE"; return 1
  fi
  # A file left in /run/netns with no namespace mounted on it (a machine image taken while a stack ran,
  # /run on disk) is no namespace, and a mounted one with no process in it is what a stack whose processes
  # were killed left behind: osd_netns_claim replaces both. One with processes in it is another stack's.
  if osd_netns_live "$OSD_NETNS" && [[ ! -e "$OSD_NETNS_REC/$OSD_NETNS" ]] && ! osd_netns_orphan "$OSD_NETNS"; then
    OSD_REASON="network namespace $OSD_NETNS exists, processes $(ip netns pids "$OSD_NETNS" | paste -sd, -) run in it, and this stack (state $OSDEV_STATE) did not create it"; return 1
  fi
  local mem_kb
  mem_kb=$(awk '/MemAvailable/{print $2}' /proc/meminfo)
  if (( mem_kb < 4200000 )) && ! osd_alive nova-api; then
    OSD_REASON="needs about 4 GiB of free memory, only $((mem_kb / 1024)) MiB available"; return 1
  fi
  return 0
}

# "HOST PORT" of the first mirror named in the apt sources (deb822 or one-line format).
osd_apt_host() {
  { grep -hsE '^\s*URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}'
    grep -hsE '^\s*deb\s' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null \
      | sed -E 's/\[[^]]*\]//' | awk '{print $2}'
  } | sed -nE 's#^https://([^/:]+).*#\1 443#p; s#^http://([^/:]+).*#\1 80#p' | head -n 1 || true
}

# Packages up.sh installs. nova-compute-ironic satisfies nova-compute's
# "nova-compute-kvm | nova-compute-hypervisor" without libvirt/qemu (pitfall 1);
# its /etc/nova/nova-compute.conf is never used. Networking: neutron-server with
# ML2/OVN, OVN's central and host parts, Open vSwitch (run in userspace), ethtool
# and iproute2 for the per-port namespaces. Cinder: nfs-common because the NFS
# driver checks for mount.nfs; tgt only satisfies cinder-volume's dependency.
# MariaDB holds Neutron's database (see start_mariadb in up.sh).
OSD_PACKAGES="keystone glance placement-api nova-api nova-conductor nova-scheduler nova-compute nova-compute-ironic rabbitmq-server erlang-base uwsgi uwsgi-plugin-python3 python3-openstackclient python3-openstacksdk python3-osc-placement curl ca-certificates neutron-server ovn-central ovn-host openvswitch-switch iproute2 ethtool cinder-api cinder-scheduler cinder-volume tgt nfs-common mariadb-server python3-pymysql"

osd_packages_installed() {
  local p
  # shellcheck disable=SC2086
  for p in $OSD_PACKAGES; do
    if ! dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null | grep -qx installed; then return 1; fi
  done
  return 0
}

# ---------------------------------------------------------------- namespaces
# osd_netns_live NAME: a network namespace is mounted at /run/netns/NAME (not just a file there).
osd_netns_live() {
  [[ -e "/run/netns/$1" ]] || return 1
  awk -v m="/run/netns/$1" '$5 == m { found = 1 } END { exit !found }' /proc/self/mountinfo
}

# osd_netns_orphan NAME: a mounted namespace with no process in it (ovs-vswitchd of a running stack is
# always in $OSD_NETNS, so an empty one is a leftover of a stack whose processes were killed).
osd_netns_orphan() {
  osd_netns_live "$1" || return 1
  [[ -z "$(ip netns pids "$1" 2>/dev/null)" ]]
}

# osd_netns_claim: make $OSD_NETNS this stack's. A namespace of that name that another state folder
# created, with no process left in it (see osd_netns_orphan), is deleted with the per-port namespaces
# of that dead stack (osdev-port-*, none of them with a process in it): while no Open vSwitch runs in
# $OSD_NETNS no stack is running here, since two stacks cannot share its name.
osd_netns_claim() {
  if [[ ! -e "$OSD_NETNS_REC/$OSD_NETNS" ]] && osd_netns_orphan "$OSD_NETNS"; then
    osd_log "   deleting namespace $OSD_NETNS left by a stack whose processes are gone (no process runs in it)"
    ip netns del "$OSD_NETNS"
    local f name
    for f in /run/netns/osdev-port-*; do
      [[ -e "$f" ]] || continue
      name=$(basename "$f")
      if ! osd_netns_live "$name" || osd_netns_orphan "$name"; then ip netns del "$name" 2>/dev/null || rm -f "$f"; fi
    done
  fi
  osd_netns_add "$OSD_NETNS"
}

# osd_netns_add NAME: create network namespace NAME (recorded first, so down.sh
# finds it even if creation is interrupted) with lo up. No-op if it exists.
osd_netns_add() {
  mkdir -p "$OSD_NETNS_REC"
  : >"$OSD_NETNS_REC/$1"
  if [[ -e "/run/netns/$1" ]] && ! osd_netns_live "$1"; then
    osd_log "   removing /run/netns/$1: a leftover file with no namespace mounted on it"
    ip netns del "$1" 2>/dev/null || rm -f "/run/netns/$1"
  fi
  if [[ ! -e "/run/netns/$1" ]]; then ip netns add "$1"; fi
  ip -n "$1" link set lo up
}

# osd_netns_del_recorded: delete every namespace this stack recorded (the veth
# pairs and the devices Open vSwitch made in them go with them).
osd_netns_del_recorded() {
  local rec name n=0
  [[ -d "$OSD_NETNS_REC" ]] || return 0
  for rec in "$OSD_NETNS_REC"/*; do
    [[ -e "$rec" ]] || continue
    name=$(basename "$rec")
    if [[ -e "/run/netns/$name" ]]; then ip netns del "$name" 2>/dev/null || true; n=$((n + 1)); fi
    rm -f "$rec"
  done
  if (( n > 0 )); then osd_log "   deleted $n network namespace(s)"; fi
}
