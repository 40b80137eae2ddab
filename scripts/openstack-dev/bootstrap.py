#!/usr/bin/python3
"""Idempotent catalog / flavor / image setup for the local dev stack.

One openstacksdk process per phase, because every `openstack` CLI call costs
about 2 s here. Uses Debian's python3-openstacksdk (run with /usr/bin/python3).

  bootstrap.py catalog     services + endpoints (public/internal/admin, RegionOne)
  bootstrap.py resources   flavors m1.tiny/small/medium + image "cirros" +
                           volume type "nfs"
  bootstrap.py network     project "service" holding the external network
                           "public" (+ "public-subnet") and the default subnet
                           pool; router "router1" of project admin

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
    ("neutron", "network", "http://127.0.0.1:9696"),
    ("cinderv3", "volumev3", "http://127.0.0.1:8776/v3/%(project_id)s"),
]

# (name, flavor id, vcpus, ram MB, disk GB)
FLAVORS = [
    ("m1.tiny", "1", 1, 512, 1),
    ("m1.small", "2", 1, 2048, 20),
    ("m1.medium", "3", 2, 4096, 40),
]

IMAGE_NAME = "cirros"
VOLUME_TYPE = "nfs"            # volume_backend_name of the NFS backend too

# Network resources shared by every project. They belong to project "service",
# not "admin": Nova's networks "auto" takes any network the project owns, so an
# admin-owned external network would be used as is instead of auto-allocating.
INFRA_PROJECT = "service"
PUBLIC_NET = "public"          # flat, physnet "public" = br-ex in osdev-net
PUBLIC_SUBNET = "public-subnet"
PUBLIC_CIDR = "172.24.4.0/24"
PUBLIC_GATEWAY = "172.24.4.1"  # br-ex's own address in the osdev-net namespace
PUBLIC_POOL = {"start": "172.24.4.10", "end": "172.24.4.254"}
POOL_NAME = "shared-default-subnetpool-v4"
POOL_PREFIXES = ["10.96.0.0/12"]
POOL_PREFIXLEN = 24
ROUTER = "router1"             # project admin, gateway on public
ROUTER_GW_IP = "172.24.4.2"


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

    bs = conn.block_storage
    vt = bs.find_type(VOLUME_TYPE)
    if vt is None:
        vt = bs.create_type(name=VOLUME_TYPE, description="NFS driver on a local folder",
                            extra_specs={"volume_backend_name": VOLUME_TYPE})
        log("volume type %s created" % VOLUME_TYPE)
    elif (vt.extra_specs or {}).get("volume_backend_name") != VOLUME_TYPE:
        bs.update_type_extra_specs(vt, volume_backend_name=VOLUME_TYPE)
        log("volume type %s: backend fixed" % VOLUME_TYPE)


def network(conn):
    ident, net = conn.identity, conn.network
    project = ident.find_project(INFRA_PROJECT, domain_id="default")
    if project is None:
        project = ident.create_project(name=INFRA_PROJECT, domain_id="default",
                                       description="shared network resources of the dev stack")
        log("project %s created" % INFRA_PROJECT)
    admin = ident.find_project("admin", domain_id="default")

    public = net.find_network(PUBLIC_NET)
    if public is None:
        public = net.create_network(
            name=PUBLIC_NET, project_id=project.id, is_router_external=True, is_default=True,
            provider_network_type="flat", provider_physical_network="public")
        log("network %s created" % PUBLIC_NET)
    elif not public.is_default:
        net.update_network(public, is_default=True)
    subnet = net.find_subnet(PUBLIC_SUBNET)
    if subnet is None:
        subnet = net.create_subnet(
            name=PUBLIC_SUBNET, network_id=public.id, project_id=project.id, ip_version=4,
            cidr=PUBLIC_CIDR, gateway_ip=PUBLIC_GATEWAY, allocation_pools=[PUBLIC_POOL],
            is_dhcp_enabled=False)
        log("subnet %s created" % PUBLIC_SUBNET)

    pool = net.find_subnet_pool(POOL_NAME)
    if pool is None:
        net.create_subnet_pool(
            name=POOL_NAME, project_id=project.id, prefixes=POOL_PREFIXES,
            default_prefix_length=POOL_PREFIXLEN, is_shared=True, is_default=True)
        log("subnet pool %s created" % POOL_NAME)
    elif not (pool.is_default and pool.is_shared):
        net.update_subnet_pool(pool, is_default=True)

    router = net.find_router(ROUTER)
    gw = {"network_id": public.id, "enable_snat": True,
          "external_fixed_ips": [{"subnet_id": subnet.id, "ip_address": ROUTER_GW_IP}]}
    if router is None:
        net.create_router(name=ROUTER, project_id=admin.id, external_gateway_info=gw)
        log("router %s created" % ROUTER)
    elif not router.external_gateway_info:
        net.update_router(router, external_gateway_info=gw)
        log("router %s: gateway set" % ROUTER)


def main():
    phases = {"catalog": catalog, "resources": resources, "network": network}
    if len(sys.argv) != 2 or sys.argv[1] not in phases:
        raise SystemExit("usage: bootstrap.py " + "|".join(phases))
    conn = connect()
    phases[sys.argv[1]](conn)


if __name__ == "__main__":
    main()
