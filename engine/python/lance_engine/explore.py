"""Looking inside a dataset for the window: a page of rows, and a query with its plan."""
from __future__ import annotations

import base64
import datetime
import decimal
import math
import time
from typing import Any, Dict

from .datasets import open_dataset
from .errors import lance_message, EngineError
from .verify import INDEXED_PLAN_MARKERS

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


def preview_rows(params: Dict[str, Any]) -> Dict[str, Any]:
    ds = open_dataset(params["uri"], params.get("storage_options") or {}, params.get("version"))
    offset, limit = int(params.get("offset", 0)), int(params.get("limit", 100))
    table = ds.to_table(offset=offset, limit=limit)
    return {"columns": table.column_names, "rows": rows_of(table), "offset": offset, "total": ds.count_rows()}


def query(params: Dict[str, Any]) -> Dict[str, Any]:
    ds = open_dataset(params["uri"], params.get("storage_options") or {}, None)
    args: Dict[str, Any] = {"limit": int(params.get("limit", 100))}
    if params.get("filter"):
        args["filter"] = params["filter"]
    fts = params.get("full_text")
    if fts:
        args["full_text_query"] = fts["query"] if not fts.get("column") else {"query": fts["query"], "columns": [fts["column"]]}
    if not args.get("filter") and not fts:
        raise EngineError("Give a filter (SQL, e.g. category = 'toys') or a full-text query.", "input")
    try:
        scanner = ds.scanner(**args)
        plan = scanner.explain_plan()
        started = time.monotonic()
        table = scanner.to_table()
        elapsed = (time.monotonic() - started) * 1000
    except Exception as exc:
        raise EngineError(f"The query could not run: {lance_message(exc).splitlines()[0]}", "input") from exc
    if fts:
        used = "MatchQuery" in plan and "FlatMatchQuery" not in plan
    else:
        used = any(m in plan for m in INDEXED_PLAN_MARKERS)
    return {"columns": table.column_names, "rows": rows_of(table), "elapsed_ms": elapsed, "used_index": used, "plan": plan}
