"""After a commit: is the index listed, of the right type, over the planned fragments, and used?"""

from __future__ import annotations

import math
import re
from typing import Any

import lance

from . import vector_verify
from .errors import lance_message
from .facts import LANCE_TYPE_NAME, plan_uses_index


def column_ref(path: str) -> str:
    return ".".join(p if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", p) else f"`{p}`" for p in path.split("."))


def literal(value: Any) -> str | None:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int,)):
        return str(value)
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else None
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    return None


def sample_values(ds, column: str, frags: list[Any]) -> list[Any]:
    """Non-empty values of the column (a list's items flattened) from the first rows of `frags`."""
    table = ds.scanner(columns=[column], fragments=frags or None, limit=200).to_table()
    values = []
    for value in table.column(0).to_pylist():
        items = value if isinstance(value, list) else [value]
        values.extend(v for v in items if v is not None and v != "")
    return values


# The tokenizer drops stop words ("it", "is", ...; which ones depends on the language and the
# index's parameters) and tokens longer than max_token_length (40 by default), in the query as in
# the index: a probe made of such a word finds nothing on a good index. Longer words are tried
# first (stop words are short), and a few more when one finds nothing, before calling it a problem.
FULL_TEXT_PROBES = 6
MAX_PROBE_WORD = 40


def probe_words(values: list[Any]) -> list[str]:
    """Distinct words of the sampled values, the likeliest to be kept by the tokenizer first."""
    words: dict[str, str] = {}
    for value in values:
        for word in re.findall(r"\w+", str(value)):
            if len(word) <= MAX_PROBE_WORD:
                words.setdefault(word.lower(), word)
    return sorted(words.values(), key=lambda w: (-min(len(w), 12), w.lower()))[:FULL_TEXT_PROBES]


def probe_query(index_type: str, column: str, values: list[Any]) -> dict[str, Any]:
    """The cheapest query that the given index type should answer, from sampled values."""
    ref = column_ref(column)
    if index_type in ("INVERTED", "FTS"):
        words = probe_words(values)
        if not words:
            return {}
        return {"full_text_query": words[0], "describe": f"full-text search for {words[0]!r}", "alternatives": words[1:]}
    value = values[0]
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


def check_answers(ds, scanner_args: dict[str, Any], frags: list[Any], alternatives: list[str] | None = None) -> dict[str, Any]:
    """A plan that uses the index proves little if the index is empty: compare answers.

    On the probed fragments: a filter must return the same rows with the index as with a flat
    scan; a full-text probe, built from a word of a real value in those fragments, must find at
    least that row (with a word the tokenizer keeps: the alternatives are tried in turn).
    """
    args = {**scanner_args, "fragments": frags}
    try:
        if alternatives is not None:
            tried = [args["full_text_query"], *alternatives]
            for word in tried:
                found = ds.scanner(**{**args, "full_text_query": word}).count_rows()
                if found > 0:
                    return {"rows": found, "word": word}
            listed = ", ".join(repr(w) for w in tried)
            return {
                "rows": 0,
                "problem": (
                    f"no full-text probe found a row ({listed}), though each word comes from a row of the indexed fragments"
                ),
            }
        indexed = ds.scanner(**args).count_rows()
        flat = ds.scanner(**args, use_scalar_index=False).count_rows()
    except Exception as exc:  # a probe we can't run is reported, not fatal
        return {"problem": f"the probe query could not run: {lance_message(exc)}"}
    if indexed != flat:
        return {"rows": indexed, "problem": f"the index answered {indexed} rows where a full scan finds {flat}"}
    return {"rows": indexed}


def verify(params: dict[str, Any]) -> dict[str, Any]:
    ds = lance.dataset(params["uri"], storage_options=params.get("storage_options") or None)
    name, index_type, column = params["name"], params["index_type"], params["column"]
    planned = sorted(params["fragment_ids"])
    found = next((d for d in ds.describe_indices() if d.name == name), None)
    result: dict[str, Any] = {"version": ds.version, "listed": found is not None, "name": name}
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
    result.update(
        {
            "type": found.index_type,
            "segments": len(found.segments),
            "covered_fragments": covered,
            "planned_fragments_covered": not missing,
            "unindexed_fragments": unindexed,
            "rows_indexed": found.num_rows_indexed,
        }
    )
    # The probe reads a few planned fragments only, so it stays cheap on any dataset size.
    if index_type.startswith("IVF_"):
        metric = ds.stats.index_stats(name)["indices"][0].get("metric_type", "l2")
        found_probe = vector_verify.probe(ds, column, index_type, metric.lower(), planned)
        problems.extend(found_probe["problems"])
        result.update({"query": found_probe["query"], "recall": found_probe["recall"], "ok": not problems, "problems": problems})
        return result
    wanted = set(planned)
    probed = [f for f in fragments if f.fragment_id in wanted][:3]
    values = sample_values(ds, column, probed)
    query = probe_query(index_type, column, values) if values else {}
    if query:
        scanner_args = {k: v for k, v in query.items() if k in ("filter", "full_text_query")}
        scanner_args["columns"] = [column.split(".")[0]]
        answers = check_answers(ds, scanner_args, probed, query.get("alternatives"))
        if answers.get("word"):  # the plan is read for the word the tokenizer kept
            scanner_args["full_text_query"] = answers.pop("word")
            query["describe"] = f"full-text search for {scanner_args['full_text_query']!r}"
        plan = ds.scanner(**scanner_args).explain_plan()
        uses = plan_uses_index(plan, full_text="full_text_query" in query)
        result["query"] = {
            "text": query.get("filter") or query.get("describe"),
            "uses_index": uses,
            "plan": plan.strip().splitlines()[:6],
            **answers,
        }
        if not uses:
            problems.append(f"the query {result['query']['text']} does not use the index")
        if answers.get("problem"):
            problems.append(answers["problem"])
    else:
        # An all-null column can't be probed; that is not a fault of the index.
        result["query"] = None
    result["ok"] = not problems
    result["problems"] = problems
    return result
