#!/usr/bin/env python3
"""Startup and memory of one server build: start it RUNS times, time process start -> first answered
/_ping (polled every 2 ms), then on the last run read VmRSS idle and after 1,000 requests.

    startup.py --label NAME --runs 5 --port-arg-template 'dockerserver tcp://127.0.0.1:{port}' -- CMD ARGS...

Every '{port}' in CMD ARGS is replaced by a free loopback port. Prints one JSON line. Only processes it
starts are stopped, by PID."""
import argparse, http.client, json, os, signal, socket, statistics, subprocess, sys, time


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


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


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--label", required=True)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--requests", type=int, default=1000)
    ap.add_argument("--paths", default="/_ping,/version,/containers/json?all=1")
    ap.add_argument("--timeout", type=float, default=60)
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    cmd = a.cmd[1:] if a.cmd and a.cmd[0] == "--" else a.cmd
    times, idle, loaded = [], None, None
    for run in range(a.runs):
        port = free_port()
        argv = [x.replace("{port}", str(port)) for x in cmd]
        started = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            while not ping(port):
                if proc.poll() is not None:
                    sys.exit(f"{a.label}: exited with {proc.returncode} before answering /_ping: {argv}")
                if time.perf_counter() - started > a.timeout:
                    sys.exit(f"{a.label}: no /_ping answer after {a.timeout}s")
                time.sleep(0.002)
            times.append((time.perf_counter() - started) * 1000)
            if run == a.runs - 1:
                time.sleep(2)  # let startup work (tiered JIT, GC) settle before reading "idle"
                idle = rss_kb(proc.pid)
                paths = a.paths.split(",")
                c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                for i in range(a.requests):
                    c.request("GET", paths[i % len(paths)])
                    r = c.getresponse()
                    r.read()
                    if r.status >= 400 and r.status != 404:
                        sys.exit(f"{a.label}: {paths[i % len(paths)]} answered {r.status}")
                c.close()
                loaded = rss_kb(proc.pid)
        finally:
            stop(proc)
    print(json.dumps({"label": a.label, "runs": a.runs, "median_ms": round(statistics.median(times), 1),
                      "min_ms": round(min(times), 1), "max_ms": round(max(times), 1),
                      "rss_idle_mb": round(idle / 1024, 1), "rss_after_mb": round(loaded / 1024, 1)}))


if __name__ == "__main__":
    main()
