"""Looking inside a dataset for the window: a page of rows, and a query with its plan."""

from __future__ import annotations

import base64
import datetime
import decimal
import math
import time
from typing import Any

import numpy as np

from .datasets import open_dataset
from .errors import EngineError, lance_message
from .facts import plan_uses_index, plan_uses_vector_index
from .query_hints import query_error

MAX_CELL_CHARS = 2000


def json_safe(value: Any) -> Any:
    """Arrow values as JSON a table cell can show: no NaN, bytes abbreviated, long text cut."""
    if value is None or isinstance(value, (bool, int)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, str):
        return value if len(value) <= MAX_CELL_CHARS else value[:MAX_CELL_CHARS] + "…"
    if isinstance(value, (bytes, bytearray)):
        return "base64:" + base64.b64encode(bytes(value[:64])).decode() + ("…" if len(value) > 64 else "")
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, (datetime.timedelta, decimal.Decimal)):
        return str(value)
    if isinstance(value, dict):
        return {k: json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_safe(v) for v in value[:100]]
    return str(value)


def rows_of(table) -> list:
    return [{k: json_safe(v) for k, v in row.items()} for row in table.to_pylist()]


def preview_rows(params: dict[str, Any]) -> dict[str, Any]:
    ds = open_dataset(params["uri"], params.get("storage_options") or {}, params.get("version"))
    offset, limit = int(params.get("offset", 0)), int(params.get("limit", 100))
    table = ds.to_table(offset=offset, limit=limit)
    return {"columns": table.column_names, "rows": rows_of(table), "offset": offset, "total": ds.count_rows()}


def query(params: dict[str, Any]) -> dict[str, Any]:
    """A query's first rows, its plan and time; on request also how many rows match in all
    (`count`) and the same query timed with scalar indices off (`compare_without_index`).
    `nearest` is a vector search: the `k` rows nearest to the vector of row `row` (its position)."""
    ds = open_dataset(params["uri"], params.get("storage_options") or {}, params.get("version"))
    args: dict[str, Any] = {"limit": int(params.get("limit", 100))}
    if params.get("filter"):
        args["filter"] = params["filter"]
    fts = params.get("full_text")
    if fts:
        args["full_text_query"] = fts["query"] if not fts.get("column") else {"query": fts["query"], "columns": [fts["column"]]}
    near = params.get("nearest")
    if near:
        args["nearest"] = nearest_args(ds, near)
        args["limit"] = args["nearest"]["k"]
    if not args.get("filter") and not fts and not near:
        raise EngineError("Give a filter (SQL, e.g. category = 'toys'), a full-text query or a vector search.", "input")
    try:
        scanner = ds.scanner(**args)
        plan = scanner.explain_plan()
        table, elapsed = _timed(scanner)
        used = plan_uses_vector_index(plan) if near else plan_uses_index(plan, full_text=bool(fts))
        result = {"columns": table.column_names, "rows": rows_of(table), "elapsed_ms": elapsed, "used_index": used, "plan": plan}
        if params.get("count") and not near:  # a vector search answers k rows by definition
            result["total"] = _match_count(ds, args)
        if params.get("compare_without_index"):
            result["without_index"] = _without_index(ds, args, used, bool(fts))
    except EngineError:
        raise
    except Exception as exc:
        raise EngineError(query_error(lance_message(exc), params.get("filter"), ds.schema.names), "input") from exc
    return result


def _timed(scanner) -> tuple[Any, float]:
    started = time.monotonic()
    table = scanner.to_table()
    return table, (time.monotonic() - started) * 1000


def _match_count(ds, args: dict[str, Any]) -> int:
    """Every matching row, not only the first `limit`: counted without reading the columns."""
    if "full_text_query" not in args:
        return ds.count_rows(filter=args["filter"])
    # count_rows takes no full-text query; a scanner projecting nothing counts the matches.
    # Scoring's autoprojection is off, else pylance warns that _score was added to no columns.
    rest = {k: v for k, v in args.items() if k != "limit"}
    return ds.scanner(**rest, columns=[], with_row_id=True, disable_scoring_autoprojection=True).count_rows()


def nearest_args(ds, near: dict[str, Any]) -> dict[str, Any]:
    """pylance's `nearest` for the vector of one row (by position), refusing what can't be searched."""
    column, row, k = near["column"], int(near["row"]), int(near.get("k", 10))
    total = ds.count_rows()
    if not 0 <= row < total:
        raise EngineError(f"Row {row} doesn't exist: the dataset has {total:,} rows (0 to {total - 1:,}).", "input")
    try:
        value = ds.to_table(columns=[column], offset=row, limit=1).column(0)[0].as_py()
    except Exception as exc:
        raise EngineError(f"Column {column!r} can't be read: {lance_message(exc).splitlines()[0]}", "input") from exc
    if not isinstance(value, list) or not value or not all(isinstance(x, (int, float)) for x in value):
        shown = repr(value)[:60]
        raise EngineError(
            f"Column {column!r} is not a vector column (a fixed-size list of floats); row {row} holds {shown}.", "input"
        )
    args: dict[str, Any] = {"column": column, "q": np.asarray(value, dtype=np.float32), "k": k}
    if near.get("nprobes"):
        args["nprobes"] = int(near["nprobes"])
    if near.get("refine_factor"):
        args["refine_factor"] = int(near["refine_factor"])
    return args


def _without_index(ds, args: dict[str, Any], used: bool, full_text: bool) -> dict[str, Any]:
    """The same query with its index off, for the time side by side. Full-text search has
    no path without its index in pylance, and a query that used none has nothing to compare."""
    if full_text:
        return {"elapsed_ms": None, "reason": "needs its index: pylance has no full-text search without one"}
    if not used:
        return {"elapsed_ms": None, "reason": "no index was used; the query above already scanned"}
    if "nearest" in args:  # the exact search: every vector compared
        _, elapsed = _timed(ds.scanner(**{**args, "nearest": {**args["nearest"], "use_index": False}}))
        return {"elapsed_ms": elapsed, "reason": None}
    scanner = ds.scanner(**args, use_scalar_index=False)
    _, elapsed = _timed(scanner)
    return {"elapsed_ms": elapsed, "reason": None}
