#!/usr/bin/python3
"""Plug Neutron ports of Nova's fake servers into OVN, as os-vif would.

Nova's fake virt driver "spawns" servers without plugging anything, so OVN
never sees the port on a chassis and Neutron leaves it DOWN. This watcher does
what libvirt + os-vif do on a real compute host: for every OVN logical switch
port that Neutron bound to our chassis for a Nova server (options
requested-chassis = our chassis, neutron:device_owner compute:*), it creates

  * a network namespace osdev-port-<port id> standing in for the guest: eth0
    with the port's MAC, IP addresses, MTU and a default route via the
    subnet's gateway (read from the port's OVN DHCP options);
  * the host side of that veth pair, tap<port id[:11]>, in the Open vSwitch
    namespace, added to br-int with external_ids:iface-id=<port id>.

ovn-controller then claims the port, OVN marks it up, Neutron sets it ACTIVE
and tells Nova (network-vif-plugged). Ports that go away, or are no longer for
our chassis, are unplugged and their namespace deleted. Because the guest side
is a real network stack, a server's IP answers (ARP, TCP resets, and whatever a
test runs in the namespace with `ip netns exec osdev-port-<id> ...`), also
through floating IPs and port forwardings.

It also copies the chassis' ovn-bridge-mappings and ovn-cms-options from
other_config (where OVN 23.03 writes them) to external_ids (where Neutron 21
reads them); without that no port binds on the flat external network and no
router gateway gets scheduled.

Changes are seen through `ovsdb-client monitor` on the NB Logical_Switch_Port
and SB Chassis tables (no polling); a full reconcile also runs every 30 s.
Standard library only; run with Debian's /usr/bin/python3.
"""
import argparse
import json
import os
import select
import signal
import subprocess
import sys
import time

RECONCILE_EVERY = 30.0
TX_OFF = ["ethtool", "-K", "eth0", "tx", "off"]


def log(msg):
    print("%s vifplug: %s" % (time.strftime("%Y-%m-%dT%H:%M:%S"), msg), flush=True)


def run(cmd, check=True):
    p = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, text=True)
    if check and p.returncode != 0:
        raise RuntimeError("%s: exit %d: %s" % (" ".join(cmd), p.returncode, p.stderr.strip()))
    return p


def atom(v):
    """OVSDB JSON value -> Python (maps to dict, sets to list, uuids to str)."""
    if isinstance(v, list) and len(v) == 2 and isinstance(v[0], str):
        kind, body = v
        if kind == "map":
            return {atom(k): atom(x) for k, x in body}
        if kind == "set":
            return [atom(x) for x in body]
        if kind in ("uuid", "named-uuid"):
            return body
    return v


def as_list(v):
    return v if isinstance(v, list) else [v]


def select_rows(remote, db, table, columns, where=None):
    op = {"op": "select", "table": table, "where": where or [], "columns": columns}
    out = run(["ovsdb-client", "transact", remote, json.dumps([db, op])]).stdout
    res = json.loads(out)[0]
    if "error" in res:
        raise RuntimeError("select %s: %s" % (table, res))
    return [{k: atom(v) for k, v in r.items()} for r in res["rows"]]


class Plugger:
    def __init__(self, a):
        self.a = a
        self.vsctl = ["ovs-vsctl", "--db=" + a.ovs, "--timeout=20"]

    # ------------------------------------------------------------ desired state
    def wanted(self):
        lsps = select_rows(self.a.nb, "OVN_Northbound", "Logical_Switch_Port",
                           ["name", "type", "addresses", "options", "external_ids", "dhcpv4_options"])
        dhcp = {r["_uuid"]: r for r in select_rows(self.a.nb, "OVN_Northbound", "DHCP_Options",
                                                   ["_uuid", "cidr", "options"])}
        want = {}
        for p in lsps:
            if p["type"] != "":
                continue
            opts, ext = p["options"], p["external_ids"]
            if self.a.chassis not in opts.get("requested-chassis", "").split(","):
                continue
            if not ext.get("neutron:device_owner", "").startswith("compute:"):
                continue
            mac = None
            for entry in as_list(p["addresses"]):
                parts = entry.split()
                if parts and parts[0].count(":") == 5:
                    mac = parts[0]
                    break
            if mac is None:
                continue
            cidrs = ext.get("neutron:cidrs", "").split()
            router, mtu = "", ""
            opt_ids = as_list(p["dhcpv4_options"])
            if opt_ids and opt_ids[0] in dhcp:
                o = dhcp[opt_ids[0]]["options"]
                router, mtu = o.get("router", ""), o.get("mtu", "")
            cfg = "|".join([mac, ",".join(cidrs), router, mtu])
            want[p["name"]] = {"id": p["name"], "mac": mac, "cidrs": cidrs, "router": router,
                               "mtu": mtu, "device": ext.get("neutron:device_id", ""), "cfg": cfg}
        return want

    def plugged(self):
        rows = select_rows(self.a.ovs, "Open_vSwitch", "Interface", ["name", "external_ids"])
        have = {}
        for r in rows:
            ext = r["external_ids"]
            if "osdev-plug" in ext and "iface-id" in ext:
                have[ext["iface-id"]] = {"tap": r["name"], "cfg": ext["osdev-plug"]}
        return have

    # ------------------------------------------------------------ actions
    @staticmethod
    def names(port_id):
        return "tap" + port_id[:11], "osdev-port-" + port_id

    def ns_exists(self, ns):
        # a namespace is mounted there; a bare file left from a machine image is not one
        path = "/run/netns/" + ns
        if not os.path.exists(path):
            return False
        with open("/proc/self/mountinfo") as f:
            return any(line.split()[4] == path for line in f)

    def plug(self, p):
        tap, ns = self.names(p["id"])
        self.unplug(p["id"], quiet=True)
        os.makedirs(self.a.records, exist_ok=True)
        open(os.path.join(self.a.records, ns), "w").close()
        run(["ip", "netns", "add", ns])
        run(["ip", "-n", ns, "link", "set", "lo", "up"])
        run(["ip", "-n", self.a.netns, "link", "add", tap, "type", "veth", "peer", "name", "eth0", "netns", ns])
        guest = ["ip", "-n", ns, "link", "set", "eth0", "address", p["mac"]]
        if p["mtu"]:
            guest += ["mtu", p["mtu"]]
            run(["ip", "-n", self.a.netns, "link", "set", tap, "mtu", p["mtu"]])
        run(guest)
        # Open vSwitch's userspace datapath does not finish checksums the
        # kernel leaves to the NIC: the guest side must compute them itself.
        run(["ip", "netns", "exec", ns] + TX_OFF)
        for c in p["cidrs"]:
            run(["ip", "-n", ns, "addr", "add", c, "dev", "eth0"] + (["nodad"] if ":" in c else []))
        run(["ip", "-n", ns, "link", "set", "eth0", "up"])
        if p["router"]:
            run(["ip", "-n", ns, "route", "add", "default", "via", p["router"]])
        run(["ip", "-n", self.a.netns, "link", "set", tap, "up"])
        run(self.vsctl + ["--may-exist", "add-port", "br-int", tap, "--", "set", "Interface", tap,
                          "external_ids:iface-id=" + p["id"],
                          "external_ids:attached-mac=" + p["mac"],
                          "external_ids:iface-status=active",
                          "external_ids:vm-uuid=" + p["device"],
                          'external_ids:osdev-plug="%s"' % p["cfg"]])
        log("plugged port %s (server %s, %s) as %s, namespace %s"
            % (p["id"], p["device"], " ".join(p["cidrs"]) or "no IP", tap, ns))

    def unplug(self, port_id, quiet=False):
        tap, ns = self.names(port_id)
        run(self.vsctl + ["--if-exists", "del-port", "br-int", tap])
        run(["ip", "-n", self.a.netns, "link", "del", tap], check=False)
        if os.path.exists("/run/netns/" + ns):  # a live namespace or a leftover file: both go
            run(["ip", "netns", "del", ns], check=False)
        try:
            os.unlink(os.path.join(self.a.records, ns))
        except FileNotFoundError:
            pass
        if not quiet:
            log("unplugged port %s" % port_id)

    def fix_chassis(self):
        rows = select_rows(self.a.sb, "OVN_Southbound", "Chassis", ["name", "external_ids", "other_config"],
                           where=[["name", "==", self.a.chassis]])
        if not rows:
            return
        ext, oc = rows[0]["external_ids"], rows[0]["other_config"]
        sets = []
        for k in ("ovn-bridge-mappings", "ovn-cms-options"):
            if k in oc and ext.get(k) != oc[k]:
                sets.append('external_ids:%s="%s"' % (k, oc[k]))
        if sets:
            sbctl = ["ovn-sbctl", "--db=" + self.a.sb, "set", "Chassis", self.a.chassis]
            if not ext:
                # Neutron notices a changed ovn-cms-options (chassis -> gateway
                # agent) only when external_ids was not empty before: mark first.
                run(sbctl + ["external_ids:osdev-vifplug=copied-from-other_config"])
            run(sbctl + sets)
            log("chassis %s: copied %s to external_ids" % (self.a.chassis, ", ".join(s.split("=")[0][13:] for s in sets)))

    def reconcile(self):
        self.fix_chassis()
        want, have = self.wanted(), self.plugged()
        for pid, p in want.items():
            h = have.get(pid)
            if h is None or h["cfg"] != p["cfg"] or not self.ns_exists(self.names(pid)[1]):
                try:
                    self.plug(p)
                except Exception as e:  # keep going with the others; retried next round
                    log("ERROR plugging port %s: %s" % (pid, e))
        for pid in have:
            if pid not in want:
                self.unplug(pid)
        # namespaces recorded by an earlier run whose port is gone
        if os.path.isdir(self.a.records):
            for ns in os.listdir(self.a.records):
                if ns.startswith("osdev-port-") and ns[len("osdev-port-"):] not in want:
                    self.unplug(ns[len("osdev-port-"):], quiet=True)


class Monitor:
    """`ovsdb-client monitor` of one table: any output means something changed."""

    def __init__(self, remote, db, table, columns):
        self.cmd = ["ovsdb-client", "monitor", remote, db, table, columns, "--format=csv"]
        self.proc = None

    def start(self):
        self.proc = subprocess.Popen(self.cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL)
        os.set_blocking(self.proc.stdout.fileno(), False)

    def fileno(self):
        return self.proc.stdout.fileno()

    def drain(self):
        """True if it printed something; restarts it when it has exited."""
        try:
            data = self.proc.stdout.read()
        except (BlockingIOError, ValueError):
            data = None                # nothing to read right now
        if data is None:
            return False
        if data == b"":                # EOF: the monitor exited (database restarting?)
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
            time.sleep(1)
            self.start()
        return True

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nb", required=True, help="OVN NB database, e.g. unix:/path/nb.sock")
    ap.add_argument("--sb", required=True, help="OVN SB database")
    ap.add_argument("--ovs", required=True, help="local Open_vSwitch database")
    ap.add_argument("--chassis", required=True)
    ap.add_argument("--netns", required=True, help="namespace Open vSwitch runs in")
    ap.add_argument("--records", required=True, help="folder recording the namespaces created")
    a = ap.parse_args()

    plugger = Plugger(a)
    monitors = [Monitor(a.nb, "OVN_Northbound", "Logical_Switch_Port", "options,external_ids,addresses"),
                Monitor(a.nb, "OVN_Northbound", "DHCP_Options", "options"),
                Monitor(a.sb, "OVN_Southbound", "Chassis", "external_ids,other_config")]
    stopping = []

    def on_term(signum, frame):
        stopping.append(signum)
    signal.signal(signal.SIGTERM, on_term)
    signal.signal(signal.SIGINT, on_term)

    for m in monitors:
        m.start()
    log("watching %s for ports bound to chassis %s" % (a.nb, a.chassis))
    dirty, last = True, 0.0
    while not stopping:
        if dirty or time.monotonic() - last > RECONCILE_EVERY:
            time.sleep(0.1)            # let a burst of changes land
            for m in monitors:
                m.drain()
            try:
                plugger.reconcile()
            except Exception as e:     # a database restarting, a command failing: retry
                log("ERROR reconcile: %s" % e)
                time.sleep(1)
            dirty, last = False, time.monotonic()
        try:
            ready, _, _ = select.select(monitors, [], [], RECONCILE_EVERY)
        except InterruptedError:
            continue
        for m in ready:
            if m.drain():
                dirty = True
    for m in monitors:
        m.stop()
    log("stopped")


if __name__ == "__main__":
    sys.exit(main())
