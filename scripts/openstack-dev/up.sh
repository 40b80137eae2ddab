#!/usr/bin/env bash
# Bring up a real OpenStack (Keystone, Glance, Placement, Nova with the fake
# virt driver, Neutron with ML2/OVN, Cinder with the NFS driver on a local
# folder, RabbitMQ) from Debian 12 packages, on 127.0.0.1 only (Open vSwitch and
# the per-port "guest" namespaces live in network namespaces of their own), with
# all state under $OSDEV_STATE (default <repo>/.state/openstack).
# Idempotent: services that are already running (same PID and start time as
# recorded) are left alone unless their config changed; DB syncs are skipped
# via marker files. See docs/openstack-dev.md.
#
#   up.sh               bring up (or confirm) the stack, print OS_* variables
#   up.sh --check-only  exit 0 if this machine can host the stack, else 1 + reason
#
# Exit codes: 0 ok, 1 failure, 2 this machine cannot host the stack (one line why).
set -euo pipefail
# `... | osd_put FILE GROUP` must run osd_put in this shell, so that the change
# it records (CHANGED[GROUP]) is seen by must_start.
shopt -s lastpipe

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if [[ "${1:-}" == "--check-only" ]]; then
  if osd_can_run; then echo "osdev: this machine can host the stack"; exit 0; fi
  echo "osdev: cannot run here: $OSD_REASON"; exit 1
fi
if [[ $# -gt 0 ]]; then echo "usage: $0 [--check-only]" >&2; exit 1; fi

if ! osd_can_run; then echo "osdev: cannot run here: $OSD_REASON" >&2; exit 2; fi

# Token lifetime: the variable if given, else what this state folder's cloud
# runs with already (so a plain `up.sh`, e.g. from a test bringing nova-api
# back, never changes it), else one hour.
prev_expiration=$(awk '/^\[/{t=($0=="[token]")} t && $1=="expiration"{print $3}' "$OSD_ETC/keystone/keystone.conf" 2>/dev/null || true)
TOKEN_EXPIRATION="${OSDEV_TOKEN_EXPIRATION:-${prev_expiration:-3600}}"
[[ "$TOKEN_EXPIRATION" =~ ^[0-9]+$ ]] || osd_die "OSDEV_TOKEN_EXPIRATION must be a number of seconds"

OSD_RUN_ID="$(date +%Y%m%dT%H%M%S)"
OSD_RUN_T0="$(osd_now)"
mkdir -p "$OSD_ETC" "$OSD_DATA" "$OSD_LOGS" "$OSD_PIDS"
if osd_alive nova-api; then OSD_RUN_KIND="rerun-running"
elif [[ -f "$OSD_DATA/.dbsync-nova" ]]; then OSD_RUN_KIND="rerun-stopped"
else OSD_RUN_KIND="fresh-state"; fi
osd_packages_installed || OSD_RUN_KIND="fresh-install"
osd_log "state: $OSDEV_STATE ($OSD_RUN_KIND)"

# =================================================================== packages
install_packages() {
  if osd_packages_installed; then return 0; fi
  local created_policy=0
  # Maintainer scripts must start no daemon (rabbitmq would listen on 0.0.0.0)
  # and configure no database (pitfall 2).
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\n# created by osdev up.sh: no daemon starts from maintainer scripts\nexit 101\n' \
      | $OSD_SUDO tee /usr/sbin/policy-rc.d >/dev/null
    $OSD_SUDO chmod 755 /usr/sbin/policy-rc.d
    created_policy=1
    # ours must go again even if the install fails half-way
    trap '$OSD_SUDO rm -f /usr/sbin/policy-rc.d' EXIT
  fi
  local pkg q sel=""
  for pkg in keystone glance-common glance-api placement-common placement-api nova-common nova-api nova-conductor nova-scheduler nova-compute; do
    for q in configure_db dbconfig-install configure_ksat configure_api-endpoint configure_rabbit register-endpoint; do
      sel+="$pkg $pkg/$q boolean false"$'\n'
    done
  done
  sel+="keystone keystone/create-admin-tenant boolean false"$'\n'
  # Neutron's and Cinder's questions are named after the project, not the package.
  for q in neutron-common:neutron/configure_db neutron-common:neutron/configure_rabbit \
           neutron-common:neutron/configure_ksat neutron-common:neutron/configure_nova \
           neutron-api:neutron/configure_api-endpoint cinder-common:cinder/configure_db \
           cinder-common:cinder/configure_rabbit cinder-common:cinder/configure_ksat \
           cinder-api:cinder/configure_api-endpoint; do
    sel+="${q%%:*} ${q#*:} boolean false"$'\n'
  done
  printf '%s' "$sel" | $OSD_SUDO debconf-set-selections
  osd_step_begin "apt-get update"
  $OSD_SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -q >"$OSD_LOGS/apt.log" 2>&1 \
    || { tail -n 20 "$OSD_LOGS/apt.log" >&2; osd_die "apt-get update failed (log: $OSD_LOGS/apt.log)"; }
  osd_step_end
  osd_step_begin "apt-get install"
  # shellcheck disable=SC2086
  $OSD_SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
      -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
      $OSD_PACKAGES >>"$OSD_LOGS/apt.log" 2>&1 \
    || { tail -n 30 "$OSD_LOGS/apt.log" >&2; osd_die "apt-get install failed (log: $OSD_LOGS/apt.log)"; }
  osd_step_end
  if (( created_policy )); then $OSD_SUDO rm -f /usr/sbin/policy-rc.d; trap - EXIT; fi
}

# (steps do not nest: the install records its own "apt-get update" / "apt-get install")
if osd_packages_installed; then
  osd_step_begin "packages (check)"; osd_step_end
else
  install_packages
fi

# Layout assumptions the rest of this script relies on.
for f in /usr/bin/keystone-wsgi-public /usr/bin/placement-api /usr/bin/nova-api-wsgi /usr/bin/glance-api /usr/bin/epmd /usr/lib/rabbitmq/bin/rabbitmq-server \
         /usr/bin/neutron-server /usr/bin/cinder-wsgi /usr/bin/cinder-volume /usr/sbin/ovs-vswitchd /usr/sbin/ovsdb-server /usr/bin/ovn-northd /usr/bin/ovn-controller; do
  [[ -x "$f" ]] || osd_die "$f missing after install (package layout changed?)"
done
for f in /usr/share/ovn/ovn-nb.ovsschema /usr/share/ovn/ovn-sb.ovsschema /usr/share/openvswitch/vswitch.ovsschema; do
  [[ -f "$f" ]] || osd_die "$f missing after install (package layout changed?)"
done

# =================================================================== configs
S="$OSDEV_STATE"; E="$OSD_ETC"; D="$OSD_DATA"
SHIM="$OSD_DIR/shim"
SQLITE_OPTS="timeout=30&check_same_thread=false"   # pitfall 5
OVN_NB="unix:$OSD_RUN/ovn/nb.sock"; OVN_SB="unix:$OSD_RUN/ovn/sb.sock"; OVS_DB="unix:$OSD_RUN/ovs/db.sock"
MYSQL_SOCK="$OSD_RUN/mysqld.sock"
NEUTRON_DB="mysql+pymysql://neutron:neutron@localhost/neutron?unix_socket=$MYSQL_SOCK&charset=utf8mb4"
# Cinder's NFS "share": a local folder, bind-mounted where the driver expects the
# NFS mount (nfs_mount_point_base/<md5 of the share>), see start_cinder.
CINDER_SHARE="127.0.0.1:$D/cinder/export"
CINDER_MNT="$D/cinder/mnt/$(printf '%s' "$CINDER_SHARE" | md5sum | cut -c1-32)"
RUN_USER="$(id -un)"; RUN_GROUP="$(id -gn)"
declare -A CHANGED=()

# osd_put FILE GROUP < content: write FILE only if its content changed, and
# remember that GROUP's running services must be restarted to pick it up.
osd_put() {
  local file=$1 group=$2 tmp
  mkdir -p "$(dirname "$file")"
  tmp="$file.tmp.$$"
  cat >"$tmp"
  if [[ -f "$file" ]] && cmp -s "$tmp" "$file"; then rm -f "$tmp"; return 0; fi
  mv "$tmp" "$file"
  CHANGED[$group]=1
}

# Services authenticate to Keystone as admin (no separate service users).
authblock() {
  cat <<EOF
auth_type = password
auth_url = http://127.0.0.1:5000/v3
username = admin
password = admin
project_name = admin
user_domain_name = Default
project_domain_name = Default
region_name = RegionOne
EOF
}
authtoken() {
  printf '[keystone_authtoken]\nwww_authenticate_uri = http://127.0.0.1:5000/v3\ninterface = public\n'
  authblock
}

# uwsgi ini, replacing Debian's (8-16 workers each: far too many for 2 cores).
# Connection: close avoids keystoneauth reusing a socket uwsgi closed (pitfall 6).
uwsgi_ini() { # port wsgi-file processes threads extra-ini-line...
  local port=$1 wsgi=$2 procs=$3 threads=$4; shift 4
  cat <<EOF
[uwsgi]
plugin = python3
master = true
processes = $procs
threads = $threads
lazy-apps = true
die-on-term = true
need-app = true
http-socket = 127.0.0.1:$port
wsgi-file = $wsgi
add-header = Connection: close
buffer-size = 65535
EOF
  local e; for e in "$@"; do printf '%s\n' "$e"; done
}

write_configs() {
  mkdir -p "$D/keystone" "$D/glance/images" "$D/glance/staging" "$D/glance/cache" \
           "$D/nova/instances" "$D/locks" "$D/rabbitmq/home" "$D/rabbitmq/mnesia" "$OSD_LOGS/rabbitmq"

  # ---- RabbitMQ: loopback only, no plugins, own cookie/HOME (pitfall 14)
  printf 'listeners.tcp.default = 127.0.0.1:5672\nloopback_users.guest = true\nlog.console = true\nlog.console.level = warning\nlog.file = false\n' \
    | osd_put "$E/rabbitmq/rabbitmq.conf" rabbitmq
  printf '[].\n' | osd_put "$E/rabbitmq/enabled_plugins" rabbitmq
  printf '# osdev: deliberately empty, so /etc/rabbitmq/rabbitmq-env.conf is not read\n' \
    | osd_put "$E/rabbitmq/rabbitmq-env.conf" rabbitmq

  # ---- Keystone
  osd_put "$E/keystone/keystone.conf" keystone <<EOF
[DEFAULT]
debug = false
[database]
connection = sqlite:///$D/keystone.sqlite?$SQLITE_OPTS
[identity]
# bcrypt's default 12 rounds cost ~0.3-0.5 s of CPU per password login on this
# 2-core box, and services log in often with short token lifetimes. 4 is the
# bcrypt minimum: fine for a loopback-only dev stack (affects new hashes only).
password_hash_rounds = 4
[token]
provider = fernet
expiration = $TOKEN_EXPIRATION
[fernet_tokens]
key_repository = $D/keystone/fernet-keys
[fernet_receipts]
key_repository = $D/keystone/fernet-keys
[credential]
key_repository = $D/keystone/credential-keys
[cache]
# Without a cache one token validation runs ~500 SQL queries (about 1 s here);
# with it, ~20 ms. An in-process cache is only coherent within one process,
# hence keystone runs as ONE uwsgi process, see its uwsgi.ini below.
enabled = true
backend = dogpile.cache.memory
[oslo_messaging_notifications]
driver = noop
EOF
  # One process (cache coherence, above) and one thread: keystone's process
  # contains eventlet semaphores, and uwsgi threads deadlock on them
  # ("greenlet.error: cannot switch to a different thread", requests hang).
  # With the cache and 4 bcrypt rounds a request takes ~20-60 ms, so one at a
  # time is enough for this stack.
  uwsgi_ini 5000 /usr/bin/keystone-wsgi-public 1 1 "env = OS_KEYSTONE_CONFIG_DIR=$E/keystone" \
    | osd_put "$E/keystone/uwsgi.ini" keystone

  # ---- Glance (eventlet server, 1 worker)
  osd_put "$E/glance/glance-api.conf" glance <<EOF
[DEFAULT]
bind_host = 127.0.0.1
bind_port = 9292
workers = 1
image_cache_dir = $D/glance/cache
node_staging_uri = file://$D/glance/staging
[database]
connection = sqlite:///$D/glance.sqlite?$SQLITE_OPTS
[glance_store]
stores = file,http
default_store = file
filesystem_store_datadir = $D/glance/images/
$(authtoken)
[paste_deploy]
flavor = keystone
config_file = /etc/glance/glance-api-paste.ini
[oslo_concurrency]
lock_path = $D/locks/glance
[oslo_messaging_notifications]
driver = noop
EOF

  # ---- Placement
  osd_put "$E/placement/placement.conf" placement <<EOF
[DEFAULT]
debug = false
[api]
auth_strategy = keystone
[placement_database]
connection = sqlite:///$D/placement.sqlite?$SQLITE_OPTS
$(authtoken)
EOF
  uwsgi_ini 8778 /usr/bin/placement-api 2 4 "env = OS_PLACEMENT_CONFIG_DIR=$E/placement" \
    | osd_put "$E/placement/uwsgi.ini" placement

  # ---- Nova (Debian's nova.conf is half-filled, pitfall 3: write our own)
  osd_put "$E/nova/nova.conf" nova <<EOF
[DEFAULT]
# fixed host name: the compute node / host mapping survive a hostname change
host = osdev
my_ip = 127.0.0.1
state_path = $D/nova
instances_path = $D/nova/instances
transport_url = rabbit://guest:guest@127.0.0.1:5672/
compute_driver = fake.FakeDriver
enabled_apis = osapi_compute
instance_build_timeout = 0
graceful_shutdown_timeout = 5
reserved_host_memory_mb = 0
debug = false
[wsgi]
api_paste_config = $E/nova/api-paste.ini
[api]
auth_strategy = keystone
[api_database]
connection = sqlite:///$D/nova_api.sqlite?$SQLITE_OPTS
[database]
connection = sqlite:///$D/nova.sqlite?$SQLITE_OPTS
[conductor]
workers = 1
[scheduler]
workers = 1
discover_hosts_in_cells_interval = -1
[quota]
# default 10 instances / 20 cores is too few for bulk tests (pitfall 10)
instances = 200
cores = 400
ram = 1024000
$(authtoken)
[placement]
valid_interfaces = public
$(authblock)
[neutron]
valid_interfaces = public
service_metadata_proxy = false
$(authblock)
[glance]
region_name = RegionOne
valid_interfaces = public
[cinder]
os_region_name = RegionOne
catalog_info = volumev3::publicURL
$(authblock)
[service_user]
# nova-api and nova-compute send a service token with the user's: Cinder
# requires it for attachment changes (CVE-2023-2088: detach is 409
# ConflictNovaUsingAttachment without it)
send_service_user_token = true
$(authblock)
[oslo_messaging_notifications]
driver = noop
[oslo_concurrency]
lock_path = $D/locks/nova
[vnc]
enabled = false
[spice]
enabled = false
[serial_console]
enabled = false
EOF
  osd_put "$E/nova/api-paste.ini" nova </etc/nova/api-paste.ini

  # ---- MariaDB (Neutron's database server): unix socket only, small buffers
  mkdir -p "$D/mariadb" "$OSD_RUN"
  osd_put "$E/mariadb/my.cnf" mariadb <<EOF
[mysqld]
datadir = $D/mariadb
socket = $MYSQL_SOCK
pid-file = $OSD_RUN/mysqld.pid
skip-networking
user = $RUN_USER
innodb_buffer_pool_size = 64M
innodb_log_file_size = 32M
innodb_flush_log_at_trx_commit = 2
skip-log-bin
performance_schema = off
max_connections = 200
character-set-server = utf8mb4
collation-server = utf8mb4_general_ci
[client]
socket = $MYSQL_SOCK
EOF

  # ---- Neutron: ML2 with the OVN mechanism driver, L3 and port forwarding
  # in OVN (no agents), DNS integration. One API worker (plus the RPC,
  # periodic and OVN maintenance workers neutron-server always forks).
  mkdir -p "$D/neutron"
  osd_put "$E/neutron/neutron.conf" neutron <<EOF
[DEFAULT]
bind_host = 127.0.0.1
bind_port = 9696
core_plugin = ml2
service_plugins = ovn-router,port_forwarding,auto_allocate
auth_strategy = keystone
api_paste_config = /etc/neutron/api-paste.ini
transport_url = rabbit://guest:guest@127.0.0.1:5672/
state_path = $D/neutron
api_workers = 1
rpc_workers = 1
rpc_state_report_workers = 0
graceful_shutdown_timeout = 5
allow_overlapping_ips = true
notify_nova_on_port_status_changes = true
notify_nova_on_port_data_changes = true
# a non-default domain: with "openstacklocal." Neutron ignores ports' dns_name
dns_domain = osdev.test.
debug = false
[database]
# MariaDB on a unix socket, not SQLite: see start_mariadb
connection = $NEUTRON_DB
# One API worker serves every request on green threads, each holding a connection while it runs: 20 concurrent
# port creates (swarmd's name claims beside the ports Nova makes) exhausted 5 + 10 and answered 500 after 30 s.
# Up to 40 per process, a few processes, inside MariaDB's max_connections (200).
max_pool_size = 10
max_overflow = 30
$(authtoken)
[nova]
interface = public
$(authblock)
[placement]
# the segments notifier asks Placement about a network's segments when it goes
valid_interfaces = public
$(authblock)
[oslo_concurrency]
lock_path = $D/locks/neutron
[oslo_messaging_notifications]
driver = noop
[quotas]
# unlimited: suites create dozens of each (and no quota reservations on SQLite)
quota_network = -1
quota_subnet = -1
quota_port = -1
quota_router = -1
quota_floatingip = -1
quota_security_group = -1
quota_security_group_rule = -1
[ml2]
type_drivers = local,flat,geneve
tenant_network_types = geneve
mechanism_drivers = ovn
extension_drivers = port_security,dns_domain_ports
overlay_ip_version = 4
[ml2_type_geneve]
vni_ranges = 1:65536
max_header_size = 38
[ml2_type_flat]
flat_networks = public
[securitygroup]
enable_security_group = true
[ovn]
ovn_nb_connection = $OVN_NB
ovn_sb_connection = $OVN_SB
ovn_l3_scheduler = leastloaded
ovn_metadata_enabled = false
enable_distributed_floating_ip = false
EOF

  # ---- Cinder: NFS driver on a local folder (see start_cinder)
  mkdir -p "$D/cinder/export" "$D/cinder/mnt" "$D/cinder/state"
  printf '%s\n' "$CINDER_SHARE" | osd_put "$E/cinder/nfs_shares" cinder
  osd_put "$E/cinder/cinder.conf" cinder <<EOF
[DEFAULT]
host = $OSD_HOST
my_ip = 127.0.0.1
state_path = $D/cinder/state
transport_url = rabbit://guest:guest@127.0.0.1:5672/
auth_strategy = keystone
api_paste_config = /etc/cinder/api-paste.ini
rootwrap_config = /etc/cinder/rootwrap.conf
glance_api_servers = http://127.0.0.1:9292
enabled_backends = nfs
default_volume_type = nfs
graceful_shutdown_timeout = 5
# quotas from this file (not the DB's default class), unlimited
use_default_quota_class = false
quota_volumes = -1
quota_snapshots = -1
quota_gigabytes = -1
quota_backups = -1
quota_backup_gigabytes = -1
quota_groups = -1
debug = false
[database]
connection = sqlite:///$D/cinder.sqlite?$SQLITE_OPTS
$(authtoken)
# nova-api sends a service token with every call (service_user above)
service_token_roles_required = true
service_token_roles = admin
[nova]
interface = public
$(authblock)
[oslo_concurrency]
lock_path = $D/locks/cinder
[oslo_messaging_notifications]
driver = noop
[nfs]
volume_driver = cinder.volume.drivers.nfs.NfsDriver
volume_backend_name = nfs
nfs_shares_config = $E/cinder/nfs_shares
nfs_mount_point_base = $D/cinder/mnt
nfs_sparsed_volumes = true
nfs_snapshot_support = true
nas_secure_file_operations = false
nas_secure_file_permissions = false
EOF
  uwsgi_ini 8776 /usr/bin/cinder-wsgi 2 1 "pyargv = --config-file $E/cinder/cinder.conf" \
    | osd_put "$E/cinder/uwsgi.ini" cinder
  uwsgi_ini 8774 /usr/bin/nova-api-wsgi 2 1 "env = OS_NOVA_CONFIG_DIR=$E/nova" \
    | osd_put "$E/nova/uwsgi.ini" nova
}

osd_step_begin "write configs"
write_configs
osd_step_end

# =================================================================== databases
# A DB is (re)synced only if its marker is missing, the package version changed,
# the DB file is gone, or OSDEV_FORCE_DBSYNC=1. Syncs are 3-4 s per manage call.
pkgver() { dpkg-query -W -f='${Version}' "$1" 2>/dev/null || echo unknown; }
need_sync() { # name dbfile pkg
  local m="$D/.dbsync-$1"
  [[ "${OSDEV_FORCE_DBSYNC:-0}" == 1 ]] && return 0
  [[ -f "$m" && -e "$2" && "$(cat "$m")" == "$(pkgver "$3")" ]] && return 1
  return 0
}
mark_synced() { pkgver "$2" >"$D/.dbsync-$1"; }
wal() { local f; for f in "$@"; do "$OSD_PY" -c 'import sqlite3,sys; sqlite3.connect(sys.argv[1]).execute("PRAGMA journal_mode=WAL")' "$f"; done; }

# BEGIN IMMEDIATE shim: Nova and Cinder processes only (pitfalls 8, 9),
# restarted when the shim changes.
NOVA_ENV=(env "PYTHONPATH=$SHIM")
CINDER_ENV=(env "PYTHONPATH=$SHIM")
sha256sum <"$SHIM/sitecustomize.py" | osd_put "$E/shim.sha256" shim
KCONF=(--config-file "$E/keystone/keystone.conf")
NCONF=(--config-file "$E/nova/nova.conf")

sync_keystone() {
  if ! need_sync keystone "$D/keystone.sqlite" keystone; then return 0; fi
  # (a `{ } || handler` group ignores set -e inside, hence the && chain)
  {
    keystone-manage "${KCONF[@]}" db_sync &&
    keystone-manage "${KCONF[@]}" fernet_setup --keystone-user "$RUN_USER" --keystone-group "$RUN_GROUP" &&
    keystone-manage "${KCONF[@]}" credential_setup --keystone-user "$RUN_USER" --keystone-group "$RUN_GROUP" &&
    keystone-manage "${KCONF[@]}" bootstrap --bootstrap-password admin --bootstrap-username admin \
      --bootstrap-project-name admin --bootstrap-role-name admin --bootstrap-service-name keystone \
      --bootstrap-region-id RegionOne --bootstrap-admin-url http://127.0.0.1:5000/v3 \
      --bootstrap-internal-url http://127.0.0.1:5000/v3 --bootstrap-public-url http://127.0.0.1:5000/v3
  } >>"$OSD_LOGS/dbsync-keystone.log" 2>&1 \
    || { tail -n 30 "$OSD_LOGS/dbsync-keystone.log" >&2; osd_die "keystone db/bootstrap failed"; }
  wal "$D/keystone.sqlite"
  mark_synced keystone keystone
}
sync_glance() {
  if ! need_sync glance "$D/glance.sqlite" glance-common; then return 0; fi
  glance-manage --config-file "$E/glance/glance-api.conf" db_sync >>"$OSD_LOGS/dbsync-glance.log" 2>&1 \
    || { tail -n 30 "$OSD_LOGS/dbsync-glance.log" >&2; return 1; }
  wal "$D/glance.sqlite"; mark_synced glance glance-common
}
sync_placement() {
  if ! need_sync placement "$D/placement.sqlite" placement-common; then return 0; fi
  # Then load the app once: its start-up fills the traits / resource classes
  # tables. Left to the two uwsgi workers, they both insert at once on a fresh
  # DB, one gets "database is locked", and with need-app uwsgi then takes the
  # whole placement service down a minute later.
  { placement-manage --config-file "$E/placement/placement.conf" db sync &&
    env "OS_PLACEMENT_CONFIG_DIR=$E/placement" "$OSD_PY" -c 'from placement import wsgi; wsgi.init_application()'
  } >>"$OSD_LOGS/dbsync-placement.log" 2>&1 \
    || { tail -n 30 "$OSD_LOGS/dbsync-placement.log" >&2; return 1; }
  wal "$D/placement.sqlite"; mark_synced placement placement-common
}
sync_nova() {
  if ! need_sync nova "$D/nova.sqlite" nova-common; then return 0; fi
  local log="$OSD_LOGS/dbsync-nova.log" rc=0
  {
    "${NOVA_ENV[@]}" nova-manage "${NCONF[@]}" api_db sync &&
    "${NOVA_ENV[@]}" nova-manage "${NCONF[@]}" cell_v2 map_cell0 \
      --database_connection "sqlite:///$D/nova_cell0.sqlite?$SQLITE_OPTS" &&
    { "${NOVA_ENV[@]}" nova-manage "${NCONF[@]}" cell_v2 create_cell --name cell1 || rc=$?
      # exit 2 = this cell exists already (re-sync after a package upgrade)
      (( rc == 0 || rc == 2 )); } &&
    "${NOVA_ENV[@]}" nova-manage "${NCONF[@]}" db sync
  } >>"$log" 2>&1 || { tail -n 30 "$log" >&2; return 1; }
  wal "$D/nova_api.sqlite" "$D/nova.sqlite" "$D/nova_cell0.sqlite"
  rm -f "$D/.hostmapped"
  mark_synced nova nova-common
}
# Neutron's database on MariaDB. A new one gets its tables from the models and
# is stamped as being at the heads (3 s instead of about a minute of running
# every migration since 2014); an existing one (package upgrade) is upgraded.
mysql_q() { mariadb --defaults-file="$E/mariadb/my.cnf" -N -B -e "$1"; }
sync_neutron() {
  local log="$OSD_LOGS/dbsync-neutron.log" conf=(--config-file "$E/neutron/neutron.conf") have
  have=$(mysql_q "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema='neutron' AND table_name='alembic_version'") \
    || { echo "osdev: cannot query MariaDB" >&2; return 1; }
  if [[ "$have" == 1 ]] && ! need_sync neutron "$D/mariadb/neutron" neutron-common; then return 0; fi
  mysql_q "CREATE DATABASE IF NOT EXISTS neutron CHARACTER SET utf8mb4;
           CREATE USER IF NOT EXISTS 'neutron'@'localhost' IDENTIFIED BY 'neutron';
           GRANT ALL PRIVILEGES ON neutron.* TO 'neutron'@'localhost';" >>"$log" 2>&1 \
    || { tail -n 30 "$log" >&2; return 1; }
  if [[ "$have" == 1 ]]; then
    neutron-db-manage "${conf[@]}" upgrade heads >>"$log" 2>&1 || { tail -n 30 "$log" >&2; return 1; }
  else
    { "$OSD_PY" -c 'import sys, sqlalchemy
from neutron.db.migration.models import head
md = head.get_metadata(); md.create_all(sqlalchemy.create_engine(sys.argv[1]))
print("neutron: %d tables created from the models" % len(md.tables))' "$NEUTRON_DB" &&
      neutron-db-manage "${conf[@]}" stamp heads
    } >>"$log" 2>&1 || { tail -n 30 "$log" >&2; mysql_q "DROP DATABASE neutron" || true; return 1; }
    # OVN's northbound DB mirrors Neutron's: a new Neutron DB needs new OVN DBs
    touch "$D/.ovn-reset"
  fi
  mark_synced neutron neutron-common
}
sync_cinder() {
  if ! need_sync cinder "$D/cinder.sqlite" cinder-common; then return 0; fi
  "${CINDER_ENV[@]}" cinder-manage --config-file "$E/cinder/cinder.conf" db sync >>"$OSD_LOGS/dbsync-cinder.log" 2>&1 \
    || { tail -n 30 "$OSD_LOGS/dbsync-cinder.log" >&2; return 1; }
  wal "$D/cinder.sqlite"; mark_synced cinder cinder-common
}

# ============================================================ service control
# must_start NAME "GROUP...": true if NAME must be (re)started; stops it first
# if it runs with an outdated config (a file of one of its groups changed).
must_start() {
  local name=$1 group changed=""
  for group in $2; do if [[ -n "${CHANGED[$group]:-}" ]]; then changed=1; fi; done
  if osd_alive "$name"; then
    if [[ -n "$changed" ]]; then
      osd_log "   $name: config changed, restarting"
      osd_stop_many 20 "$name"
      return 0
    fi
    return 1
  fi
  rm -f "$(osd_pidfile "$name")"
  # a port held by a process we did not start is a hard error, not something to kill
  local np port
  for np in $OSD_PORTS; do
    if [[ "${np%%:*}" == "$name" ]]; then
      port=${np##*:}
      if osd_tcp_open "$port"; then osd_die "port 127.0.0.1:$port needed by $name is in use by a process this stack did not start"; fi
    fi
  done
  return 0
}

RABBIT_ENV=(env "HOME=$D/rabbitmq/home"
  "RABBITMQ_NODENAME=rabbit@localhost"
  "RABBITMQ_MNESIA_BASE=$D/rabbitmq/mnesia"
  "RABBITMQ_LOG_BASE=$OSD_LOGS/rabbitmq"
  "RABBITMQ_CONFIG_FILE=$E/rabbitmq/rabbitmq.conf"
  "RABBITMQ_ADVANCED_CONFIG_FILE=$E/rabbitmq/advanced.config"
  "RABBITMQ_CONF_ENV_FILE=$E/rabbitmq/rabbitmq-env.conf"
  "RABBITMQ_ENABLED_PLUGINS_FILE=$E/rabbitmq/enabled_plugins"
  "RABBITMQ_PID_FILE=$D/rabbitmq/rabbit.pid"
  "RABBITMQ_DIST_PORT=25672"
  "ERL_EPMD_ADDRESS=127.0.0.1"
  "ERL_CRASH_DUMP=$OSD_LOGS/rabbitmq/erl_crash.dump"
  "RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS=-kernel inet_dist_use_interface {127,0,0,1}")

# MariaDB, for Neutron only. Neutron on SQLite (tables from the models) works
# for sequential use, but its eventlet green threads hold write transactions
# across yields (OVN database round trips, callbacks) while other green threads
# of the same process wait in SQLite's blocking busy handler: "database is
# locked" after 30 s for routers, auto-allocation and the OVN maintenance
# worker; and BEGIN IMMEDIATE (the Nova shim) makes its long read sessions hold
# the write lock. Unix socket only (skip-networking), data in the state folder.
mysql_up() { mariadb --defaults-file="$E/mariadb/my.cnf" -e 'SELECT 1' >/dev/null 2>&1; }
start_mariadb() {
  if [[ ! -d "$D/mariadb/mysql" ]]; then
    mariadb-install-db --defaults-file="$E/mariadb/my.cnf" --auth-root-authentication-method=socket \
      --skip-test-db >"$OSD_LOGS/mariadb-install-db.log" 2>&1 \
      || { tail -n 20 "$OSD_LOGS/mariadb-install-db.log" >&2; osd_die "mariadb-install-db failed"; }
  fi
  if must_start mariadb mariadb; then
    osd_start mariadb mariadbd --defaults-file="$E/mariadb/my.cnf"
  fi
  osd_wait mariadb 60 mysql_up
}

start_rabbit() {
  if must_start epmd none; then
    osd_start epmd env ERL_EPMD_ADDRESS=127.0.0.1 /usr/bin/epmd -address 127.0.0.1 -port 4369
  fi
  osd_wait epmd 20 osd_tcp_open 4369
  if must_start rabbitmq rabbitmq; then
    # run the broker directly as this user: /usr/sbin/rabbitmq-server would `su rabbitmq`
    osd_start rabbitmq "${RABBIT_ENV[@]}" /usr/lib/rabbitmq/bin/rabbitmq-server
  fi
  osd_wait rabbitmq 90 osd_tcp_open 5672
}

# ---------------------------------------------------------------- OVN / OVS
# OVN's northbound and southbound databases, ovn-northd, and one chassis (named
# like Nova's compute host) whose Open vSwitch runs in userspace
# (datapath_type=netdev: there is no openvswitch kernel module here) inside the
# namespace $OSD_NETNS, so br-int, br-ex and the ports' taps never appear among
# the machine's interfaces. Every database listens on a unix socket only.
OVS_ENV=(env "OVS_RUNDIR=$OSD_RUN/ovs" "OVS_DBDIR=$D/ovs" "OVS_LOGDIR=$OSD_LOGS" "OVN_RUNDIR=$OSD_RUN/ovn" "OVN_DBDIR=$D/ovn" "OVN_LOGDIR=$OSD_LOGS")
OVS_LOGOPTS=(-vconsole:info -vsyslog:off)
VSCTL=(ovs-vsctl "--db=$OVS_DB" --timeout=20)
# the external network's "outside": br-ex's address in $OSD_NETNS
PUBLIC_GW=172.24.4.1/24

ovsdb_file() { # FILE SCHEMA: create, or convert after a package upgrade
  if [[ ! -f "$1" ]]; then ovsdb-tool create "$1" "$2"
  elif [[ "$(ovsdb-tool needs-conversion "$1" "$2")" == yes ]]; then ovsdb-tool convert "$1" "$2"; fi
}
ovsdb_up() { ovsdb-client list-dbs "$1" >/dev/null 2>&1; }
br_ex_up() { ip -n "$OSD_NETNS" link show br-ex >/dev/null 2>&1; }
chassis_up() { [[ -n "$(ovn-sbctl "--db=$OVN_SB" --timeout=5 --bare --columns=name find Chassis "name=$OSD_HOST" 2>/dev/null)" ]]; }

start_ovn() {
  mkdir -p "$D/ovn" "$D/ovs" "$OSD_RUN/ovn" "$OSD_RUN/ovs"
  if [[ -f "$D/.ovn-reset" ]]; then
    osd_log "   new Neutron database: starting OVN's databases afresh"
    osd_stop_many 20 neutron ovn-controller ovn-northd ovn-nb ovn-sb
    rm -f "$D/ovn/ovnnb_db.db" "$D/ovn/ovnsb_db.db"
    rm -f "$D/.ovn-reset"
  fi
  ovsdb_file "$D/ovn/ovnnb_db.db" /usr/share/ovn/ovn-nb.ovsschema
  ovsdb_file "$D/ovn/ovnsb_db.db" /usr/share/ovn/ovn-sb.ovsschema
  ovsdb_file "$D/ovs/conf.db" /usr/share/openvswitch/vswitch.ovsschema
  local db sock
  for db in nb sb; do
    if must_start "ovn-$db" none; then
      osd_start "ovn-$db" "${OVS_ENV[@]}" ovsdb-server "$D/ovn/ovn${db}_db.db" "--remote=punix:$OSD_RUN/ovn/$db.sock" \
        "--unixctl=$OSD_RUN/ovn/$db.ctl" "${OVS_LOGOPTS[@]}"
    fi
  done
  if must_start ovs-db none; then
    osd_start ovs-db "${OVS_ENV[@]}" ovsdb-server "$D/ovs/conf.db" "--remote=punix:$OSD_RUN/ovs/db.sock" \
      "--unixctl=$OSD_RUN/ovs/db.ctl" "${OVS_LOGOPTS[@]}"
  fi
  osd_wait ovn-nb 30 ovsdb_up "$OVN_NB"
  osd_wait ovn-sb 30 ovsdb_up "$OVN_SB"
  osd_wait ovs-db 30 ovsdb_up "$OVS_DB"
  ovn-nbctl "--db=$OVN_NB" --timeout=20 init
  ovn-sbctl "--db=$OVN_SB" --timeout=20 init
  if must_start ovn-northd none; then
    osd_start ovn-northd "${OVS_ENV[@]}" ovn-northd "--ovnnb-db=$OVN_NB" "--ovnsb-db=$OVN_SB" \
      "--unixctl=$OSD_RUN/ovn/northd.ctl" "${OVS_LOGOPTS[@]}"
  fi

  # The chassis: what ovn-controller reads from the local Open_vSwitch row.
  "${VSCTL[@]}" --no-wait init
  "${VSCTL[@]}" --no-wait set Open_vSwitch . \
    "external_ids:system-id=$OSD_HOST" "external_ids:hostname=$OSD_HOST" \
    "external_ids:ovn-remote=\"$OVN_SB\"" external_ids:ovn-encap-type=geneve external_ids:ovn-encap-ip=127.0.0.1 \
    external_ids:ovn-bridge-datapath-type=netdev 'external_ids:ovn-bridge-mappings="public:br-ex"' \
    external_ids:ovn-cms-options=enable-chassis-as-gw
  "${VSCTL[@]}" --no-wait --may-exist add-br br-ex -- set Bridge br-ex datapath_type=netdev

  osd_netns_claim
  if must_start ovs-vswitchd none; then
    # nsenter (not `ip netns exec`): only the network namespace changes
    osd_start ovs-vswitchd "${OVS_ENV[@]}" nsenter "--net=/run/netns/$OSD_NETNS" \
      ovs-vswitchd "$OVS_DB" "--unixctl=$OSD_RUN/ovs/vswitchd.ctl" "${OVS_LOGOPTS[@]}"
  fi
  osd_wait ovs-vswitchd 30 br_ex_up
  ip -n "$OSD_NETNS" addr replace "$PUBLIC_GW" dev br-ex
  ip -n "$OSD_NETNS" link set br-ex up
  if must_start ovn-controller none; then
    osd_start ovn-controller "${OVS_ENV[@]}" ovn-controller "$OVS_DB" "${OVS_LOGOPTS[@]}"
  fi
  osd_wait ovn-northd 30 ovsdb_up "$OVN_NB"
  osd_wait ovn-controller 60 chassis_up
}

start_api_services() {
  # the read-only Neutron stand-in of earlier versions of this script
  if osd_alive neutron-stub; then osd_stop_many 20 neutron-stub; fi
  rm -f "$(osd_pidfile neutron-stub)"
  if must_start glance glance; then
    osd_start glance glance-api --config-file "$E/glance/glance-api.conf"
  fi
  if must_start placement placement; then
    osd_start placement uwsgi --ini "$E/placement/uwsgi.ini"
  fi
  if must_start neutron neutron; then
    osd_start neutron neutron-server --config-file "$E/neutron/neutron.conf"
  fi
  if must_start cinder-api "cinder shim"; then
    osd_start cinder-api "${CINDER_ENV[@]}" uwsgi --ini "$E/cinder/uwsgi.ini"
  fi
  if must_start nova-api "nova shim"; then
    osd_start nova-api "${NOVA_ENV[@]}" uwsgi --ini "$E/nova/uwsgi.ini"
  fi
  osd_wait glance 90 osd_http_up http://127.0.0.1:9292/
  osd_wait placement 90 osd_http_up http://127.0.0.1:8778/
  osd_wait neutron 90 osd_http_up http://127.0.0.1:9696/
  osd_wait cinder-api 90 osd_http_up http://127.0.0.1:8776/
  osd_wait nova-api 120 osd_http_up http://127.0.0.1:8774/
}

# Cinder's scheduler and volume service. cinder-volume runs in a mount
# namespace of its own, where the share folder is bind-mounted on the NFS
# driver's mount point: the driver only checks that the mount point is mounted,
# then works on files (sparse volume files, qemu-img). There is no NFS client or
# server here (no kernel support), and nothing shows in the machine's mount table.
start_cinder() {
  local started=()
  if must_start cinder-scheduler "cinder shim"; then
    osd_start cinder-scheduler "${CINDER_ENV[@]}" cinder-scheduler --config-file "$E/cinder/cinder.conf"
    started+=(cinder-scheduler)
  fi
  if must_start cinder-volume "cinder shim"; then
    mkdir -p "$CINDER_MNT"
    osd_start cinder-volume unshare --mount --propagation private -- \
      /bin/sh -c 'mount --bind "$0" "$1" && shift && exec "$@"' "$D/cinder/export" "$CINDER_MNT" \
      "${CINDER_ENV[@]}" cinder-volume --config-file "$E/cinder/cinder.conf"
    started+=(cinder-volume)
  fi
  local svc
  for svc in ${started[@]+"${started[@]}"}; do
    case $svc in
      cinder-scheduler) osd_wait "$svc" 120 osd_log_has "$svc" "Starting cinder-scheduler node" ;;
      cinder-volume) osd_wait "$svc" 120 osd_log_has "$svc" "Driver post RPC initialization completed" ;;
    esac
  done
}

# The port plugger for the fake driver's servers (vifplug.py); restarted when
# the script itself changes.
start_vifplug() {
  sha256sum <"$OSD_DIR/vifplug.py" | osd_put "$E/vifplug/vifplug.sha256" vifplug
  if must_start vifplug vifplug; then
    osd_start vifplug "$OSD_PY" "$OSD_DIR/vifplug.py" --nb "$OVN_NB" --sb "$OVN_SB" --ovs "$OVS_DB" \
      --chassis "$OSD_HOST" --netns "$OSD_NETNS" --records "$OSD_NETNS_REC"
  fi
  osd_wait vifplug 30 osd_log_has vifplug "watching"
}

# The OVN chassis is a live "OVN Controller Gateway agent" for Neutron (it may
# host router gateways), with the bridge mappings that let ports on the flat
# public network bind: Neutron reads both from the chassis' external_ids, where
# vifplug copies them.
network_agent_ready() {
  curl -s -m 10 -H "X-Auth-Token: $1" "http://127.0.0.1:9696/v2.0/agents?host=$OSD_HOST" \
    | pyjson 'sys.exit(0 if any(a["alive"] and a["agent_type"]=="OVN Controller Gateway agent" and "public:br-ex" in a["configurations"].get("bridge-mappings","") for a in d["agents"]) else 1)'
}
wait_network_agent() {
  local tok t0; tok=$(osd_token); t0=$(date +%s)
  until network_agent_ready "$tok"; do
    if ! osd_alive neutron; then osd_fail_service neutron "exited"; fi
    if (( $(date +%s) - t0 > 60 )); then osd_fail_service vifplug "OVN chassis $OSD_HOST not an alive Neutron agent with bridge mappings after 60s"; fi
    sleep 0.5
  done
}

start_nova_services() {
  local svc started=()
  for svc in conductor scheduler compute; do
    if must_start "nova-$svc" "nova shim"; then
      osd_start "nova-$svc" "${NOVA_ENV[@]}" "nova-$svc" "${NCONF[@]}"
      started+=("$svc")
    fi
  done
  # "compute service list" shows an old process as up for a while after a
  # restart, so wait for this start's own log line instead (pitfall 13).
  for svc in ${started[@]+"${started[@]}"}; do
    osd_wait "nova-$svc" 120 osd_log_has "nova-$svc" "Starting $svc node"
  done
}

# JSON helper: python3 -c CODE reads stdin as `d`
pyjson() { "$OSD_PY" -c "import json,sys; d=json.load(sys.stdin); $1" 2>/dev/null; }

# The compute node's resource provider exists in Placement (it is created right
# after the compute node record).
compute_rp_ready() {
  curl -s -m 10 -H "X-Auth-Token: $1" http://127.0.0.1:8778/resource_providers \
    | pyjson 'sys.exit(0 if any(r["name"]=="osdev" for r in d.get("resource_providers",[])) else 1)'
}
# The hypervisor is listed and up: only true once the host is mapped to cell1
# (os-hypervisors skips unmapped hosts).
hypervisor_ready() {
  curl -s -m 10 -H "X-Auth-Token: $1" http://127.0.0.1:8774/v2.1/os-hypervisors \
    | pyjson 'sys.exit(0 if any(h.get("hypervisor_hostname")=="osdev" and h.get("state")=="up" for h in d.get("hypervisors",[])) else 1)'
}

map_compute_host() {
  local tok t0
  tok=$(osd_token); [[ -n "$tok" ]] || osd_die "cannot get a Keystone token"
  t0=$(date +%s)
  if [[ -f "$D/.hostmapped" ]]; then
    # mapped before: only wait for the (re)started compute service to report in
    until hypervisor_ready "$tok"; do
      if ! osd_alive nova-compute; then osd_fail_service nova-compute "exited"; fi
      if (( $(date +%s) - t0 > 30 )); then break; fi
      sleep 0.5
    done
    if hypervisor_ready "$tok"; then return 0; fi
  fi
  until compute_rp_ready "$tok"; do
    if ! osd_alive nova-compute; then osd_fail_service nova-compute "exited"; fi
    if (( $(date +%s) - t0 > 120 )); then osd_fail_service nova-compute "created no resource provider within 120s"; fi
    sleep 0.5
  done
  "${NOVA_ENV[@]}" nova-manage "${NCONF[@]}" cell_v2 discover_hosts --verbose >>"$OSD_LOGS/discover-hosts.log" 2>&1 \
    || { tail -n 20 "$OSD_LOGS/discover-hosts.log" >&2; osd_die "nova-manage cell_v2 discover_hosts failed"; }
  touch "$D/.hostmapped"
  until hypervisor_ready "$tok"; do
    if (( $(date +%s) - t0 > 120 )); then osd_fail_service nova-compute "hypervisor osdev not listed as up within 120s"; fi
    sleep 0.5
  done
}

# Fast checks so a re-run does not start openstacksdk (about 2 s each) for nothing.
catalog_ok() {
  curl -s -m 20 -H 'Content-Type: application/json' -d '{"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"admin","domain":{"name":"Default"},"password":"admin"}}},"scope":{"project":{"name":"admin","domain":{"name":"Default"}}}}}' \
    http://127.0.0.1:5000/v3/auth/tokens | pyjson '
want={"identity":"http://127.0.0.1:5000/v3","image":"http://127.0.0.1:9292","placement":"http://127.0.0.1:8778","compute":"http://127.0.0.1:8774/v2.1","network":"http://127.0.0.1:9696",
      "volumev3":"http://127.0.0.1:8776/v3/"+d["token"]["project"]["id"]}
have={(s["type"],e["interface"]):e["url"] for s in d["token"]["catalog"] for e in s["endpoints"] if e.get("region_id")=="RegionOne"}
sys.exit(0 if all(have.get((t,i))==u for t,u in want.items() for i in ("public","internal","admin")) else 1)'
}
resources_ok() {
  local tok; tok=$(osd_token)
  curl -s -m 10 -H "X-Auth-Token: $tok" http://127.0.0.1:8774/v2.1/flavors/detail \
    | pyjson 'f={x["name"]:(x["vcpus"],x["ram"],x["disk"]) for x in d["flavors"]}; sys.exit(0 if f.get("m1.tiny")==(1,512,1) and f.get("m1.small")==(1,2048,20) and f.get("m1.medium")==(2,4096,40) else 1)' \
    && curl -s -m 10 -H "X-Auth-Token: $tok" 'http://127.0.0.1:9292/v2/images?name=cirros' \
    | pyjson 'sys.exit(0 if any(i["status"]=="active" for i in d["images"]) else 1)' \
    && curl -s -m 10 -H "X-Auth-Token: $tok" "http://127.0.0.1:8776/v3/$(admin_project_id "$tok")/types" \
    | pyjson 'sys.exit(0 if any(t["name"]=="nfs" and t["extra_specs"].get("volume_backend_name")=="nfs" for t in d["volume_types"]) else 1)'
}
admin_project_id() {
  curl -s -m 10 -H "X-Auth-Token: $1" -H "X-Subject-Token: $1" http://127.0.0.1:5000/v3/auth/tokens \
    | pyjson 'print(d["token"]["project"]["id"])'
}
# What bootstrap.py network makes: see docs/openstack-dev.md.
network_ok() {
  local tok; tok=$(osd_token)
  curl -s -m 10 -H "X-Auth-Token: $tok" 'http://127.0.0.1:9696/v2.0/networks?name=public&router:external=true' \
    | pyjson 'sys.exit(0 if len(d["networks"])==1 and d["networks"][0]["is_default"] and d["networks"][0]["subnets"] else 1)' \
    && curl -s -m 10 -H "X-Auth-Token: $tok" 'http://127.0.0.1:9696/v2.0/subnetpools?name=shared-default-subnetpool-v4' \
    | pyjson 'sys.exit(0 if len(d["subnetpools"])==1 and d["subnetpools"][0]["is_default"] and d["subnetpools"][0]["shared"] else 1)' \
    && curl -s -m 10 -H "X-Auth-Token: $tok" 'http://127.0.0.1:9696/v2.0/routers?name=router1' \
    | pyjson 'sys.exit(0 if len(d["routers"])==1 and d["routers"][0]["external_gateway_info"] else 1)'
}

export OS_AUTH_URL=http://127.0.0.1:5000/v3
bootstrap() { timeout 300 "$OSD_PY" "$OSD_DIR/bootstrap.py" "$1" 2>>"$OSD_LOGS/bootstrap.log" || { tail -n 30 "$OSD_LOGS/bootstrap.log" >&2; osd_die "bootstrap.py $1 failed"; }; }

# =================================================================== run
ALL_SERVICES="epmd rabbitmq mariadb keystone glance placement ovn-nb ovn-sb ovn-northd ovs-db ovs-vswitchd ovn-controller neutron cinder-api nova-api nova-conductor nova-scheduler nova-compute cinder-scheduler cinder-volume vifplug"
osd_step_begin "rabbitmq + epmd"
start_rabbit
osd_step_end

osd_step_begin "mariadb"
start_mariadb
osd_step_end

osd_step_begin "keystone db/bootstrap"
sync_keystone
osd_step_end

osd_step_begin "keystone start"
if must_start keystone keystone; then osd_start keystone uwsgi --ini "$E/keystone/uwsgi.ini"; fi
osd_wait keystone 90 osd_http_up http://127.0.0.1:5000/v3
osd_step_end

osd_step_begin "catalog"
if ! catalog_ok; then bootstrap catalog; fi
osd_step_end

osd_step_begin "glance + placement + nova + neutron + cinder db sync"
# different SQLite files: run them in parallel
sync_glance & p1=$!
sync_placement & p2=$!
sync_neutron & p3=$!
sync_cinder & p4=$!
sync_nova || osd_die "nova db sync failed (log: $OSD_LOGS/dbsync-nova.log)"
wait "$p1" || osd_die "glance db sync failed (log: $OSD_LOGS/dbsync-glance.log)"
wait "$p2" || osd_die "placement db sync failed (log: $OSD_LOGS/dbsync-placement.log)"
wait "$p3" || osd_die "neutron db creation failed (log: $OSD_LOGS/dbsync-neutron.log)"
wait "$p4" || osd_die "cinder db sync failed (log: $OSD_LOGS/dbsync-cinder.log)"
osd_step_end

osd_step_begin "ovn databases, northd, open vswitch, ovn-controller"
start_ovn
osd_step_end

osd_step_begin "glance, placement, neutron, cinder-api, nova-api start"
start_api_services
osd_step_end

osd_step_begin "nova conductor/scheduler/compute start"
start_nova_services
osd_step_end

osd_step_begin "cinder scheduler/volume start"
start_cinder
osd_step_end

osd_step_begin "vifplug + ovn chassis alive in neutron"
start_vifplug
wait_network_agent
osd_step_end

osd_step_begin "compute node registered + host mapped"
map_compute_host
osd_step_end

osd_step_begin "flavors + image + volume type"
if ! resources_ok; then bootstrap resources; fi
osd_step_end

osd_step_begin "external network, subnet pool, router"
if ! network_ok; then bootstrap network; fi
osd_step_end

# A service may pass its readiness probe and still die right after (e.g. one
# uwsgi worker failing to load the app): check them all once more.
for svc in $ALL_SERVICES; do
  osd_alive "$svc" || osd_fail_service "$svc" "is no longer running"
done

cat >"$S/openrc" <<'EOF'
# OpenStack dev stack on 127.0.0.1 (written by scripts/openstack-dev/up.sh)
export OS_AUTH_URL=http://127.0.0.1:5000/v3
export OS_IDENTITY_API_VERSION=3
export OS_USERNAME=admin
export OS_PASSWORD=admin
export OS_PROJECT_NAME=admin
export OS_USER_DOMAIN_NAME=Default
export OS_PROJECT_DOMAIN_NAME=Default
export OS_REGION_NAME=RegionOne
export OS_INTERFACE=public
export OS_COMPUTE_API_VERSION=2.latest
export OS_VOLUME_API_VERSION=3
EOF

total=$(osd_since "$OSD_RUN_T0")
printf '%s\t%s\t%s\t%s\n' "$OSD_RUN_ID" "$OSD_RUN_KIND" "TOTAL up.sh" "$total" >>"$OSD_TIMINGS"
osd_log "stack is up (${total}s, $OSD_RUN_KIND). Environment (also in $S/openrc):"
grep '^export' "$S/openrc"
