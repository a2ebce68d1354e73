"""One batch of an index build: the index over just the given fragments, nothing committed."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any
from uuid import uuid4

from . import segment_codec, vector_build
from .datasets import open_dataset
from .errors import Cancelled, EngineError, lance_failure
from .facts import CALLER_UUID_TYPES, MAX_FRAGMENT_ID, PYLANCE_TYPE
from .object_store import remove_index_dirs

# pylance 10 reads these types' parameters only from an IndexConfig; given as keyword arguments
# they are silently dropped (measured: ZONEMAP rows_per_zone=7 built zones of 8192 rows).
CONFIG_PARAM_TYPES = {"BTREE", "ZONEMAP", "BLOOMFILTER"}


def index_spec(index_type: str, params: dict[str, Any]):
    """What to pass pylance as the index type, and the parameters left for keyword arguments."""
    if index_type in CONFIG_PARAM_TYPES and params:
        from lance.indices import IndexConfig

        return IndexConfig(index_type.lower(), params), {}
    return index_type, params


def check_fragment_ids(ds, ids: Any) -> list[int]:
    """Re-validate a batch's ids inside the worker: the plan may be stale or hand-made."""
    if not isinstance(ids, list) or not ids:
        raise EngineError("A batch needs a non-empty list of fragment ids.", "input")
    bad = [i for i in ids if not isinstance(i, int) or isinstance(i, bool) or i < 0 or i > MAX_FRAGMENT_ID]
    if bad:
        raise EngineError(f"Fragment ids must be whole numbers from 0 to {MAX_FRAGMENT_ID}; got {bad[:5]}.", "input")
    existing = {f.fragment_id for f in ds.get_fragments()}
    missing = sorted(set(ids) - existing)
    if missing:
        raise EngineError(
            f"Fragment ids {missing[:10]} do not exist at version {ds.version} (it has {len(existing)} fragments).",
            "input",
        )
    return sorted(set(ids))


def progress_forwarder(emit: Callable[[dict[str, Any]], None], is_cancelled: Callable[[], bool]):
    """A pylance progress callback that forwards events at most ~10 times a second."""
    last = [0.0]

    def on_progress(p) -> None:
        if is_cancelled():
            raise Cancelled("cancelled")
        now = time.monotonic()
        if p.event == "progress" and now - last[0] < 0.1:
            return
        last[0] = now
        emit({"event": p.event, "stage": p.stage, "completed": p.completed, "total": p.total})

    return on_progress


def build_batch(params: dict[str, Any], emit, is_cancelled) -> dict[str, Any]:
    started = time.monotonic()
    ds = open_dataset(params["uri"], params.get("storage_options") or {}, params["version"])
    ids = check_fragment_ids(ds, params.get("fragment_ids"))
    index_type = PYLANCE_TYPE.get(params["index_type"], params["index_type"])
    kwargs = dict(params.get("index_params") or {})
    callback = progress_forwarder(emit, is_cancelled)
    opened = time.monotonic()
    try:
        if params.get("workflow") == "merge":
            # The original distributed design: every batch writes partial files into one
            # shared index folder; the driver merges their metadata at commit.
            ds.create_scalar_index(
                params["column"],
                index_type,
                name=params["name"],
                fragment_ids=ids,
                index_uuid=params["index_uuid"],
                progress_callback=callback,
                **kwargs,
            )
            segment = None
            uuid = params["index_uuid"]
            fields = [ds.lance_schema.field(params["column"]).id()]
        elif params.get("vector_model"):
            index = vector_build.build_vector_segment(ds, params, ids, callback)
            segment = segment_codec.encode(index)
            uuid, fields = index.uuid, list(index.fields)
        else:
            spec, kwargs = index_spec(index_type, kwargs)
            if params.get("segment_uuid") and index_type in CALLER_UUID_TYPES:
                kwargs["index_uuid"] = params["segment_uuid"]
            index = ds.create_index_uncommitted(
                params["column"],
                spec,
                name=params["name"],
                replace=True,
                fragment_ids=ids,
                progress_callback=callback,
                **kwargs,
            )
            segment = segment_codec.encode(index)
            uuid, fields = index.uuid, list(index.fields)
    except Cancelled:
        raise
    except EngineError:
        raise
    except Exception as exc:
        raise lance_failure(exc) from exc
    return {
        "status": "success",
        "model_id": params["vector_model"]["model_id"] if params.get("vector_model") else None,
        "fragment_ids": ids,
        "fields": fields,
        "uuid": uuid,
        "segment": segment,
        "timings": {"open_s": opened - started, "build_s": time.monotonic() - opened},
    }


def prepare_merge(params: dict[str, Any]) -> dict[str, Any]:
    """Before a merge-workflow build: the index details pylance needs at commit.

    pylance offers no way to encode an index's details, but an uncommitted build over zero
    fragments returns them (~3 ms). It must not go into the shared folder: merge_index_metadata
    finds its empty metadata.lance there, skips the batches' staged parts, and the committed
    index answers every query with nothing. So it is built under a uuid of its own and removed.
    """
    ds = open_dataset(params["uri"], params.get("storage_options") or {}, params["version"])
    index_type = PYLANCE_TYPE.get(params["index_type"], params["index_type"])
    if index_type != "INVERTED":
        raise EngineError(
            f"--workflow merge supports only INVERTED/FTS indices; use --workflow segments for {params['index_type']}.",
            "input",
        )
    scratch = str(uuid4())
    try:
        index = ds.create_index_uncommitted(
            params["column"],
            index_type,
            name=params["name"],
            replace=True,
            fragment_ids=[],
            index_uuid=scratch,
            **(params.get("index_params") or {}),
        )
    finally:
        remove_index_dirs(params["uri"], params.get("storage_options") or {}, [scratch])
    return {"index_details": segment_codec.encode(index)["index_details"]}
