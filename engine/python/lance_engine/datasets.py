"""Opening datasets once per process: workers and the driver reuse handles between calls."""
from __future__ import annotations

import json
from collections import OrderedDict
from typing import Any, Dict, Optional, Tuple

import lance

from .errors import lance_message, EngineError

_CACHE_SIZE = 8
_cache: "OrderedDict[Tuple[str, Optional[int], str], Any]" = OrderedDict()


def resolve(target: Dict[str, Any]) -> Tuple[str, Dict[str, str]]:
    """Return (uri, storage_options) for a target: {uri, storage_options} or {namespace, table_id}."""
    storage_options = dict(target.get("storage_options") or {})
    if target.get("uri"):
        return target["uri"], storage_options
    ns = target.get("namespace")
    table_id = target.get("table_id")
    if not ns or not table_id:
        raise EngineError("Give either a dataset uri or a namespace with a table id.", "input")
    import lance_namespace
    from lance_namespace import DescribeTableRequest

    props = {"root": ns["root"], **{f"storage.{k}": v for k, v in storage_options.items()}}
    props.update(ns.get("properties") or {})
    try:
        client = lance_namespace.connect(ns.get("impl", "dir"), props)
        desc = client.describe_table(DescribeTableRequest(id=list(table_id)))
    except Exception as exc:  # the namespace's own message names what was missing
        raise EngineError(
            f"Table {'.'.join(table_id)!r} was not found in namespace {ns['root']!r}: {exc}", "input"
        ) from exc
    storage_options.update(desc.storage_options or {})
    return desc.location, storage_options


def open_dataset(uri: str, storage_options: Dict[str, str], version: Optional[int] = None):
    """Open (or reuse) a dataset handle. version=None always reads the latest manifest."""
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
    text = lance_message(exc).splitlines()[0]
    if "not found" in text.lower() or "does not exist" in text.lower():
        return f"No Lance dataset at {uri!r} (expected a folder with _versions/ inside, or an object-store uri). Lance said: {text}"
    return f"Could not open the Lance dataset at {uri!r}: {text}"

