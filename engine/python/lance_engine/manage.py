"""Managing a committed index: drop it, or rename it. Each is one commit; no index file is
written or deleted (a dropped index's folders stay until `cleanup`, since older versions still
reference them)."""

from __future__ import annotations

import dataclasses
from typing import Any

import lance

from .datasets import open_dataset
from .errors import EngineError, lance_message


def _named(ds, name: str) -> list[dict[str, Any]]:
    found = [i for i in ds.list_indices() if i["name"] == name]
    if not found:
        names = sorted({i["name"] for i in ds.list_indices()})
        raise EngineError(f"No index named {name!r} at version {ds.version}; it has {', '.join(names) or 'no indices'}.", "input")
    return found


def drop_index(params: dict[str, Any]) -> dict[str, Any]:
    uri, so = params["uri"], params.get("storage_options") or {}
    ds = open_dataset(uri, so)
    _named(ds, params["name"])
    try:
        ds.drop_index(params["name"])
    except Exception as exc:
        raise EngineError(f"Dropping index {params['name']!r} failed: {lance_message(exc)}") from exc
    return {"version": lance.dataset(uri, storage_options=so or None).version}


def rename_index(params: dict[str, Any]) -> dict[str, Any]:
    """Commits the same segments (same folders) under the new name, in place of the old name.

    pylance (10 and 14) has no rename; an index's segments carry their details only in the transaction
    that created them, so those are found there (newest first).
    """
    uri, so = params["uri"], params.get("storage_options") or {}
    old, new = params["name"], params["new_name"]
    ds = open_dataset(uri, so)
    current = {i["uuid"] for i in _named(ds, old)}
    if any(i["name"] == new for i in ds.list_indices()):
        raise EngineError(f"An index named {new!r} already exists; drop it first or choose another name.", "input")
    created: dict[str, Any] = {}
    for version in range(ds.version, 0, -1):
        if len(created) == len(current):
            break
        try:
            transaction = ds.read_transaction(version)
        except Exception:
            transaction = None  # its transaction file was cleaned up: look further back
        for index in getattr(getattr(transaction, "operation", None), "new_indices", None) or []:
            if index.uuid in current and index.uuid not in created:
                created[index.uuid] = index
    missing = sorted(current - set(created))
    if missing:
        raise EngineError(
            f"Index {old!r} can't be renamed here: the transactions that created its segments ({', '.join(missing)}) are no "
            f"longer in the dataset (cleaned up), and pylance keeps no other record of their details. "
            f"Rebuild it under the new name.",
            "input",
        )
    renamed = [dataclasses.replace(i, name=new, created_at=None, files=None, base_id=None) for i in created.values()]
    op = lance.LanceOperation.CreateIndex(new_indices=renamed, removed_indices=list(created.values()))
    try:
        committed = lance.LanceDataset.commit(uri, op, read_version=ds.version, storage_options=so or None)
    except Exception as exc:
        raise EngineError(f"Renaming index {old!r} to {new!r} failed: {lance_message(exc)}") from exc
    return {"version": committed.version, "segment_uuids": sorted(created)}
