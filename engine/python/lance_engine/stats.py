"""Statistics of one column (distinct values, nulls, range, text length), read from at most
`sample_rows` rows, so the window can suggest an index type before anything is built."""

from __future__ import annotations

from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from .datasets import open_dataset
from .errors import EngineError
from .explore import json_safe

DEFAULT_SAMPLE_ROWS = 1_000_000
SHOWN_CHARS = 60


def column_stats(params: dict[str, Any]) -> dict[str, Any]:
    ds = open_dataset(params["uri"], params.get("storage_options") or {}, params.get("version"))
    column = params["column"]
    limit = int(params.get("sample_rows") or DEFAULT_SAMPLE_ROWS)
    try:
        values = ds.to_table(columns=[column], limit=limit).column(0)
    except Exception as exc:
        raise EngineError(f"Column {column!r} can't be read: {exc}", "input") from exc
    total = ds.count_rows()
    rows = len(values)
    out: dict[str, Any] = {
        "column": column,
        "rows_read": rows,
        "total_rows": total,
        "sampled": rows < total,
        "nulls": values.null_count,
        "distinct": None,
        "min": None,
        "max": None,
        "avg_length": None,
        "avg_words": None,
        "list_items_distinct": None,
    }
    t = values.type
    if pa.types.is_list(t) or pa.types.is_large_list(t):
        out["list_items_distinct"] = _distinct(pc.list_flatten(values))
        return out
    if pa.types.is_struct(t) or pa.types.is_fixed_size_list(t) or pa.types.is_binary(t) or pa.types.is_large_binary(t):
        return out  # no order and no useful cardinality for an index choice
    out["distinct"] = _distinct(values)
    if pa.types.is_string(t) or pa.types.is_large_string(t):
        lengths = pc.utf8_length(values)
        words = pc.list_value_length(pc.utf8_split_whitespace(values))
        out["avg_length"] = _mean(lengths)
        out["avg_words"] = _mean(words)
    try:
        extremes = pc.min_max(values)
        out["min"], out["max"] = _shown(extremes["min"].as_py()), _shown(extremes["max"].as_py())
    except (pa.ArrowNotImplementedError, pa.ArrowTypeError):
        pass  # a type without an order
    return out


def _shown(value: Any) -> Any:
    """A bound as the window shows it: long text cut (a review's first words say enough)."""
    if isinstance(value, str) and len(value) > SHOWN_CHARS:
        return value[:SHOWN_CHARS] + "…"
    return json_safe(value)


def _distinct(values) -> int | None:
    try:
        return int(pc.count_distinct(values, mode="only_valid").as_py())
    except (pa.ArrowNotImplementedError, pa.ArrowTypeError):
        return None


def _mean(values) -> float | None:
    m = pc.mean(values).as_py()
    return None if m is None else round(float(m), 2)


def column_bytes(params: dict[str, Any]) -> dict[str, Any]:
    """Bytes of one column in each fragment, from the data files' own statistics (no data read):
    what balancing by bytes weighs, where rows mislead (text of uneven length)."""
    from lance.file import LanceFileReader

    ds = open_dataset(params["uri"], params.get("storage_options") or {}, params.get("version"))
    field_ids = _leaf_field_ids(ds, params["column"])
    base = params["uri"].rstrip("/")
    so = params.get("storage_options") or None
    out: dict[str, int] = {}
    for frag in ds.get_fragments():
        total = 0
        for f in frag.metadata.files:
            # Files of the legacy format list no column indices: nothing to weigh there (not strict).
            wanted = [ci for fid, ci in zip(f.fields, f.column_indices, strict=False) if fid in field_ids]
            if not wanted:
                continue
            columns = LanceFileReader(f"{base}/data/{f.path}", storage_options=so).file_statistics().columns
            total += sum(columns[ci].size_bytes for ci in wanted if 0 <= ci < len(columns))
        out[str(frag.fragment_id)] = total
    return {"bytes": out}


def _leaf_field_ids(ds, column: str):
    """The Lance field ids that hold a column's data (itself, or its children for lists and structs)."""
    try:
        field = ds.lance_schema.field(column)
    except Exception as exc:
        raise EngineError(f"Column {column!r} does not exist.", "input") from exc
    ids, stack = set(), [field]
    while stack:
        f = stack.pop()
        ids.add(f.id())
        stack.extend(f.children())
    return ids
