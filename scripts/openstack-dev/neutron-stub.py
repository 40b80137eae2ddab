#!/usr/bin/python3
"""Read-only stand-in for the Neutron API, for the local dev stack only.

This is NOT Neutron. Nova (Zed) cannot serve servers without a `network`
endpoint, even ones created with "networks": "none": the server views list
ports and security groups, and start/reboot/delete fetch network info
(docs/openstack-dev.md, pitfall 7). For such servers Nova only ever *reads*
from Neutron, so this stub answers:

  GET /                      version document (v2.0)
  GET /v2.0[/]               empty resource list
  GET /v2.0/extensions       {"extensions": []}
  GET /v2.0/<collection>     {"<collection>": []}   (e.g. ports, networks,
                             security-groups -> "security_groups")
  anything else              404 with a Neutron-style JSON error

So there are no networks, ports or floating IPs, and any attempt to create
one fails with 404 ("networks": "auto" gives a 500 from Nova). Listens on
127.0.0.1 only; no authentication is checked (loopback dev stand-in).
"""
import json
import re
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HOST = "127.0.0.1"
PORT = int(sys.argv[1]) if len(sys.argv) > 1 else 9696
BASE = f"http://{HOST}:{PORT}"
COLLECTION = re.compile(r"^/v2\.0/([a-z][a-z0-9_-]*?)(?:\.json)?/?$")


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "osdev-neutron-stub/1"

    def _send(self, code, body):
        data = json.dumps(body).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _not_found(self):
        self._send(404, {"NeutronError": {
            "type": "HTTPNotFound",
            "message": "The resource could not be found (osdev neutron stub: "
                       "read-only, no networks exist).",
            "detail": ""}})

    def do_GET(self):
        path = self.path.split("?", 1)[0]
        if path in ("", "/"):
            return self._send(200, {"versions": [{
                "id": "v2.0", "status": "CURRENT",
                "links": [{"href": f"{BASE}/v2.0/", "rel": "self"}]}]})
        if path in ("/v2.0", "/v2.0/"):
            return self._send(200, {"resources": []})
        m = COLLECTION.match(path)
        if m:
            return self._send(200, {m.group(1).replace("-", "_"): []})
        return self._not_found()

    do_HEAD = do_GET

    def _write(self):
        # drain the body so the connection stays sane, then refuse
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        self._not_found()

    do_POST = do_PUT = do_DELETE = do_PATCH = _write

    def log_message(self, fmt, *args):
        sys.stdout.write("%s %s\n" % (self.log_date_time_string(), fmt % args))
        sys.stdout.flush()


if __name__ == "__main__":
    ThreadingHTTPServer.daemon_threads = True
    httpd = ThreadingHTTPServer((HOST, PORT), Handler)
    print(f"osdev neutron stub listening on {BASE}", flush=True)
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        pass
