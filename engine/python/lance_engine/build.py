"""One batch of an index build: the index over just the given fragments, nothing committed."""
from __future__ import annotations

import time
from uuid import uuid4
from typing import Any, Callable, Dict, List, Optional

from . import segment_codec
from .datasets import open_dataset
from .errors import lance_message, Cancelled, EngineError
from .object_store import remove_index_dirs

MAX_FRAGMENT_ID = 2**32 - 1
# pylance's type names; FTS is pylance's own alias of INVERTED.
LANCE_TYPE = {"FTS": "INVERTED"}
# Types whose segment uuid the caller may choose (pylance 10 refuses it for BTREE, NGRAM,
# LABEL_LIST). Choosing it lets the caller remove a killed batch's partial folder.
CALLER_UUID_TYPES = {"INVERTED", "BITMAP", "ZONEMAP", "BLOOMFILTER"}


def check_fragment_ids(ds, ids: Any) -> List[int]:
    """Re-validate a batch's ids inside the worker: the plan may be stale or hand-made."""
    if not isinstance(ids, list) or not ids:
        raise EngineError("A batch needs a non-empty list of fragment ids.", "input")
    bad = [i for i in ids if not isinstance(i, int) or isinstance(i, bool) or i < 0 or i > MAX_FRAGMENT_ID]
    if bad:
        raise EngineError(
            f"Fragment ids must be whole numbers from 0 to {MAX_FRAGMENT_ID}; got {bad[:5]}.", "input"
        )
    existing = {f.fragment_id for f in ds.get_fragments()}
    missing = sorted(set(ids) - existing)
    if missing:
        raise EngineError(
            f"Fragment ids {missing[:10]} do not exist at version {ds.version} "
            f"(it has {len(existing)} fragments).",
            "input",
        )
    return sorted(set(ids))


def progress_forwarder(emit: Callable[[Dict[str, Any]], None], is_cancelled: Callable[[], bool]):
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


def build_batch(params: Dict[str, Any], emit, is_cancelled) -> Dict[str, Any]:
    started = time.monotonic()
    ds = open_dataset(params["uri"], params.get("storage_options") or {}, params["version"])
    ids = check_fragment_ids(ds, params.get("fragment_ids"))
    index_type = LANCE_TYPE.get(params["index_type"], params["index_type"])
    kwargs = dict(params.get("index_params") or {})
    callback = progress_forwarder(emit, is_cancelled)
    opened = time.monotonic()
    try:
        if params.get("workflow") == "merge":
            # The original distributed design: every batch writes partial files into one
            # shared index folder; the driver merges their metadata at commit.
            ds.create_scalar_index(
                params["column"], index_type, name=params["name"], fragment_ids=ids,
                index_uuid=params["index_uuid"], progress_callback=callback, **kwargs,
            )
            segment = None
            uuid = params["index_uuid"]
            fields = [ds.lance_schema.field(params["column"]).id()]
        else:
            if params.get("segment_uuid") and index_type in CALLER_UUID_TYPES:
                kwargs["index_uuid"] = params["segment_uuid"]
            index = ds.create_index_uncommitted(
                params["column"], index_type, name=params["name"], replace=True,
                fragment_ids=ids, progress_callback=callback, **kwargs,
            )
            segment = segment_codec.encode(index)
            uuid, fields = index.uuid, list(index.fields)
    except Cancelled:
        raise
    except EngineError:
        raise
    except Exception as exc:
        raise EngineError(lance_message(exc)) from exc
    return {
        "status": "success",
        "fragment_ids": ids,
        "fields": fields,
        "uuid": uuid,
        "segment": segment,
        "timings": {"open_s": opened - started, "build_s": time.monotonic() - opened},
    }


def prepare_merge(params: Dict[str, Any]) -> Dict[str, Any]:
    """Before a merge-workflow build: the index details pylance needs at commit.

    pylance offers no way to encode an index's details, but an uncommitted build over zero
    fragments returns them (~3 ms). It must not go into the shared folder: merge_index_metadata
    finds its empty metadata.lance there, skips the batches' staged parts, and the committed
    index answers every query with nothing. So it is built under a uuid of its own and removed.
    """
    ds = open_dataset(params["uri"], params.get("storage_options") or {}, params["version"])
    index_type = LANCE_TYPE.get(params["index_type"], params["index_type"])
    if index_type != "INVERTED":
        raise EngineError(
            f"--workflow merge supports only INVERTED/FTS indices with pylance 10; "
            f"use --workflow segments for {params['index_type']}.",
            "input",
        )
    scratch = str(uuid4())
    try:
        index = ds.create_index_uncommitted(
            params["column"], index_type, name=params["name"], replace=True, fragment_ids=[],
            index_uuid=scratch, **(params.get("index_params") or {}),
        )
    finally:
        remove_index_dirs(params["uri"], params.get("storage_options") or {}, [scratch])
    return {"index_details": segment_codec.encode(index)["index_details"]}
