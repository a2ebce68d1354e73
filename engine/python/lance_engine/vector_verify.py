"""After a vector build: a nearest-neighbour probe must use the ANN index (its plan), and its
answers are measured: recall@k against an exact search over every live row, for a sample of
query vectors taken from the indexed fragments."""

from __future__ import annotations

from typing import Any

import numpy as np

from .errors import lance_message
from .facts import plan_uses_vector_index

K = 10
QUERIES = 20
# Partitions searched per query: LanceDB's default. Recall depends on it, so it is reported.
NPROBES = 20
# IVF_FLAT keeps the vectors as they are: with the shared model its recall must stay this high.
REQUIRED_RECALL = {"IVF_FLAT": 0.9}
SCAN_BATCH = 65536


def matrix(column) -> np.ndarray:
    """Rows of a fixed-size-list column as a float matrix (nulls must be dropped before)."""
    width = column.type.list_size
    return column.flatten().to_numpy(zero_copy_only=False).astype(np.float32).reshape(-1, width)


def _distances(x: np.ndarray, q: np.ndarray, metric: str) -> np.ndarray:
    """Distances of every row of x to every query (rows x queries), in Lance's order."""
    if metric == "dot":
        return -(x @ q.T)
    if metric == "cosine":
        xn = x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-30)
        qn = q / np.maximum(np.linalg.norm(q, axis=1, keepdims=True), 1e-30)
        return 1 - xn @ qn.T
    return (x * x).sum(1)[:, None] - 2 * (x @ q.T) + (q * q).sum(1)[None, :]


def sample_queries(ds, column: str, planned: list[int]) -> np.ndarray:
    """Up to QUERIES non-null vectors spread over the planned fragments (a fixed seed: repeatable)."""
    wanted = set(planned)
    frags = [f for f in ds.get_fragments() if f.fragment_id in wanted]
    rng = np.random.default_rng(0)
    picked = []
    for f in rng.permutation(len(frags))[:QUERIES]:
        t = ds.scanner(columns=[column], fragments=[frags[f]], filter=f"{_ref(column)} IS NOT NULL", limit=QUERIES).to_table()
        picked.extend(matrix(t.column(0).combine_chunks())[: max(1, QUERIES // len(frags) + 1)])
    return np.array(picked[:QUERIES], dtype=np.float32)


def _ref(path: str) -> str:
    return ".".join(f"`{p}`" for p in path.split("."))


def exact_neighbours(ds, column: str, queries: np.ndarray, metric: str) -> np.ndarray:
    """Row ids of the k nearest live rows to each query, by a full scan in batches (bounded memory).
    Each batch keeps only its own k best per query (a partial sort), so the full sort is of 2k
    candidates, not of the batch: it took most of a 500,000-row check's time before."""
    best_d = np.full((len(queries), 0), np.inf, dtype=np.float32)
    best_id = np.zeros((len(queries), 0), dtype=np.uint64)
    scanner = ds.scanner(columns=[column], with_row_id=True, filter=f"{_ref(column)} IS NOT NULL", batch_size=SCAN_BATCH)
    for batch in scanner.to_batches():
        if batch.num_rows == 0:
            continue
        x = matrix(batch.column(0))
        ids = batch.column(batch.schema.get_field_index("_rowid")).to_numpy()
        d = _distances(x, queries, metric).T.astype(np.float32, copy=False)  # queries x rows
        ids = np.broadcast_to(ids, d.shape)
        if d.shape[1] > K:
            part = np.argpartition(d, K, axis=1)[:, :K]
            d, ids = np.take_along_axis(d, part, axis=1), np.take_along_axis(ids, part, axis=1)
        all_d = np.concatenate([best_d, d], axis=1)
        all_id = np.concatenate([best_id, ids], axis=1)
        keep = np.argsort(all_d, axis=1, kind="stable")[:, :K]
        best_d = np.take_along_axis(all_d, keep, axis=1)
        best_id = np.take_along_axis(all_id, keep, axis=1)
    return best_id


def ann_neighbours(ds, column: str, q: np.ndarray) -> list[int]:
    nearest = {"column": column, "q": q, "k": K, "nprobes": NPROBES}
    t = ds.to_table(nearest=nearest, columns=[], with_row_id=True)
    return t.column("_rowid").to_pylist()


def probe(ds, column: str, index_type: str, metric: str, planned: list[int]) -> dict[str, Any]:
    """{query, recall, problems}: the ANN plan of one probe, and recall@K over the sample."""
    problems: list[str] = []
    try:
        queries = sample_queries(ds, column, planned)
    except Exception as exc:  # a probe we can't run is reported, not fatal
        return {"query": None, "recall": None, "problems": [f"the vector probe could not run: {lance_message(exc)}"]}
    if len(queries) == 0:
        return {"query": None, "recall": None, "problems": []}  # all-null column: nothing to probe
    plan = ds.scanner(nearest={"column": column, "q": queries[0], "k": K, "nprobes": NPROBES}, columns=[]).explain_plan()
    uses = plan_uses_vector_index(plan)
    query = {
        "text": f"{K} nearest neighbours of a row's {column} (nprobes {NPROBES})",
        "uses_index": uses,
        "plan": plan.strip().splitlines()[:6],
    }
    if not uses:
        problems.append(f"the nearest-neighbour query on {column} does not use the index")
    truth = exact_neighbours(ds, column, queries, metric)
    hits = [len(set(ann_neighbours(ds, column, q)) & set(t.tolist())) / K for q, t in zip(queries, truth, strict=True)]
    required = REQUIRED_RECALL.get(index_type)
    recall = {"k": K, "queries": len(queries), "nprobes": NPROBES, "value": round(float(np.mean(hits)), 4), "required": required}
    if required is not None and recall["value"] < required:
        problems.append(f"recall@{K} is {recall['value']}, below the {required} {index_type} must reach")
    return {"query": query, "recall": recall, "problems": problems}
