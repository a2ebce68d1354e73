"""Commit: publish the batches' pieces as one index, against the version that was read."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable
from typing import Any

import lance
from lance.dataset import Index

from . import segment_codec
from .cleanup import remove_unreferenced
from .datasets import open_dataset
from .errors import EngineError, lance_message
from .facts import PYLANCE_TYPE


def existing_segments(ds, name: str) -> list[Index]:
    found = []
    for info in ds.list_indices():
        if info["name"] == name:
            fields = [ds.lance_schema.field(f).id() for f in info["fields"]]
            found.append(
                Index(
                    uuid=info["uuid"],
                    name=name,
                    fields=fields,
                    dataset_version=info["version"],
                    fragment_ids=set(info["fragment_ids"]),
                    index_version=0,
                )
            )
    return found


def commit(params: dict[str, Any], emit: Callable[[dict[str, Any]], None] = lambda e: None) -> dict[str, Any]:
    """Commits the build's pieces as one index.

    Right before Lance's commit, an event names the folders the new index will be made of: if
    this process dies after that, the caller can tell "committed" from "not committed" by
    looking for them in the latest manifest, and never takes a committed index's files for
    leftovers.
    """
    uri, storage_options = params["uri"], params.get("storage_options") or {}
    started = time.monotonic()
    ds = open_dataset(uri, storage_options, params["read_version"])
    name, column = params["name"], params["column"]
    announce = lambda uuids: emit({"event": "committing", "stage": "commit", "segment_uuids": list(uuids)})  # noqa: E731
    try:
        if params.get("workflow") == "merge":
            new_version, uuids = _commit_merged_metadata(ds, params, announce)
        else:
            new_version, uuids = _commit_segments(ds, params, announce)
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


def _commit_segments(ds, params, announce):
    uri, so = params["uri"], params.get("storage_options") or {}
    segments = [segment_codec.decode(s) for s in params["segments"]]
    if params.get("merge_segments") and len(segments) > 1:
        merged = ds.merge_existing_index_segments(segments)
        to_commit = [merged]
    else:
        to_commit = segments
    announce(s.uuid for s in to_commit)
    crash_at_commit_for_tests("before")
    try:
        ds.commit_existing_index_segments(params["name"], params["column"], to_commit)
    except Exception:
        if to_commit is not segments:
            # The merged folder is ours alone (the caller removes the rest); a version referencing it is kept.
            remove_unreferenced(uri, so, [s.uuid for s in to_commit], params["read_version"])
        raise
    crash_at_commit_for_tests("after")
    if len(to_commit) != len(segments):
        # The per-batch folders were copied into the merged one; no version references them.
        remove_unreferenced(uri, so, [s.uuid for s in segments], params["read_version"])
    latest = lance.dataset(uri, storage_options=so or None)
    return latest.version, [s.uuid for s in to_commit]


def _commit_merged_metadata(ds, params, announce):
    index_type = PYLANCE_TYPE.get(params["index_type"], params["index_type"])
    ds.merge_index_metadata(params["index_uuid"], index_type)
    details = params["index_details"]
    index = segment_codec.decode(
        {
            "uuid": params["index_uuid"],
            "name": params["name"],
            "fields": params["fields"],
            "dataset_version": ds.version,
            "fragment_ids": params["fragment_ids"],
            "index_version": 0,
            "index_details": details,
        }
    )
    removed = existing_segments(ds, params["name"]) if params.get("replace") else []
    op = lance.LanceOperation.CreateIndex(new_indices=[index], removed_indices=removed)
    announce([params["index_uuid"]])
    crash_at_commit_for_tests("before")
    committed = lance.LanceDataset.commit(
        params["uri"], op, read_version=ds.version, storage_options=params.get("storage_options") or None
    )
    crash_at_commit_for_tests("after")
    return committed.version, [params["index_uuid"]]


# Test-only (a process that dies around Lance's commit, before it can answer): set to "before" or
# "after", the engine kills itself right before or right after Lance commits.
CRASH_AT_COMMIT = "LANCE_INDEX_TEST_CRASH_AT_COMMIT"


def crash_at_commit_for_tests(moment: str) -> None:
    if os.environ.get(CRASH_AT_COMMIT) == moment:
        os.kill(os.getpid(), signal.SIGKILL)
