#!/usr/bin/python3
"""Idempotent catalog / flavor / image setup for the local dev stack.

One openstacksdk process per phase, because every `openstack` CLI call costs
about 2 s here. Uses Debian's python3-openstacksdk (run with /usr/bin/python3).

  bootstrap.py catalog     services + endpoints (public/internal/admin, RegionOne)
  bootstrap.py resources   flavors m1.tiny/small/medium + image "cirros"

Credentials come from the OS_* variables up.sh exports (admin/admin).
"""
import io
import os
import struct
import sys
import time

import openstack

REGION = "RegionOne"

# (name, type, url). identity is created by keystone-manage bootstrap already;
# it is listed so a wrong URL would be corrected.
SERVICES = [
    ("keystone", "identity", "http://127.0.0.1:5000/v3"),
    ("glance", "image", "http://127.0.0.1:9292"),
    ("placement", "placement", "http://127.0.0.1:8778"),
    ("nova", "compute", "http://127.0.0.1:8774/v2.1"),
    # read-only stand-in (neutron-stub.py), see docs/openstack-dev.md
    ("neutron", "network", "http://127.0.0.1:9696"),
]

# (name, flavor id, vcpus, ram MB, disk GB)
FLAVORS = [
    ("m1.tiny", "1", 1, 512, 1),
    ("m1.small", "2", 1, 2048, 20),
    ("m1.medium", "3", 2, 4096, 40),
]

IMAGE_NAME = "cirros"


def log(msg):
    print("bootstrap: " + msg, file=sys.stderr, flush=True)


def connect():
    return openstack.connect(
        auth_url=os.environ.get("OS_AUTH_URL", "http://127.0.0.1:5000/v3"),
        username="admin", password="admin", project_name="admin",
        user_domain_name="Default", project_domain_name="Default",
        region_name=REGION, interface="public", identity_api_version="3")


def catalog(conn):
    ident = conn.identity
    region_ids = {r.id for r in ident.regions()}
    if REGION not in region_ids:
        ident.create_region(id=REGION)
    services = list(ident.services())
    endpoints = list(ident.endpoints())
    for name, stype, url in SERVICES:
        svc = next((s for s in services if s.type == stype), None)
        if svc is None:
            svc = ident.create_service(name=name, type=stype, is_enabled=True)
            log("service %s (%s) created" % (name, stype))
        for iface in ("public", "internal", "admin"):
            ep = next((e for e in endpoints if e.service_id == svc.id
                       and e.interface == iface and e.region_id == REGION), None)
            if ep is None:
                ident.create_endpoint(service_id=svc.id, interface=iface,
                                      url=url, region_id=REGION)
                log("endpoint %s %s %s created" % (stype, iface, url))
            elif ep.url != url:
                ident.update_endpoint(ep, url=url)
                log("endpoint %s %s fixed -> %s" % (stype, iface, url))


def tiny_qcow2(virtual_size=64 * 1024 * 1024):
    """A valid, empty qcow2 (version 2, 512-byte clusters), as
    `qemu-img create -f qcow2 -o cluster_size=512 x 64M` would write it:
    header, refcount table, refcount block, L1 table. 17,920 bytes.
    Written here so no qemu-utils is needed: the image is never booted
    (fake virt driver), it only has to be a real image for Glance."""
    cluster_bits = 9
    cs = 1 << cluster_bits
    l2_entries = cs // 8
    l1_size = -(-virtual_size // (cs * l2_entries))          # ceil
    l1_clusters = -(-(l1_size * 8) // cs)
    refcount_table_off, refcount_block_off, l1_off = cs, 2 * cs, 3 * cs
    total_clusters = 3 + l1_clusters
    header = struct.pack(
        ">4sIQIIQIIQQIIQ",
        b"QFI\xfb", 2,            # magic, version
        0, 0,                     # backing file offset, size
        cluster_bits, virtual_size,
        0,                        # crypt method
        l1_size, l1_off,
        refcount_table_off, 1,    # refcount table offset, clusters
        0, 0)                     # nb snapshots, snapshots offset
    buf = bytearray(total_clusters * cs)
    buf[:len(header)] = header
    struct.pack_into(">Q", buf, refcount_table_off, refcount_block_off)
    for i in range(total_clusters):                           # 16-bit refcounts
        struct.pack_into(">H", buf, refcount_block_off + 2 * i, 1)
    return bytes(buf)


def resources(conn):
    compute = conn.compute
    existing = {f.name: f for f in compute.flavors(details=True, is_public=None)}
    for name, fid, vcpus, ram, disk in FLAVORS:
        f = existing.get(name)
        if f is not None and (f.vcpus, f.ram, f.disk) == (vcpus, ram, disk):
            continue
        if f is not None:
            compute.delete_flavor(f)
        compute.create_flavor(name=name, id=fid, vcpus=vcpus, ram=ram,
                              disk=disk, is_public=True)
        log("flavor %s created" % name)

    image = conn.image
    images = [i for i in image.images(name=IMAGE_NAME)]
    active = [i for i in images if i.status == "active"]
    for i in images:
        if i.status != "active":            # leftover of an interrupted upload
            image.delete_image(i)
            log("removed incomplete image %s (%s)" % (i.id, i.status))
    if not active:
        img = image.create_image(name=IMAGE_NAME, disk_format="qcow2",
                                 container_format="bare", visibility="public")
        # plain PUT /v2/images/{id}/file with the bytes (no import tasks)
        resp = image.put("/images/%s/file" % img.id,
                         data=io.BytesIO(tiny_qcow2()),
                         headers={"Content-Type": "application/octet-stream"})
        if resp.status_code != 204:
            raise SystemExit("image upload failed: HTTP %s %s"
                             % (resp.status_code, resp.text[:300]))
        deadline = time.time() + 60
        while image.get_image(img.id).status != "active":
            if time.time() > deadline:
                raise SystemExit("image upload did not become active")
            time.sleep(0.3)
        log("image %s uploaded (%s)" % (IMAGE_NAME, img.id))


def main():
    if len(sys.argv) != 2 or sys.argv[1] not in ("catalog", "resources"):
        raise SystemExit("usage: bootstrap.py catalog|resources")
    conn = connect()
    {"catalog": catalog, "resources": resources}[sys.argv[1]](conn)


if __name__ == "__main__":
    main()
