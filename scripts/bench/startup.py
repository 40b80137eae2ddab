#!/usr/bin/env python3
"""Start-up and memory of several server builds, measured alternately in one run (scripts/bench/startup.sh).

    startup.py --variants variants.json --rounds 5 --starts 5 --load 10s --machine TEXT --out startup.json

variants.json: [{"label": ..., "argv": [...], "env": {...}}, ...]; every '{port}' in argv is a free loopback port.
Each round runs every build in turn: STARTS timed starts (process start -> first answered /_ping, polled with a new
connection every millisecond); the last start of each round also reads VmRSS one second after the first answer
("idle") and again after LOAD of `wrk -t1 -c8` on /_ping ("after load"). Only processes it starts are stopped, by
PID (SIGTERM, then SIGKILL after 10 s). Prints a markdown table of medians with their spread, and ratios against
the first build (the Go baseline when present)."""
import argparse, http.client, json, os, re, signal, socket, statistics, subprocess, sys, time


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def ping(port):
    try:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
        c.request("GET", "/_ping")
        ok = c.getresponse().status == 200
        c.close()
        return ok
    except OSError:
        return False


def stop(proc):
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def run_once(variant, load, timeout=60):
    port = free_port()
    argv = [a.replace("{port}", str(port)) for a in variant["argv"]]
    env = {k: v for k, v in os.environ.items() if not k.startswith("OS_")}
    env.update(variant["env"])
    started = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    try:
        while not ping(port):
            if proc.poll() is not None:
                sys.exit(f"{variant['label']}: exited with {proc.returncode} before answering /_ping: {argv}")
            if time.perf_counter() - started > timeout:
                sys.exit(f"{variant['label']}: no /_ping answer after {timeout} s")
            time.sleep(0.001)
        start_ms = (time.perf_counter() - started) * 1000
        if not load:
            return start_ms, None, None, None
        time.sleep(1)
        idle = rss_mb(proc.pid)
        wrk = subprocess.run(["wrk", "-t1", "-c8", f"-d{load}", f"http://127.0.0.1:{port}/_ping"],
                             capture_output=True, text=True, check=True).stdout
        loaded = rss_mb(proc.pid)
        rps = float(re.search(r"Requests/sec:\s+([\d.]+)", wrk).group(1))
        return start_ms, idle, loaded, rps
    finally:
        stop(proc)


def spread(values, fmt):
    return f"{fmt(statistics.median(values))} ({fmt(min(values))}-{fmt(max(values))})"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--variants", required=True)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--starts", type=int, default=5)
    ap.add_argument("--load", default="10s")
    ap.add_argument("--machine", default="")
    ap.add_argument("--out", default=None)
    a = ap.parse_args()
    variants = json.load(open(a.variants))
    samples = {v["label"]: {"start_ms": [], "rss_idle_mb": [], "rss_load_mb": [], "ping_rps": []} for v in variants}
    began = time.time()
    for r in range(a.rounds):
        for v in variants:
            for s in range(a.starts):
                start_ms, idle, loaded, rps = run_once(v, a.load if s == a.starts - 1 else None)
                row = samples[v["label"]]
                row["start_ms"].append(start_ms)
                if idle is not None:
                    row["rss_idle_mb"].append(idle)
                    row["rss_load_mb"].append(loaded)
                    row["ping_rps"].append(rps)
        print(f"round {r + 1}/{a.rounds} done", file=sys.stderr)
    if a.out:
        json.dump({"machine": a.machine, "rounds": a.rounds, "starts": a.starts, "load": a.load, "samples": samples}, open(a.out, "w"), indent=1)

    base_label = variants[0]["label"]
    base = {k: statistics.median(v) for k, v in samples[base_label].items()}
    print(f"| build | start -> first /_ping, ms | x {base_label.split(',')[0]} | RSS idle, MB | x | RSS after {a.load} wrk, MB | x | /_ping req/s |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for v in variants:
        s = samples[v["label"]]
        med = {k: statistics.median(x) for k, x in s.items()}
        print(f"| {v['label']} | {spread(s['start_ms'], lambda x: f'{x:.1f}')} | {med['start_ms'] / base['start_ms']:.2f} "
              f"| {spread(s['rss_idle_mb'], lambda x: f'{x:.1f}')} | {med['rss_idle_mb'] / base['rss_idle_mb']:.2f} "
              f"| {spread(s['rss_load_mb'], lambda x: f'{x:.1f}')} | {med['rss_load_mb'] / base['rss_load_mb']:.2f} "
              f"| {med['ping_rps']:,.0f} |")
    print(f"\nmedian (min-max); {a.rounds} rounds, builds alternating; {a.rounds * a.starts} timed starts and {a.rounds} "
          f"load runs per build; {time.time() - began:.0f} s; machine: {a.machine}")


if __name__ == "__main__":
    main()
