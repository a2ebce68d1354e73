"""Opening datasets once per thread: workers and the driver reuse handles between calls.

Per thread, because an engine with lanes runs calls on several threads at once, and a pylance
handle can't be used by two of them at the same time (its builds borrow it mutably: "Already
borrowed").
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from typing import Any

import lance

from .containment import check_contained
from .errors import EngineError, lance_message
from .not_a_dataset import not_a_dataset

_CACHE_SIZE = 8
NAMESPACE_IMPLS = ("dir", "rest")
_per_thread = threading.local()


def _handles() -> OrderedDict[tuple[str, int | None, str], Any]:
    if not hasattr(_per_thread, "cache"):
        _per_thread.cache = OrderedDict()
    return _per_thread.cache


def resolve(target: dict[str, Any]) -> tuple[str, dict[str, str]]:
    """Return (uri, storage_options) for a target: {uri, storage_options} or {namespace, table_id}."""
    storage_options = dict(target.get("storage_options") or {})
    if target.get("uri"):
        return target["uri"], storage_options
    ns = target.get("namespace")
    table_id = target.get("table_id")
    if not ns or not table_id:
        raise EngineError("Give either a dataset uri or a namespace with a table id.", "input")
    impl = ns.get("impl", "dir")
    if impl not in NAMESPACE_IMPLS:
        # lance_namespace.connect imports any other value as a module path; importing runs code.
        raise EngineError(f"Namespace implementation {impl!r} is not supported; use 'dir' or 'rest'.", "input")
    import lance_namespace
    from lance_namespace import DescribeTableRequest

    props = {"root": ns["root"], **{f"storage.{k}": v for k, v in storage_options.items()}}
    props.update(ns.get("properties") or {})
    try:
        client = lance_namespace.connect(impl, props)
        desc = client.describe_table(DescribeTableRequest(id=list(table_id)))
    except Exception as exc:  # the namespace's own message names what was missing
        raise EngineError(f"Table {'.'.join(table_id)!r} was not found in namespace {ns['root']!r}: {exc}", "input") from exc
    storage_options.update(desc.storage_options or {})
    return desc.location, storage_options


def open_dataset(uri: str, storage_options: dict[str, str], version: int | None = None):
    """Open (or reuse) a dataset handle. version=None always reads the latest manifest."""
    check_contained(uri)  # on every call: a link can be planted between two calls on a cached handle
    _cache = _handles()
    key = (uri, version, json.dumps(storage_options, sort_keys=True))
    if version is not None and key in _cache:
        _cache.move_to_end(key)
        return _cache[key]
    try:
        ds = lance.dataset(uri, version=version, storage_options=storage_options or None)
    except Exception as exc:
        raise EngineError(describe_open_error(uri, exc), "input") from exc
    if version is None:
        # Cache it under its concrete version so later calls pinned to it reuse the handle.
        key = (uri, ds.version, key[2])
    _cache[key] = ds
    while len(_cache) > _CACHE_SIZE:
        _cache.popitem(last=False)
    return ds


def describe_open_error(uri: str, exc: Exception) -> str:
    instead = not_a_dataset(uri)
    if instead:
        return instead
    text = lance_message(exc).splitlines()[0]
    if "not found" in text.lower() or "does not exist" in text.lower():
        return (
            f"No Lance dataset at {uri!r} (expected a folder with _versions/ inside, or an object-store uri). Lance said: {text}"
        )
    return f"Could not open the Lance dataset at {uri!r}: {text}"
