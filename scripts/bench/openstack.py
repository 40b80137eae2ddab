#!/usr/bin/env python3
"""OpenStack chain overhead: swarmd 'dockerserver' 'openstack --flavor=m1.tiny' against Nova directly.

    scripts/bench/openstack.py --swarmd PATH/swarmd.dll [--sizes 0,20,100] [--reps 10] [--creates 20]

Needs the local OpenStack (scripts/openstack-dev/up.sh; credentials in .state/openstack/openrc). Works in a
project of its own (swarm-bench, user swarm-bench, unlimited quota) so other work on the same cloud neither
shows up in the listings nor in the request counts: Nova's request log names the user of each request.

1. Listing, with 0, 20 and 100 managed servers: `GET /containers/json` through swarmd against
   `GET /servers/detail` straight from Nova, both with curl, REPS times each, alternating; median seconds,
   ratio, and the Nova / Keystone / Glance requests each made (deltas of the services' request logs).
2. Create throughput, ROUNDS rounds alternating which path goes first: 20 concurrent `docker run -d` through
   swarmd (until every command returned: `run -d` returns once the server is up) against 20 concurrent
   `POST /servers` straight to Nova with one shared `changes-since` poller at the same interval (until the
   poller has seen every server ACTIVE); seconds, ratio, and Nova requests per container on each path.
3. Waiting clients: Nova requests per second while 0 (at rest), 1, 5 and 20 clients hold
   `POST /containers/{id}/wait` on one running container (they share one poller, so the rate should not
   depend on the count, and at rest it should be nothing).
Every server it creates is deleted by id at the end (also on failure). Exit 3 when the cloud is not up.
Loopback only; only processes it starts are stopped, by PID."""
import argparse, concurrent.futures as cf, json, os, re, secrets, signal, socket, statistics, subprocess
import sys, time, urllib.error, urllib.request

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
STATE = os.path.join(ROOT, ".state", "openstack")
OUT = os.environ.get("BENCH_OUT", os.path.join(ROOT, ".state", "bench"))
LOGS = {"nova": "nova-api.log", "neutron": "neutron.log", "keystone": "keystone.log", "glance": "glance.log"}
PROJECT = USER = "swarm-bench"
NOVA_VERSION = "2.79"


def log(*a):
    print("[openstack-bench]", *a, file=sys.stderr, flush=True)


def openrc():
    env = {}
    for line in open(os.path.join(STATE, "openrc")):
        m = re.match(r"export (\w+)=(.*)", line.strip())
        if m:
            env[m.group(1)] = m.group(2).strip("'\"")
    return env


def http(method, url, token=None, body=None, headers=None, timeout=60):
    h = {"Content-Type": "application/json", **(headers or {})}
    if token:
        h["X-Auth-Token"] = token
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, headers=h, method=method)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            raw = r.read()
            return r.status, dict(r.headers), (json.loads(raw) if raw.strip() else None)
    except urllib.error.HTTPError as e:
        raw = e.read()
        return e.code, dict(e.headers), (json.loads(raw) if raw.strip().startswith(b"{") else raw.decode(errors="replace"))


def token(auth_url, user, password, project):
    body = {"auth": {"identity": {"methods": ["password"], "password": {"user": {"name": user, "domain": {"name": "Default"}, "password": password}}},
                     "scope": {"project": {"name": project, "domain": {"name": "Default"}}}}}
    status, headers, answer = http("POST", f"{auth_url}/auth/tokens", body=body)
    if status != 201:
        sys.exit(f"Keystone refused {user}@{project}: {status} {answer}")
    catalog = {e["type"]: next(x["url"] for x in e["endpoints"] if x["interface"] == "public") for e in answer["token"]["catalog"]}
    return headers.get("X-Subject-Token") or headers.get("x-subject-token"), answer["token"]["user"]["id"], answer["token"]["project"]["id"], catalog


def ensure_bench_identity(env):
    """The project, the user (a fresh password each run) and the member role; no quota on servers."""
    auth = env["OS_AUTH_URL"]
    admin, _, _, catalog = token(auth, env["OS_USERNAME"], env["OS_PASSWORD"], env["OS_PROJECT_NAME"])
    ks = auth

    def find(kind, name):
        _, _, a = http("GET", f"{ks}/{kind}?name={name}", admin)
        return a[kind][0]["id"] if a[kind] else None

    project = find("projects", PROJECT) or http("POST", f"{ks}/projects", admin, {"project": {"name": PROJECT, "domain_id": "default"}})[2]["project"]["id"]
    password = secrets.token_urlsafe(18)
    user = find("users", USER)
    if user:
        http("PATCH", f"{ks}/users/{user}", admin, {"user": {"password": password}})
    else:
        user = http("POST", f"{ks}/users", admin, {"user": {"name": USER, "domain_id": "default", "password": password, "default_project_id": project}})[2]["user"]["id"]
    role = find("roles", "member") or find("roles", "admin")
    http("PUT", f"{ks}/projects/{project}/users/{user}/roles/{role}", admin)
    status, _, answer = http("PUT", f"{catalog['compute']}/os-quota-sets/{project}", admin,
                             {"quota_set": {"instances": -1, "cores": -1, "ram": -1}})
    if status != 200:
        sys.exit(f"cannot lift the bench project's quota: {status} {answer}")
    return password


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def log_counts(user_id):
    """Requests so far in each service's request log; Nova's and Neutron's only those of the bench user."""
    counts = {}
    for service, name in LOGS.items():
        path = os.path.join(STATE, "logs", name)
        if not os.path.exists(path):
            counts[service] = 0
            continue
        with open(path, errors="replace") as f:
            if service == "nova":
                counts[service] = sum(1 for l in f if "nova.api.openstack.requestlog" in l and user_id in l)
            elif service == "neutron":
                counts[service] = sum(1 for l in f if "neutron.wsgi" in l and user_id in l)
            else:
                counts[service] = sum(1 for l in f if re.match(r"\[pid: \d+\|app: \d+\|req: ", l))
    return counts


def delta(before, after):
    return {k: after[k] - before[k] for k in before}


def curl_seconds(url, headers=()):
    args = ["curl", "-fsS", "-o", "/dev/null", "-w", "%{time_total}", url]
    for h in headers:
        args += ["-H", h]
    return float(subprocess.run(args, check=True, capture_output=True, text=True).stdout)


def nova_servers(nova, tok):
    status, _, answer = http("GET", f"{nova}/servers/detail", tok, headers={"X-OpenStack-Nova-API-Version": NOVA_VERSION})
    if status != 200:
        sys.exit(f"Nova listing failed: {status} {answer}")
    return answer["servers"]


def wait_active(nova, tok, ids, limit=600):
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        servers = {s["id"]: s["status"] for s in nova_servers(nova, tok)}
        if any(servers.get(i) == "ERROR" for i in ids):
            sys.exit(f"a server went to ERROR: {[i for i in ids if servers.get(i) == 'ERROR']}")
        if all(servers.get(i) == "ACTIVE" for i in ids):
            return
        time.sleep(0.5)
    sys.exit(f"servers not ACTIVE after {limit}s")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--swarmd", required=True)
    ap.add_argument("--sizes", default="0,20,100")
    ap.add_argument("--reps", type=int, default=10)
    ap.add_argument("--creates", type=int, default=20)
    ap.add_argument("--flavor", default="m1.tiny")
    ap.add_argument("--image", default="cirros")
    ap.add_argument("--openstack-args", default="", help="more options of the openstack spec, e.g. --poll-interval=2s")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--poll-interval", type=float, default=0.5, help="seconds; the direct path's poller and swarmd's default")
    ap.add_argument("--waiters", default="0,1,5,20")
    ap.add_argument("--wait-window", type=float, default=10.0)
    a = ap.parse_args()
    os.makedirs(OUT, exist_ok=True)

    env = openrc()
    try:
        urllib.request.urlopen(env["OS_AUTH_URL"], timeout=5).read()
    except OSError as e:
        print(f"PENDING: Keystone does not answer at {env['OS_AUTH_URL']} ({e}); run scripts/openstack-dev/up.sh first")
        sys.exit(3)

    password = ensure_bench_identity(env)
    # Keystone revokes tokens issued in the same second as a revocation event (setting a password or a role
    # makes one), so a token taken at once can be refused: wait past that second.
    time.sleep(1.5)
    tok, user_id, project_id, catalog = token(env["OS_AUTH_URL"], USER, password, PROJECT)
    nova, image_url, neutron = catalog["compute"], catalog["image"], catalog.get("network", "").rstrip("/")
    flavor = next(f["id"] for f in http("GET", f"{nova}/flavors", tok)[2]["flavors"] if f["name"] == a.flavor)
    image = next(i["id"] for i in http("GET", f"{image_url}/v2/images?name={a.image}", tok)[2]["images"])
    leftovers = [s["id"] for s in nova_servers(nova, tok)]
    created = []  # every server id this run made, deleted by id in finally

    swarm_env = {**os.environ, **env, "OS_USERNAME": USER, "OS_PASSWORD": password, "OS_PROJECT_NAME": PROJECT}
    port = free_port()
    swarm = f"http://127.0.0.1:{port}"
    swarm_log = open(os.path.join(OUT, "swarmd-openstack.log"), "w")
    proc = subprocess.Popen(["dotnet", a.swarmd, f"dockerserver tcp://127.0.0.1:{port}", f"openstack --flavor={a.flavor} {a.openstack_args}".strip()],
                            env=swarm_env, stdout=swarm_log, stderr=subprocess.STDOUT)
    try:
        for server in leftovers:  # from an earlier, interrupted run: this project is ours alone
            http("DELETE", f"{nova}/servers/{server}", tok)
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{swarm}/_ping", timeout=2).read()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    sys.exit(f"swarmd did not answer /_ping; see {swarm_log.name}")
                time.sleep(0.1)

        def swarm_create(name):
            status, _, answer = http("POST", f"{swarm}/containers/create?name={name}", body={"Image": a.image})
            if status != 201:
                raise RuntimeError(f"create {name}: {status} {answer}")
            created.append(answer["Id"])
            status, _, answer = http("POST", f"{swarm}/containers/{answer['Id']}/start")
            if status not in (204, 304):
                raise RuntimeError(f"start {name}: {status} {answer}")
            return answer

        print("### Listing: `GET /containers/json` through swarmd against `GET /servers/detail` from Nova (curl, same token source)\n")
        print("| managed servers | Nova direct median s | swarmd median s | ratio | Nova/Keystone/Glance requests per direct listing | per swarmd listing |")
        print("|---:|---:|---:|---:|---|---|")
        have = 0
        for size in (int(s) for s in a.sizes.split(",")):
            if size > have:
                log(f"creating {size - have} servers through swarmd")
                with cf.ThreadPoolExecutor(8) as pool:
                    list(pool.map(swarm_create, [f"bench-{i}" for i in range(have, size)]))
                wait_active(nova, tok, list(created))
                have = size
            # One warm-up of each (swarmd's token, caches; curl's DNS-free loopback path).
            curl_seconds(f"{swarm}/containers/json")
            curl_seconds(f"{nova}/servers/detail", [f"X-Auth-Token: {tok}", f"X-OpenStack-Nova-API-Version: {NOVA_VERSION}"])
            direct, through = [], []
            c0 = log_counts(user_id)
            for _ in range(a.reps):
                direct.append(curl_seconds(f"{nova}/servers/detail", [f"X-Auth-Token: {tok}", f"X-OpenStack-Nova-API-Version: {NOVA_VERSION}"]))
            c1 = log_counts(user_id)
            for _ in range(a.reps):
                through.append(curl_seconds(f"{swarm}/containers/json"))
            c2 = log_counts(user_id)
            d_direct, d_swarm = delta(c0, c1), delta(c1, c2)
            per = lambda d: "/".join(f"{d[k] / a.reps:.1f}" for k in ("nova", "keystone", "glance"))
            md, ms = statistics.median(direct), statistics.median(through)
            print(f"| {size} | {md:.3f} | {ms:.3f} | {ms / md:.2f} | {per(d_direct)} | {per(d_swarm)} |", flush=True)

        print(f"\n### Create throughput: {a.creates} concurrent creates, {a.rounds} rounds alternating\n")
        print("| round | path | seconds | Nova requests | per container | Neutron per container (name claims) |")
        print("|---:|---|---:|---:|---:|---:|")

        def direct_create(name):
            status, _, answer = http("POST", f"{nova}/servers", tok, {"server": {"name": name, "imageRef": image, "flavorRef": flavor, "networks": "none"}},
                                     headers={"X-OpenStack-Nova-API-Version": NOVA_VERSION})
            if status != 202:
                raise RuntimeError(f"Nova create {name}: {status} {answer}")
            created.append(answer["server"]["id"])
            return answer["server"]["id"]

        def direct_burst(names):
            """20 creates at once, one poller: GET /servers/detail?changes-since= each interval until all ACTIVE."""
            started = time.monotonic()
            since = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - 5))
            with cf.ThreadPoolExecutor(len(names)) as pool:
                ids = set(pool.map(direct_create, names))
            active = set()
            while active != ids:
                if time.monotonic() - started > 600:
                    sys.exit("direct creates not ACTIVE after 600 s")
                time.sleep(a.poll_interval)
                polled = time.time()
                status, _, answer = http("GET", f"{nova}/servers/detail?changes-since={since}", tok, headers={"X-OpenStack-Nova-API-Version": NOVA_VERSION})
                since = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(polled - 5))
                for server in answer["servers"]:
                    if server["id"] in ids and server["status"] == "ACTIVE":
                        active.add(server["id"])
                    elif server["id"] in ids and server["status"] == "ERROR":
                        sys.exit(f"server {server['id']} went to ERROR")
            return time.monotonic() - started

        def docker_run(name):
            r = subprocess.run(["docker", "-H", f"tcp://127.0.0.1:{port}", "run", "-d", "--name", name, a.image],
                               capture_output=True, text=True, timeout=600)
            if r.returncode != 0:
                raise RuntimeError(f"docker run {name}: {r.stderr.strip()}")
            created.append(r.stdout.strip())
            return r.stdout.strip()

        def swarmd_burst(names):
            started = time.monotonic()
            with cf.ThreadPoolExecutor(len(names)) as pool:
                ids = list(pool.map(docker_run, names))
            took = time.monotonic() - started
            servers = {s["id"]: s["status"] for s in nova_servers(nova, tok)}
            if any(servers.get(i) != "ACTIVE" for i in ids):
                sys.exit(f"docker run -d returned before Nova shows every server ACTIVE: {servers}")
            return took

        def clear():
            """Deletes what the rounds made (servers, and the name claims of swarmd's) and waits until Nova has none left:
            each round starts from the same cloud."""
            for server in list(created):
                http("DELETE", f"{nova}/servers/{server}", tok)
            if neutron:
                for net in http("GET", f"{neutron}/v2.0/networks?name=swarm-claims&project_id={project_id}", tok)[2]["networks"]:
                    for port in http("GET", f"{neutron}/v2.0/ports?network_id={net['id']}", tok)[2]["ports"]:
                        http("DELETE", f"{neutron}/v2.0/ports/{port['id']}", tok)
            deadline = time.monotonic() + 300
            while any(s["id"] in created for s in nova_servers(nova, tok)) and time.monotonic() < deadline:
                time.sleep(1)
            created.clear()

        clear()
        results = {"direct": [], "swarmd": []}
        for round_ in range(1, a.rounds + 1):
            order = (("direct", direct_burst), ("swarmd", swarmd_burst)) if round_ % 2 else (("swarmd", swarmd_burst), ("direct", direct_burst))
            for label, burst in order:
                names = [f"r{round_}-{label[0]}-{i}-{secrets.token_hex(2)}" for i in range(a.creates)]
                c0 = log_counts(user_id)
                seconds = burst(names)
                counts = delta(c0, log_counts(user_id))
                requests = counts["nova"]
                results[label].append((seconds, requests / a.creates))
                print(f"| {round_} | {label} | {seconds:.1f} | {requests} | {requests / a.creates:.2f} | {counts['neutron'] / a.creates:.2f} |", flush=True)
                clear()
        d = statistics.median(t for t, _ in results["direct"])
        w = statistics.median(t for t, _ in results["swarmd"])
        spread = lambda xs: f"{min(xs):.1f}-{max(xs):.1f}"
        print(f"\nmedian direct {d:.1f} s ({spread([t for t, _ in results['direct']])}), swarmd {w:.1f} s ({spread([t for t, _ in results['swarmd']])}): "
              f"**ratio {w / d:.2f}**; Nova requests per container: direct {statistics.mean(r for _, r in results['direct']):.2f}, "
              f"swarmd {statistics.mean(r for _, r in results['swarmd']):.2f}")

        print(f"\n### Waiting clients: Nova requests per second over {a.wait_window:.0f} s while N clients `docker wait` one container\n")
        print("| waiting clients | Nova requests | per second | Neutron requests |")
        print("|---:|---:|---:|---:|")
        target = docker_run(f"waited-{secrets.token_hex(3)}")
        for count in (int(x) for x in a.waiters.split(",")):
            waiters = [] if count == 0 else [subprocess.Popen(["curl", "-sS", "-o", "/dev/null", "-X", "POST", f"{swarm}/containers/{target}/wait"]) for _ in range(count)]
            time.sleep(2)  # every wait registered with the poller
            c0 = log_counts(user_id)
            time.sleep(a.wait_window)
            counts = delta(c0, log_counts(user_id))
            requests = counts["nova"]
            for w_ in waiters:
                w_.terminate()
                w_.wait()
            print(f"| {count} | {requests} | {requests / a.wait_window:.2f} | {counts['neutron']} |", flush=True)
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
        log(f"deleting the {len(created)} servers this run created, by id")
        for server in created:
            http("DELETE", f"{nova}/servers/{server}", tok)
        deadline = time.monotonic() + 300
        while created and time.monotonic() < deadline and any(s["id"] in created for s in nova_servers(nova, tok)):
            time.sleep(1)


if __name__ == "__main__":
    main()
