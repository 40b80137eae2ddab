"""osdev SQLite shim: make oslo.db open SQLite transactions with BEGIN IMMEDIATE,
waiting for the write lock cooperatively.

Loaded ONLY by the Nova, Neutron and Cinder processes of the local dev stack
(nova-api, nova-conductor, nova-scheduler, nova-compute, nova-manage,
neutron-server, cinder-api, cinder-scheduler, cinder-volume, cinder-manage),
via PYTHONPATH set by up.sh. Never put it on Keystone's path: Keystone leaks a
connection until GC, and with BEGIN IMMEDIATE that connection holds the write
lock, so every other request waits 30 s and fails (docs/openstack-dev.md,
pitfall 9).

Why: oslo.db turns off pysqlite's own transaction handling and emits a plain
(deferred) BEGIN. When a read-then-write transaction races another writer,
SQLite cannot upgrade the read lock and returns SQLITE_BUSY at once, without
waiting for the busy timeout: "database is locked" under concurrent requests
(pitfall 8). BEGIN IMMEDIATE takes the write lock up front instead.

And why cooperatively: these services run many eventlet green threads in one
OS thread. SQLite's busy timeout sleeps in C, which blocks every green thread
of the process; when the lock holder is a green thread of the same process
(one that yielded inside its transaction, e.g. Neutron waiting for an OVN
database transaction), nothing can release the lock and the waiter fails after
the whole timeout. So the busy timeout is cut to 20 ms and BEGIN IMMEDIATE is
retried for up to 30 s with time.sleep, which eventlet makes a green sleep: the
holder gets to run and commit.

How: nothing is imported here (the services monkey-patch with eventlet first).
A meta-path hook waits for oslo_db.sqlalchemy.engines to be imported, then
wraps its create_engine: for SQLite engines, oslo.db's "begin" listener
(_sqlite_emit_begin) is removed and replaced by the one below.
"""
import importlib.abc
import importlib.util
import sys

_TARGET = "oslo_db.sqlalchemy.engines"
_BUSY_MS = 20      # SQLite's own (blocking) wait per attempt
_WAIT_S = 30.0     # overall wait for the write lock, as ?timeout=30 before


def _patch(engines):
    from sqlalchemy import event

    orig = engines.create_engine
    if getattr(orig, "_osdev_shim", False):
        return

    def create_engine(sql_connection, *args, **kwargs):
        engine = orig(sql_connection, *args, **kwargs)
        if engine.dialect.name != "sqlite":
            return engine
        replaced = 0
        for fn in list(engine.dispatch.begin):
            if getattr(fn, "__name__", "") == "_sqlite_emit_begin":
                event.remove(engine, "begin", fn)
                replaced += 1

        @event.listens_for(engine, "begin")
        def _osdev_sqlite_begin_immediate(conn):
            if "in_transaction" in conn.info:
                return
            import time  # looked up now: eventlet has patched time.sleep by then
            cursor = conn.connection.cursor()
            try:
                if "osdev_busy_timeout" not in conn.info:
                    cursor.execute("PRAGMA busy_timeout = %d" % _BUSY_MS)
                    conn.info["osdev_busy_timeout"] = True
                deadline = time.monotonic() + _WAIT_S
                delay = 0.002
                while True:
                    try:
                        cursor.execute("BEGIN IMMEDIATE")
                        break
                    except Exception as e:  # sqlite3.OperationalError
                        if "locked" not in str(e) or time.monotonic() > deadline:
                            raise
                        time.sleep(delay)
                        delay = min(delay * 2, 0.05)
            finally:
                cursor.close()
            conn.info["in_transaction"] = True

        sys.stderr.write("osdev sqlite shim: BEGIN IMMEDIATE for %s "
                         "(replaced %d oslo.db listener)\n"
                         % (engine.url.database, replaced))
        return engine

    create_engine._osdev_shim = True
    engines.create_engine = create_engine


class _Loader(importlib.abc.Loader):
    def __init__(self, inner):
        self._inner = inner

    def create_module(self, spec):
        return self._inner.create_module(spec)

    def exec_module(self, module):
        self._inner.exec_module(module)
        _patch(module)


class _Finder(importlib.abc.MetaPathFinder):
    def find_spec(self, fullname, path, target=None):
        if fullname != _TARGET:
            return None
        # let the normal finders locate it, then wrap its loader
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(fullname, path, target)
            if spec is not None and spec.loader is not None:
                spec.loader = _Loader(spec.loader)
                return spec
        return None


if not any(isinstance(f, _Finder) for f in sys.meta_path):
    sys.meta_path.insert(0, _Finder())
