"""osdev SQLite shim: make oslo.db open SQLite transactions with BEGIN IMMEDIATE.

Loaded ONLY by the Nova processes of the local dev stack (nova-api,
nova-conductor, nova-scheduler, nova-compute, nova-manage), via PYTHONPATH set
by up.sh. Never put it on Keystone's path: Keystone leaks a connection until
GC, and with BEGIN IMMEDIATE that connection holds the write lock, so every
other request waits 30 s and fails (docs/openstack-dev.md, pitfall 9).

Why: oslo.db turns off pysqlite's own transaction handling and emits a plain
(deferred) BEGIN. When a read-then-write transaction races another writer,
SQLite cannot upgrade the read lock and returns SQLITE_BUSY at once, without
waiting for the busy timeout: "database is locked" under concurrent Nova
requests (pitfall 8). BEGIN IMMEDIATE takes the write lock up front, so
writers queue on the 30 s busy timeout (?timeout=30 in the URL) instead.

How: nothing is imported here (Nova monkey-patches with eventlet first).
A meta-path hook waits for oslo_db.sqlalchemy.engines to be imported, then
wraps its create_engine: for SQLite engines, oslo.db's "begin" listener
(_sqlite_emit_begin) is removed and replaced by one emitting BEGIN IMMEDIATE.
"""
import importlib.abc
import importlib.util
import sys

_TARGET = "oslo_db.sqlalchemy.engines"


def _patch(engines):
    import sqlalchemy
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
            if "in_transaction" not in conn.info:
                conn.execute(sqlalchemy.text("BEGIN IMMEDIATE"))
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
