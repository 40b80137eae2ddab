#!/usr/bin/env bash
# Stop the local OpenStack dev stack: only the processes up.sh started, found
# through the PID files in $OSDEV_STATE/pids and checked against their recorded
# start time (a recycled PID is never signalled). Each service gets SIGTERM;
# whatever is left of its session and descendants after the timeout gets
# SIGKILL (Erlang helpers setsid themselves, so a session alone misses them).
# Then deletes the network namespaces recorded in $OSDEV_STATE/netns.
# Never matches processes by name. State (DBs, configs, logs) is kept:
# `up.sh` brings the same stack back. Remove $OSDEV_STATE to start from zero.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if [[ ! -d "$OSD_PIDS" ]]; then echo "osdev: nothing to stop (no $OSD_PIDS)"; exit 0; fi
t0=$(osd_now)

# Nova and Cinder services first (they talk to everything else), APIs next,
# then OVN and Open vSwitch, the broker last, so no service spends its shutdown
# reconnecting to a dead broker.
osd_stop_many 20 nova-compute nova-scheduler nova-conductor nova-api cinder-volume cinder-scheduler cinder-api
osd_stop_many 20 vifplug neutron glance placement keystone
osd_stop_many 20 ovn-controller ovs-vswitchd ovn-northd
osd_stop_many 20 ovs-db ovn-nb ovn-sb mariadb
osd_stop_many 20 rabbitmq
osd_stop_many 10 epmd

# Anything else recorded (should not exist, but never leave a record behind
# while its process still runs).
for pf in "$OSD_PIDS"/*.pid; do
  [[ -e "$pf" ]] || continue
  name=$(basename "$pf" .pid)
  osd_stop_many 10 "$name"
done

# The namespaces up.sh and vifplug.py created (osdev-net with Open vSwitch's
# bridges, one osdev-port-<id> per plugged port): deleting them removes their
# veth pairs too. cinder-volume's mount namespace went with its processes.
osd_netns_del_recorded

d=$(osd_since "$t0")
if [[ -d "$OSDEV_STATE" ]]; then printf '%s\t%s\t%s\t%s\n' "$(date +%Y%m%dT%H%M%S)" down "TOTAL down.sh" "$d" >>"$OSD_TIMINGS"; fi
echo "osdev: stack stopped (${d}s)"
