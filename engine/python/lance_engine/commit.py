"""Commit: publish the batches' pieces as one index, against the version that was read."""
from __future__ import annotations

import time
from typing import Any, Dict, List

import lance
from lance.dataset import Index

from . import segment_codec
from .build import LANCE_TYPE
from .datasets import open_dataset
from .errors import lance_message, EngineError
from .object_store import remove_index_dirs


def existing_segments(ds, name: str) -> List[Index]:
    found = []
    for info in ds.list_indices():
        if info["name"] == name:
            fields = [ds.lance_schema.field(f).id() for f in info["fields"]]
            found.append(Index(uuid=info["uuid"], name=name, fields=fields, dataset_version=info["version"],
                               fragment_ids=set(info["fragment_ids"]), index_version=0))
    return found


def commit(params: Dict[str, Any]) -> Dict[str, Any]:
    uri, storage_options = params["uri"], params.get("storage_options") or {}
    started = time.monotonic()
    ds = open_dataset(uri, storage_options, params["read_version"])
    name, column = params["name"], params["column"]
    try:
        if params.get("workflow") == "merge":
            new_version, uuids = _commit_merged_metadata(ds, params)
        else:
            new_version, uuids = _commit_segments(ds, params)
    except EngineError:
        raise
    except Exception as exc:
        text = lance_message(exc)
        if "conflict" in text.lower():
            raise EngineError(
                f"Another writer committed an index named {name!r} (or compacted the indexed fragments) "
                f"while this build ran; nothing was committed. Lance said: {text.splitlines()[0]}",
                "conflict",
            ) from exc
        raise EngineError(f"Commit of index {name!r} on column {column!r} failed: {type(exc).__name__}: {text}") from exc
    return {"version": new_version, "segment_uuids": uuids, "commit_s": time.monotonic() - started}


def _commit_segments(ds, params):
    segments = [segment_codec.decode(s) for s in params["segments"]]
    if params.get("merge_segments") and len(segments) > 1:
        merged = ds.merge_existing_index_segments(segments)
        to_commit = [merged]
    else:
        to_commit = segments
    try:
        ds.commit_existing_index_segments(params["name"], params["column"], to_commit)
    except Exception:
        if to_commit is not segments:
            # The merged folder is ours alone and now unreferenced; the caller removes the rest.
            remove_index_dirs(params["uri"], params.get("storage_options") or {}, [s.uuid for s in to_commit])
        raise
    if len(to_commit) != len(segments):
        # The per-batch folders were copied into the merged one; nothing references them now.
        remove_index_dirs(params["uri"], params.get("storage_options") or {}, [s.uuid for s in segments])
    latest = lance.dataset(params["uri"], storage_options=params.get("storage_options") or None)
    return latest.version, [s.uuid for s in to_commit]


def _commit_merged_metadata(ds, params):
    index_type = LANCE_TYPE.get(params["index_type"], params["index_type"])
    ds.merge_index_metadata(params["index_uuid"], index_type)
    details = params["index_details"]
    index = segment_codec.decode({
        "uuid": params["index_uuid"], "name": params["name"], "fields": params["fields"],
        "dataset_version": ds.version, "fragment_ids": params["fragment_ids"], "index_version": 0,
        "index_details": details,
    })
    removed = existing_segments(ds, params["name"]) if params.get("replace") else []
    op = lance.LanceOperation.CreateIndex(new_indices=[index], removed_indices=removed)
    committed = lance.LanceDataset.commit(
        params["uri"], op, read_version=ds.version, storage_options=params.get("storage_options") or None
    )
    return committed.version, [params["index_uuid"]]
