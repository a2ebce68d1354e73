"""After a commit: is the index listed, of the right type, over the planned fragments, and used?"""
from __future__ import annotations

import math
import re
from typing import Any, Dict, List, Optional

import lance

from .errors import lance_message

# Lance's own names for the index types, as describe_indices reports them.
LANCE_TYPE_NAME = {
    "BTREE": "BTree", "BITMAP": "Bitmap", "LABEL_LIST": "LabelList", "INVERTED": "Inverted",
    "FTS": "Inverted", "NGRAM": "NGram", "ZONEMAP": "ZoneMap", "BLOOMFILTER": "BloomFilter",
}
INDEXED_PLAN_MARKERS = ("ScalarIndexQuery", "MaterializeIndex", "ScalarIndexExpr")


def column_ref(path: str) -> str:
    return ".".join(p if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", p) else f"`{p}`" for p in path.split("."))


def literal(value: Any) -> Optional[str]:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int,)):
        return str(value)
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else None
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    return None


def sample_value(ds, column: str, frags: List[Any]) -> Any:
    table = ds.scanner(columns=[column], fragments=frags or None, limit=200).to_table()
    for value in table.column(0).to_pylist():
        if value is None or value == [] or value == "":
            continue
        if isinstance(value, list):
            value = next((v for v in value if v is not None), None)
            if value is None:
                continue
        return value
    return None


def probe_query(index_type: str, column: str, value: Any) -> Dict[str, Any]:
    """The cheapest query that the given index type should answer."""
    ref = column_ref(column)
    if index_type in ("INVERTED", "FTS"):
        # The longest word: least likely to be a stop word the tokenizer drops.
        token = max(re.findall(r"\w{3,}", str(value)) or [str(value)], key=len)
        return {"full_text_query": token, "describe": f"full-text search for {token!r}"}
    if index_type == "NGRAM":
        text = str(value)
        piece = text[: min(len(text), 4)]
        return {"filter": f"contains({ref}, {literal(piece)})"}
    lit = literal(value)
    if lit is None:
        return {}
    if index_type == "LABEL_LIST":
        return {"filter": f"array_has_any({ref}, [{lit}])"}
    return {"filter": f"{ref} = {lit}"}


def check_answers(ds, scanner_args: Dict[str, Any], frags: List[Any], full_text: bool) -> Dict[str, Any]:
    """A plan that uses the index proves little if the index is empty: compare answers.

    On the probed fragments: a filter must return the same rows
    with the index as with a flat scan; a full-text probe, built from a word of a real value in
    those fragments, must find at least that row.
    """
    args = {**scanner_args, "fragments": frags}
    try:
        indexed = ds.scanner(**args).count_rows()
        if full_text:
            ok = indexed > 0
            return {"rows": indexed, **({} if ok else {"problem": "the full-text probe found no row, though its word comes from a row of the indexed fragments"})}
        flat = ds.scanner(**args, use_scalar_index=False).count_rows()
    except Exception as exc:  # a probe we can't run is reported, not fatal
        return {"problem": f"the probe query could not run: {lance_message(exc)}"}
    if indexed != flat:
        return {"rows": indexed, "problem": f"the index answered {indexed} rows where a full scan finds {flat}"}
    return {"rows": indexed}


def verify(params: Dict[str, Any]) -> Dict[str, Any]:
    ds = lance.dataset(params["uri"], storage_options=params.get("storage_options") or None)
    name, index_type, column = params["name"], params["index_type"], params["column"]
    planned = sorted(params["fragment_ids"])
    found = next((d for d in ds.describe_indices() if d.name == name), None)
    result: Dict[str, Any] = {"version": ds.version, "listed": found is not None, "name": name}
    if found is None:
        return {**result, "ok": False, "problems": [f"index {name!r} is not listed at version {ds.version}"]}
    covered = sorted({f for seg in found.segments for f in seg.fragment_ids})
    expected_type = LANCE_TYPE_NAME.get(index_type, index_type)
    problems = []
    if found.index_type != expected_type:
        problems.append(f"index type is {found.index_type}, expected {expected_type}")
    missing = sorted(set(planned) - set(covered))
    if missing:
        problems.append(f"fragments {missing[:10]} were planned but are not covered")
    fragments = ds.get_fragments()
    unindexed = sorted({f.fragment_id for f in fragments} - set(covered))
    result.update({
        "type": found.index_type, "segments": len(found.segments), "covered_fragments": covered,
        "planned_fragments_covered": not missing, "unindexed_fragments": unindexed,
        "rows_indexed": found.num_rows_indexed,
    })
    # The probe reads a few planned fragments only, so it stays cheap on any dataset size.
    wanted = set(planned)
    probed = [f for f in fragments if f.fragment_id in wanted][:3]
    value = sample_value(ds, column, probed)
    query = probe_query(index_type, column, value) if value is not None else {}
    if query:
        scanner_args = {k: v for k, v in query.items() if k in ("filter", "full_text_query")}
        scanner_args["columns"] = [column.split(".")[0]]
        plan = ds.scanner(**scanner_args).explain_plan()
        if "full_text_query" in query:
            uses = "MatchQuery" in plan and "FlatMatchQuery" not in plan
        else:
            uses = any(m in plan for m in INDEXED_PLAN_MARKERS)
        result["query"] = {"text": query.get("filter") or query.get("describe"), "uses_index": uses,
                           "plan": plan.strip().splitlines()[:6]}
        if not uses:
            problems.append(f"the query {result['query']['text']} does not use the index")
        answers = check_answers(ds, scanner_args, probed, "full_text_query" in query)
        result["query"].update(answers)
        if answers.get("problem"):
            problems.append(answers["problem"])
    else:
        # An all-null column can't be probed; that is not a fault of the index.
        result["query"] = None
    result["ok"] = not problems
    result["problems"] = problems
    return result
